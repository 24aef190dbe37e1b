// Segment meta: document count and, per text field, the statistics BM25
// needs summed across segments (documents having the field, total tokens).
// Section: fixed32 doc count, varint field count, per field varint field,
// varint docs with field, varint total tokens.
#ifndef TRAWL_SEGMENT_SEGMENT_META_H_
#define TRAWL_SEGMENT_SEGMENT_META_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::segment {

struct FieldStats {
  uint64_t doc_count = 0;        // documents with at least one token
  uint64_t total_term_freq = 0;  // tokens in the field over all documents
};

struct SegmentMeta {
  uint32_t doc_count = 0;
  std::vector<FieldStats> fields;  // by field number

  std::string Encode() const;
  static absl::StatusOr<SegmentMeta> Decode(std::string_view section, std::string_view file);
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_SEGMENT_META_H_
