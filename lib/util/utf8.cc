#include "util/utf8.h"

#include "simdjson.h"

namespace trawl::util {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the valid sequence starting at text[i], or 0 when it is
// invalid; `*bad_length` then receives the length of the maximal invalid
// subpart (at least 1), which becomes one U+FFFD. DecodeUtf8 cannot serve
// here: it consumes one byte per invalid sequence, to resynchronize.
size_t SequenceLength(std::string_view text, size_t i, size_t* bad_length) {
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

bool IsValidUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

std::optional<size_t> FirstInvalidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::nullopt;
  size_t bad;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceLength(text, i, &bad);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

uint64_t AppendRepairedUtf8(std::string_view text, std::string* out) {
  uint64_t replaced = 0;
  size_t run_start = 0;  // start of the valid run not yet copied
  size_t bad;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceLength(text, i, &bad);
    if (n > 0) {
      i += n;
      continue;
    }
    out->append(text.substr(run_start, i - run_start));
    AppendUtf8(kReplacementChar, out);
    ++replaced;
    i += bad;
    run_start = i;
  }
  out->append(text.substr(run_start));
  return replaced;
}

}  // namespace trawl::util
