// trawl/document.h — the unit of indexing: an ordered list of (field, value).
//
//   trawl::Document doc;
//   doc.Add("id", "000_34f2c2ac72de5d4c.txt");
//   doc.Add("date", "2026-01-16");
//   doc.Add("body", "Ukrainian President Volodymyr Zelensky ...");
//
// Values are always text. The index's Schema decides what a field means: an
// analyzed text field, an exact keyword, a date ("YYYY-MM-DD"), a number.
// A field may appear more than once (a multi-valued field).
#ifndef TRAWL_DOCUMENT_H_
#define TRAWL_DOCUMENT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trawl {

class Document {
 public:
  using Field = std::pair<std::string, std::string>;

  Document() = default;

  // Appends a value; earlier values of the same field are kept.
  void Add(std::string field, std::string value) {
    fields_.emplace_back(std::move(field), std::move(value));
  }

  // Replaces every value of `field` with `value`.
  void Set(std::string_view field, std::string value);

  // The first value of `field`, or nullptr when the document has none. The
  // pointer is valid until the document is next modified.
  const std::string* Get(std::string_view field) const;

  // Every value of `field`, in insertion order.
  std::vector<std::string_view> GetAll(std::string_view field) const;

  const std::vector<Field>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }

  friend bool operator==(const Document&, const Document&) = default;

 private:
  std::vector<Field> fields_;
};

}  // namespace trawl

#endif  // TRAWL_DOCUMENT_H_
