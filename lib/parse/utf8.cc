#include "parse/utf8.h"

#include "absl/strings/str_cat.h"
#include "simdjson.h"

namespace trawl::parse {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the valid sequence starting at text[i], or 0 when it is
// invalid; `*bad_length` then receives the length of the maximal invalid
// subpart (at least 1), which becomes one U+FFFD.
size_t SequenceLength(absl::string_view text, size_t i, size_t* bad_length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  *bad_length = 1;
  if (lead < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // valid range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 3;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (size_t k = 1; k < need; ++k) {
    if (i + k >= text.size()) return 0;
    const auto c = static_cast<unsigned char>(text[i + k]);
    const bool ok = k == 1 ? (c >= lo && c <= hi) : IsContinuation(c);
    if (!ok) return 0;
    *bad_length = k + 1;
  }
  return need;
}

}  // namespace

bool IsValidUtf8(absl::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

std::optional<size_t> FirstInvalidUtf8(absl::string_view text) {
  if (IsValidUtf8(text)) return std::nullopt;
  size_t bad;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceLength(text, i, &bad);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

uint64_t AppendRepairedUtf8(absl::string_view text, std::string* out) {
  uint64_t replaced = 0;
  size_t run_start = 0;  // start of the valid run not yet copied
  size_t bad;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceLength(text, i, &bad);
    if (n > 0) {
      i += n;
      continue;
    }
    absl::StrAppend(out, text.substr(run_start, i - run_start));
    absl::StrAppend(out, kReplacement);
    ++replaced;
    i += bad;
    run_start = i;
  }
  absl::StrAppend(out, text.substr(run_start));
  return replaced;
}

void AppendCodePoint(uint32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    absl::StrAppend(out, kReplacement);
  } else if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace trawl::parse
