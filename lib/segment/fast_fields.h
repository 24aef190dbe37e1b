// Fast fields: one bit-packed column per date/i64/f64 field, a value per
// document, for range filters, sorting and facets without touching stored
// documents. A column stores value - min + 1, with 0 meaning "no value".
// Section: varint column count; per column byte field, fixed64 min, byte
// bit width, the packed values (util::PackBits64, with read padding).
#ifndef TRAWL_SEGMENT_FAST_FIELDS_H_
#define TRAWL_SEGMENT_FAST_FIELDS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::segment {

class FastFieldsWriter {
 public:
  // `values[doc]`, meaningful where `present[doc]`.
  void AddColumn(uint32_t field, std::span<const int64_t> values,
                 std::span<const uint8_t> present);
  std::string Finish();

 private:
  std::string columns_;
  uint32_t count_ = 0;
};

class FastFields {
 public:
  static absl::StatusOr<FastFields> Open(std::string_view section, uint32_t doc_count,
                                         std::string_view file);
  bool has(uint32_t field) const { return field < columns_.size() && columns_[field].data; }
  std::optional<int64_t> Get(uint32_t field, uint32_t doc) const;

 private:
  struct Column {
    const char* data = nullptr;
    int64_t min = 0;
    int bits = 0;
  };
  std::vector<Column> columns_;
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_FAST_FIELDS_H_
