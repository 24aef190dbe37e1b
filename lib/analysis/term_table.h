// TermTable: a compact hash table from short strings to short strings, for
// the per-token lookups of analysis (stop words, cached stems).
//
//   TermTable table(/*slots_log2=*/10);
//   const uint64_t h = HashTerm("running");
//   table.Insert("running", h, "run");
//   table.Find("running", h);  // "run"
//
// Callers hash a term once and reuse the hash for every table it meets.
// Short strings live in the slots, so that a lookup reads one cache line
// and allocates nothing.
#ifndef TRAWL_ANALYSIS_TERM_TABLE_H_
#define TRAWL_ANALYSIS_TERM_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"

namespace trawl::analysis {

// A fast 64-bit hash of a short string. Not for persistent use: it may
// change between versions.
inline uint64_t HashTerm(std::string_view s) {
  // The folded 128-bit product of wyhash: a multiply and an xor that carry
  // every input bit into the low bits (a table's slot) and the high bits
  // (its tag) alike, in half the instructions of MurmurHash3's finalizer.
  auto mum = [](uint64_t a, uint64_t b) {
    const absl::uint128 product = absl::uint128(a) * b;
    return absl::Uint128Low64(product) ^ absl::Uint128High64(product);
  };
  constexpr uint64_t kSeed = 0x2545F4914F6CDD1Dull;
  constexpr uint64_t kOdd = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = kSeed;
  for (; n > 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = mum(h ^ w, kOdd);
  }
  // The last 1 to 8 bytes, read as two overlapping words or three bytes.
  uint64_t w = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    w = uint64_t{hi} << 32 | lo;
  } else if (n > 0) {
    w = uint64_t{static_cast<unsigned char>(p[0])} << 16 |
        uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
        static_cast<unsigned char>(p[n - 1]);
  }
  // The length goes into the multiplier: xored into `h` it would cancel
  // against the bytes ("a" and "aac" would collide).
  return mum(h ^ w, kOdd ^ uint64_t{s.size()} << 32);
}

// Whether the `n` bytes at `a` and `b` are equal. Inline and without a
// loop for short strings, where a call to memcmp would cost more than the
// comparison; reads only the `n` bytes.
inline bool EqualBytes(const char* a, const char* b, size_t n) {
  auto load64 = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto load32 = [](const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
  };
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (load64(a + i) != load64(b + i)) return false;
    }
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) {
    return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  }
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

class TermTable {
 public:
  // A table of 2^slots_log2 slots, holding up to 3/4 as many entries.
  explicit TermTable(int slots_log2)
      : slots_(size_t{1} << slots_log2), mask_(slots_.size() - 1) {}

  // The value stored for `key` (whose hash is `hash`), valid until the next
  // Insert or Clear.
  std::optional<std::string_view> Find(std::string_view key, uint64_t hash) const {
    const uint32_t tag = TagOf(hash);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.key_size == 0) return std::nullopt;
      if (slot.tag != tag || slot.key_size != key.size()) continue;
      const char* stored = Bytes(slot);
      if (EqualBytes(stored, key.data(), key.size())) {
        return std::string_view(stored + slot.key_size, slot.value_size);
      }
    }
  }

  // Stores key -> value unless `key` is present. Fails (returns false) when
  // the table is full or `key` is empty or either string is over 64 KiB.
  bool Insert(std::string_view key, uint64_t hash, std::string_view value);

  // Whether Insert can add another entry.
  bool full() const { return size_ >= slots_.size() / 4 * 3; }
  size_t size() const { return size_; }

  void Clear();

 private:
  static constexpr size_t kInlineBytes = 24;

  // 32 bytes, two to a cache line. A key and value that fit are stored in
  // the slot itself, so that a lookup of a short term reads one line;
  // longer ones go to the arena.
  struct alignas(32) Slot {
    uint32_t tag = 0;         // high bits of the hash
    uint16_t key_size = 0;    // 0 marks an empty slot
    uint16_t value_size = 0;
    union {
      char bytes[kInlineBytes] = {};  // key then value
      uint32_t offset;           // of the key in arena_; the value follows
    };
  };

  static uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

  static bool IsInline(const Slot& slot) {
    return size_t{slot.key_size} + slot.value_size <= kInlineBytes;
  }

  const char* Bytes(const Slot& slot) const {
    return IsInline(slot) ? slot.bytes : arena_.data() + slot.offset;
  }

  std::vector<Slot> slots_;
  size_t mask_;
  size_t size_ = 0;
  std::string arena_;
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_TERM_TABLE_H_
