#include "segment/segment_meta.h"

#include "segment/segment_file.h"
#include "util/coding.h"

namespace trawl::segment {

std::string SegmentMeta::Encode() const {
  std::string out;
  util::PutFixed32(&out, doc_count);
  util::PutVarint64(&out, fields.size());
  for (size_t f = 0; f < fields.size(); ++f) {
    util::PutVarint64(&out, f);
    util::PutVarint64(&out, fields[f].doc_count);
    util::PutVarint64(&out, fields[f].total_term_freq);
  }
  return out;
}

absl::StatusOr<SegmentMeta> SegmentMeta::Decode(std::string_view section,
                                                std::string_view file) {
  util::Decoder d(section);
  SegmentMeta meta;
  uint64_t count;
  if (!d.GetFixed32(&meta.doc_count) || !d.GetVarint64(&count) || count > 256) {
    return Corruption(file, "segment meta");
  }
  meta.fields.resize(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t field;
    FieldStats stats;
    if (!d.GetVarint64(&field) || field >= count || !d.GetVarint64(&stats.doc_count) ||
        !d.GetVarint64(&stats.total_term_freq) || stats.doc_count > meta.doc_count) {
      return Corruption(file, "segment meta field");
    }
    meta.fields[field] = stats;
  }
  if (d.remaining() != 0) return Corruption(file, "segment meta trailing bytes");
  return meta;
}

}  // namespace trawl::segment
