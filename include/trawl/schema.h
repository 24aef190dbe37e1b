// trawl/schema.h — which fields an index has and how each is indexed.
//
//   trawl::Schema schema;
//   TRAWL_CHECK_OK(schema.AddField({.name = "id", .type = trawl::FieldType::kKeyword}));
//   TRAWL_CHECK_OK(schema.AddField({.name = "body", .type = trawl::FieldType::kText,
//                                   .analyzer = "english", .default_search = true}));
//   TRAWL_CHECK_OK(schema.SetIdField("id"));
//
// Schema::Default() is what the CLI uses: id, title, body, date, source.
// A schema is fixed when the index is created and stored in every commit.
#ifndef TRAWL_SCHEMA_H_
#define TRAWL_SCHEMA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace trawl {

enum class FieldType : uint8_t {
  kText = 1,     // analyzed; term frequencies and positions; BM25-scored
  kKeyword = 2,  // the whole value is one exact term (ids, tags, sources)
  kDate = 3,     // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[Z]"; a fast column
  kI64 = 4,      // signed 64-bit integer; a fast column
  kF64 = 5,      // double; a fast column
  kStored = 6,   // kept with the document, not searchable
};

std::string_view FieldTypeName(FieldType type);

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kText;
  bool stored = true;                // returned with hits
  std::string analyzer = "standard"; // kText only: a MakeAnalyzer() name
  bool default_search = false;       // searched by bare query words
  float boost = 1.0f;                // weight of this field in default search
};

class Schema {
 public:
  Schema() = default;

  // The schema of the news and JSONL corpora: `id` (keyword, unique),
  // `title` and `body` (text, standard analyzer, default search, title
  // boosted 2x), `date` (date), `source` (keyword).
  static Schema Default();

  // Adds a field. Fails with InvalidArgument for an empty or duplicate name,
  // a name with characters other than [A-Za-z0-9_.-], an unknown analyzer or
  // more than 255 fields.
  absl::Status AddField(FieldSpec spec);

  // Declares the unique-id field used by IndexWriter::Update and delete by
  // id. It must be a keyword field.
  absl::Status SetIdField(std::string_view name);

  const std::vector<FieldSpec>& fields() const { return fields_; }
  // The field's number (its position in fields()), or -1.
  int FieldId(std::string_view name) const;
  const FieldSpec* Find(std::string_view name) const;
  const std::string& id_field() const { return id_field_; }

  // A stable text form, stored in every commit.
  std::string Serialize() const;
  static absl::StatusOr<Schema> Deserialize(std::string_view text);

  friend bool operator==(const Schema&, const Schema&) = default;

 private:
  std::vector<FieldSpec> fields_;
  std::string id_field_;
};

// FieldSpec equality compares every member.
inline bool operator==(const FieldSpec& a, const FieldSpec& b) {
  return a.name == b.name && a.type == b.type && a.stored == b.stored &&
         a.analyzer == b.analyzer && a.default_search == b.default_search &&
         a.boost == b.boost;
}

}  // namespace trawl

#endif  // TRAWL_SCHEMA_H_
