// Bit packing of fixed blocks of 128 unsigned 32-bit integers, the postings
// codec's core (as in Lucene's ForUtil and Tantivy's bitpacker: one bit
// width per block, chosen by the block's largest value).
//
// Layout: value i occupies bits [i*b, (i+1)*b) of the packed area read as a
// little-endian bit string; a block of width b takes exactly 16*b bytes.
#ifndef TRAWL_UTIL_BITPACK_H_
#define TRAWL_UTIL_BITPACK_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace trawl::util {

inline constexpr size_t kPackBlock = 128;

// Bits needed to hold `v`: 0 for 0, 32 for values >= 2^31.
inline int BitWidth(uint32_t v) { return v == 0 ? 0 : 32 - __builtin_clz(v); }

// The bit width needed by the largest of in[0..127].
int MaxBitWidth(const uint32_t* in);

inline constexpr size_t PackedBytes(int bits) { return 16 * static_cast<size_t>(bits); }

// Appends the 128 values in[] packed at `bits` bits each (every value must
// fit) to `out`.
void Pack128(const uint32_t* in, int bits, std::string* out);

// Reads 128 values of `bits` bits from `in`, which must hold
// PackedBytes(bits) bytes.
void Unpack128(const char* in, int bits, uint32_t* out);

// Bit packing of any count of 64-bit values, for fast-field columns.
void PackBits64(const uint64_t* in, size_t n, int bits, std::string* out);
// Value `index` of a column packed by PackBits64. `data` must be padded with
// at least 8 readable bytes past the last packed byte.
uint64_t ReadBits64(const char* data, size_t index, int bits);
inline constexpr size_t PackedBytes64(size_t n, int bits) {
  return (n * static_cast<size_t>(bits) + 7) / 8 + 8;  // + padding for reads
}

}  // namespace trawl::util

#endif  // TRAWL_UTIL_BITPACK_H_
