// lib/parse/utf8.h — checking and repairing UTF-8 text.
//
// Every parser hands the index valid UTF-8. Bad input is either repaired
// (each maximal invalid subsequence becomes U+FFFD, as the Unicode standard
// recommends) or reported at its byte offset when the caller asks for strict
// input.
//
//   std::string fixed;
//   uint64_t replaced = AppendRepairedUtf8(bytes, &fixed);
#ifndef TRAWL_LIB_PARSE_UTF8_H_
#define TRAWL_LIB_PARSE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

namespace trawl::parse {

// True when `text` is entirely valid UTF-8 (SIMD fast path).
bool IsValidUtf8(absl::string_view text);

// The offset of the first byte that does not start a valid sequence, or
// nullopt when `text` is valid.
std::optional<size_t> FirstInvalidUtf8(absl::string_view text);

// Appends `text` to `out` with every maximal invalid subsequence replaced by
// U+FFFD; returns how many replacements were made.
uint64_t AppendRepairedUtf8(absl::string_view text, std::string* out);

// Appends the UTF-8 encoding of `code_point`; surrogates and values above
// U+10FFFF become U+FFFD.
void AppendCodePoint(uint32_t code_point, std::string* out);

}  // namespace trawl::parse

#endif  // TRAWL_LIB_PARSE_UTF8_H_
