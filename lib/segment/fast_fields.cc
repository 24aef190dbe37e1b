#include "segment/fast_fields.h"

#include <algorithm>
#include <limits>

#include "segment/segment_file.h"
#include "util/bitpack.h"
#include "util/coding.h"

namespace trawl::segment {

void FastFieldsWriter::AddColumn(uint32_t field, std::span<const int64_t> values,
                                 std::span<const uint8_t> present) {
  int64_t min = std::numeric_limits<int64_t>::max();
  for (size_t i = 0; i < values.size(); ++i) {
    if (present[i]) min = std::min(min, values[i]);
  }
  if (min == std::numeric_limits<int64_t>::max()) min = 0;
  std::vector<uint64_t> coded(values.size());
  uint64_t max_code = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    // Unsigned arithmetic: the span of int64 values always fits in uint64.
    coded[i] = present[i] ? static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(min) + 1 : 0;
    max_code = std::max(max_code, coded[i]);
  }
  int bits = max_code == 0 ? 0 : 64 - __builtin_clzll(max_code);
  columns_.push_back(static_cast<char>(field));
  util::PutFixed64(&columns_, static_cast<uint64_t>(min));
  columns_.push_back(static_cast<char>(bits));
  util::PackBits64(coded.data(), coded.size(), bits, &columns_);
  ++count_;
}

std::string FastFieldsWriter::Finish() {
  std::string out;
  util::PutVarint32(&out, count_);
  out.append(columns_);
  return out;
}

absl::StatusOr<FastFields> FastFields::Open(std::string_view section, uint32_t doc_count,
                                            std::string_view file) {
  FastFields fast;
  if (section.empty()) return fast;
  util::Decoder d(section);
  uint32_t count;
  if (!d.GetVarint32(&count)) return Corruption(file, "fast fields header");
  for (uint32_t i = 0; i < count; ++i) {
    uint8_t field, bits;
    uint64_t min;
    std::string_view packed;
    if (!d.GetByte(&field) || !d.GetFixed64(&min) || !d.GetByte(&bits) || bits > 64 ||
        !d.GetBytes(util::PackedBytes64(doc_count, bits), &packed)) {
      return Corruption(file, "fast field column");
    }
    if (fast.columns_.size() <= field) fast.columns_.resize(field + 1);
    fast.columns_[field] = Column{packed.data(), static_cast<int64_t>(min), bits};
  }
  if (d.remaining() != 0) return Corruption(file, "fast fields trailing bytes");
  return fast;
}

std::optional<int64_t> FastFields::Get(uint32_t field, uint32_t doc) const {
  if (!has(field)) return std::nullopt;
  const Column& c = columns_[field];
  uint64_t code = util::ReadBits64(c.data, doc, c.bits);
  if (code == 0) return std::nullopt;
  return static_cast<int64_t>(static_cast<uint64_t>(c.min) + code - 1);
}

}  // namespace trawl::segment
