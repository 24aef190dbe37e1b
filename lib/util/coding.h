// Little-endian fixed-width and LEB128 varint encoding, and a bounded
// decoder that reports running off its input instead of reading past it
// (every on-disk structure is decoded through it, so a damaged file gives a
// corruption status, never an out-of-bounds read).
#ifndef TRAWL_UTIL_CODING_H_
#define TRAWL_UTIL_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace trawl::util {

inline void PutFixed32(std::string* out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);  // the formats are little-endian; so is x86/ARM
  out->append(b, 4);
}
inline void PutFixed64(std::string* out, uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out->append(b, 8);
}
inline void PutVarint64(std::string* out, uint64_t v) {
  if (v < 0x80) {  // most deltas in postings: push_back inlines, append does not
    out->push_back(static_cast<char>(v));
    return;
  }
  char b[10];
  int n = 0;
  while (v >= 0x80) {
    b[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  b[n++] = static_cast<char>(v);
  out->append(b, n);
}
inline void PutVarint32(std::string* out, uint32_t v) { PutVarint64(out, v); }
inline void PutLengthPrefixed(std::string* out, std::string_view s) {
  PutVarint64(out, s.size());
  out->append(s);
}

inline uint32_t LoadFixed32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t LoadFixed64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Reads from [begin, end). Every Get returns false, consuming nothing
// usable, when the input is too short or a varint is malformed.
class Decoder {
 public:
  Decoder() = default;
  explicit Decoder(std::string_view data)
      : p_(data.data()), end_(data.data() + data.size()) {}

  bool GetFixed32(uint32_t* v) {
    if (remaining() < 4) return false;
    *v = LoadFixed32(p_);
    p_ += 4;
    return true;
  }
  bool GetFixed64(uint64_t* v) {
    if (remaining() < 8) return false;
    *v = LoadFixed64(p_);
    p_ += 8;
    return true;
  }
  bool GetByte(uint8_t* v) {
    if (p_ >= end_) return false;
    *v = static_cast<uint8_t>(*p_++);
    return true;
  }
  bool GetVarint64(uint64_t* v) {
    // Most varints of postings and skip data are one byte.
    if (p_ < end_ && static_cast<uint8_t>(*p_) < 0x80) {
      *v = static_cast<uint8_t>(*p_++);
      return true;
    }
    uint64_t result = 0;
    for (int shift = 0; shift <= 63 && p_ < end_; shift += 7) {
      uint64_t byte = static_cast<uint8_t>(*p_++);
      result |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        *v = result;
        return true;
      }
    }
    return false;
  }
  bool GetVarint32(uint32_t* v) {
    uint64_t wide;
    if (!GetVarint64(&wide) || wide > UINT32_MAX) return false;
    *v = static_cast<uint32_t>(wide);
    return true;
  }
  bool GetBytes(size_t n, std::string_view* out) {
    if (remaining() < n) return false;
    *out = std::string_view(p_, n);
    p_ += n;
    return true;
  }
  bool GetLengthPrefixed(std::string_view* out) {
    uint64_t n;
    return GetVarint64(&n) && n <= remaining() && GetBytes(n, out);
  }
  bool Skip(size_t n) {
    if (remaining() < n) return false;
    p_ += n;
    return true;
  }

  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const char* ptr() const { return p_; }

 private:
  const char* p_ = nullptr;
  const char* end_ = nullptr;
};

}  // namespace trawl::util

#endif  // TRAWL_UTIL_CODING_H_
