// Field norms: one byte per document per text field, the field's length in
// tokens quantized the way Lucene's SmallFloat.intToByte4 does (exact below
// 24, then 4 significant bits), so BM25 scores match Lucene's exactly.
// Section: per text field, byte field number then one byte per document.
#ifndef TRAWL_SEGMENT_NORMS_H_
#define TRAWL_SEGMENT_NORMS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::segment {

uint8_t EncodeNorm(uint32_t length);
uint32_t DecodeNorm(uint8_t norm);

class NormsWriter {
 public:
  void AddField(uint32_t field, std::span<const uint8_t> norms);
  std::string Finish() { return std::move(out_); }

 private:
  std::string out_;
};

class Norms {
 public:
  static absl::StatusOr<Norms> Open(std::string_view section, uint32_t doc_count,
                                    std::string_view file);
  // The norm bytes of `field`, indexed by doc; empty if the field has none
  // (every length then reads as 0).
  std::span<const uint8_t> field(uint32_t field) const {
    return field < fields_.size() ? fields_[field] : std::span<const uint8_t>();
  }

 private:
  std::vector<std::span<const uint8_t>> fields_;
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_NORMS_H_
