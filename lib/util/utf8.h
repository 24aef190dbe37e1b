// UTF-8 decoding, encoding, checking and repair, for the parsers (which hand
// the index valid UTF-8) and the analysis hot paths.
//
// The decoder and encoder are inline because the tokenizer calls them once
// per non-ASCII code point and a library call there would cost more than the
// decoding itself. The decoder is strict (Unicode 15, table 3-7): overlong
// forms, surrogates and values above U+10FFFF are invalid, so everything it
// accepts is valid UTF-8.
//
//   std::string fixed;
//   uint64_t replaced = AppendRepairedUtf8(bytes, &fixed);
#ifndef TRAWL_UTIL_UTF8_H_
#define TRAWL_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trawl::util {

inline constexpr char32_t kReplacementChar = 0xFFFD;

struct Decoded {
  char32_t code_point;  // kReplacementChar when the bytes are invalid
  uint32_t length;      // bytes consumed, >= 1; 1 for an invalid byte

  bool invalid() const { return length == 1 && code_point == kReplacementChar; }
};

// Decodes the code point starting at `p` (`p < end`). An invalid or
// truncated sequence yields U+FFFD of length 1, so a caller that advances by
// `length` resynchronizes on the next byte and never reads past `end`.
inline Decoded DecodeUtf8(const unsigned char* p, const unsigned char* end) {
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {b0, 1};
  const size_t avail = static_cast<size_t>(end - p);
  auto cont = [&](size_t i) { return i < avail && (p[i] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (cont(1)) return {static_cast<char32_t>((b0 & 0x1F) << 6 | (p[1] & 0x3F)), 2};
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (cont(1) && cont(2)) {
      const char32_t cp = (b0 & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (cont(1) && cont(2) && cont(3)) {
      const char32_t cp = (b0 & 0x07) << 18 | (p[1] & 0x3F) << 12 |
                          (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
    }
  }
  return {kReplacementChar, 1};
}

inline Decoded DecodeUtf8(std::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return DecodeUtf8(p + pos, p + s.size());
}

// Appends the UTF-8 encoding of `cp` to `out`; surrogates and values above
// U+10FFFF become U+FFFD.
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | cp >> 6));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | cp >> 12));
    out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | cp >> 18));
    out->push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Utf8Scan {
  bool valid = true;
  bool ascii = true;
};

// Whether `s` is valid UTF-8, and whether it is plain ASCII.
inline Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    scan.ascii = false;
    const Decoded d = DecodeUtf8(s, i);
    if (d.invalid()) scan.valid = false;
    i += d.length;
  }
  return scan;
}

// True when `text` is entirely valid UTF-8 (SIMD fast path).
bool IsValidUtf8(std::string_view text);

// The offset of the first byte that does not start a valid sequence, or
// nullopt when `text` is valid.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// Appends `text` to `out` with every maximal invalid subsequence replaced by
// one U+FFFD, as the Unicode standard recommends; returns how many
// replacements were made. For documents (the parsers).
uint64_t AppendRepairedUtf8(std::string_view text, std::string* out);

// Replaces `*out` with `s`, each invalid byte of it replaced by U+FFFD: the
// tokenizer's resynchronizing per-byte reading. For terms (the analyzers).
inline void AssignSanitizedUtf8(std::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    const Decoded d = DecodeUtf8(s, i);
    if (d.invalid()) {
      AppendUtf8(kReplacementChar, out);
    } else {
      out->append(s.substr(i, d.length));
    }
    i += d.length;
  }
}

}  // namespace trawl::util

#endif  // TRAWL_UTIL_UTF8_H_
