#include "util/bitpack.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace trawl::util {

int MaxBitWidth(const uint32_t* in) {
  uint32_t all = 0;
  for (size_t i = 0; i < kPackBlock; ++i) all |= in[i];
  return BitWidth(all);
}

void Pack128(const uint32_t* in, int bits, std::string* out) {
  const size_t start = out->size();
  out->resize(start + PackedBytes(bits));
  if (bits == 0) return;
  char* dst = out->data() + start;
  uint64_t acc = 0;
  int filled = 0;
  for (size_t i = 0; i < kPackBlock; ++i) {
    acc |= static_cast<uint64_t>(in[i]) << filled;
    filled += bits;
    if (filled >= 32) {
      uint32_t word = static_cast<uint32_t>(acc);
      std::memcpy(dst, &word, 4);
      dst += 4;
      acc >>= 32;
      filled -= 32;
    }
  }
}

namespace {

// One instantiation per width lets the compiler turn the shifts and masks
// into constants and unroll; the generic loop is about 3x slower.
template <int kBits>
void UnpackFixed(const char* in, uint32_t* out) {
  if constexpr (kBits == 0) {
    std::memset(out, 0, kPackBlock * sizeof(uint32_t));
  } else if constexpr (kBits == 32) {
    std::memcpy(out, in, kPackBlock * sizeof(uint32_t));
  } else {
    constexpr uint64_t kMask = (uint64_t{1} << kBits) - 1;
    // 32 values of kBits bits fill exactly kBits 32-bit words; handle the
    // block as four such groups so every shift is a compile-time constant.
    for (int group = 0; group < 4; ++group) {
      uint32_t words[kBits];
      std::memcpy(words, in + group * 4 * kBits, sizeof(words));
      uint32_t* o = out + group * 32;
      [&]<size_t... I>(std::index_sequence<I...>) {
        ((o[I] = [&] {
           constexpr size_t bit = I * kBits;
           constexpr size_t w = bit / 32;
           constexpr size_t shift = bit % 32;
           uint64_t v = words[w] >> shift;
           if constexpr (shift + kBits > 32) {
             v |= static_cast<uint64_t>(words[w + 1]) << (32 - shift);
           }
           return static_cast<uint32_t>(v & kMask);
         }()),
         ...);
      }(std::make_index_sequence<32>{});
    }
  }
}

using UnpackFn = void (*)(const char*, uint32_t*);

template <size_t... B>
constexpr auto MakeUnpackTable(std::index_sequence<B...>) {
  return std::array<UnpackFn, sizeof...(B)>{&UnpackFixed<static_cast<int>(B)>...};
}

constexpr auto kUnpackers = MakeUnpackTable(std::make_index_sequence<33>{});

}  // namespace

void Unpack128(const char* in, int bits, uint32_t* out) {
  kUnpackers[static_cast<size_t>(bits)](in, out);
}

void PackBits64(const uint64_t* in, size_t n, int bits, std::string* out) {
  const size_t start = out->size();
  out->resize(start + PackedBytes64(n, bits), '\0');
  if (bits == 0) return;
  unsigned char* dst = reinterpret_cast<unsigned char*>(out->data() + start);
  for (size_t i = 0; i < n; ++i) {
    size_t bit = i * static_cast<size_t>(bits);
    uint64_t v = in[i];
    for (int done = 0; done < bits;) {
      size_t byte = (bit + done) / 8;
      int offset = static_cast<int>((bit + done) % 8);
      int take = std::min(8 - offset, bits - done);
      dst[byte] |= static_cast<unsigned char>(((v >> done) & ((1u << take) - 1)) << offset);
      done += take;
    }
  }
}

uint64_t ReadBits64(const char* data, size_t index, int bits) {
  if (bits == 0) return 0;
  size_t bit = index * static_cast<size_t>(bits);
  const char* p = data + bit / 8;
  int offset = static_cast<int>(bit % 8);
  uint64_t lo;
  std::memcpy(&lo, p, 8);
  uint64_t v = lo >> offset;
  if (offset + bits > 64) {
    v |= static_cast<uint64_t>(static_cast<unsigned char>(p[8])) << (64 - offset);
  }
  return bits == 64 ? v : v & ((uint64_t{1} << bits) - 1);
}

}  // namespace trawl::util
