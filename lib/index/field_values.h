// Conversions of document values for typed fields: dates and numbers become
// the int64 a fast-field column holds.
#ifndef TRAWL_INDEX_FIELD_VALUES_H_
#define TRAWL_INDEX_FIELD_VALUES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "trawl/schema.h"

namespace trawl::index {

// "YYYY-MM-DD", optionally followed by "THH:MM[:SS][Z]", as seconds since
// 1970-01-01 UTC.
absl::StatusOr<int64_t> ParseDate(std::string_view text);
// Seconds since the epoch as "YYYY-MM-DD".
std::string FormatDate(int64_t seconds);

// The column value of `text` for a kDate, kI64 or kF64 field (doubles are
// mapped to int64 so that integer order is numeric order). InvalidArgument
// names the field.
absl::StatusOr<int64_t> FastValue(const FieldSpec& field, std::string_view text);

}  // namespace trawl::index

#endif  // TRAWL_INDEX_FIELD_VALUES_H_
