#include "segment/norms.h"

#include "absl/strings/str_cat.h"
#include "segment/segment_file.h"

namespace trawl::segment {
namespace {

// Lucene's SmallFloat int4 encoding: 3 mantissa bits after an implicit
// leading one and a shift in the upper bits; values below 8 are exact.
uint32_t LongToInt4(uint64_t v) {
  int bits = 64 - __builtin_clzll(v | 1);
  if (v == 0) bits = 0;
  if (bits < 4) return static_cast<uint32_t>(v);
  int shift = bits - 4;
  uint32_t encoded = static_cast<uint32_t>(v >> shift) & 0x07;
  return encoded | static_cast<uint32_t>(shift + 1) << 3;
}

uint64_t Int4ToLong(uint32_t i) {
  uint64_t bits = i & 0x07;
  int shift = static_cast<int>(i >> 3) - 1;
  return shift == -1 ? bits : (bits | 0x08) << shift;
}

// LongToInt4(INT32_MAX) is 231, which leaves 24 byte values to spend on
// exact small lengths.
constexpr uint32_t kNumFreeValues = 255 - 231;

}  // namespace

uint8_t EncodeNorm(uint32_t length) {
  if (length > INT32_MAX) length = INT32_MAX;
  if (length < kNumFreeValues) return static_cast<uint8_t>(length);
  return static_cast<uint8_t>(kNumFreeValues + LongToInt4(length - kNumFreeValues));
}

uint32_t DecodeNorm(uint8_t norm) {
  if (norm < kNumFreeValues) return norm;
  return static_cast<uint32_t>(kNumFreeValues + Int4ToLong(norm - kNumFreeValues));
}

void NormsWriter::AddField(uint32_t field, std::span<const uint8_t> norms) {
  out_.push_back(static_cast<char>(field));
  out_.append(reinterpret_cast<const char*>(norms.data()), norms.size());
}

absl::StatusOr<Norms> Norms::Open(std::string_view section, uint32_t doc_count,
                                  std::string_view file) {
  Norms norms;
  size_t stride = size_t{doc_count} + 1;
  if (section.size() % stride != 0) return Corruption(file, "norms size");
  for (size_t at = 0; at < section.size(); at += stride) {
    uint32_t field = static_cast<uint8_t>(section[at]);
    if (norms.fields_.size() <= field) norms.fields_.resize(field + 1);
    norms.fields_[field] = std::span<const uint8_t>(
        reinterpret_cast<const uint8_t*>(section.data() + at + 1), doc_count);
  }
  return norms;
}

}  // namespace trawl::segment
