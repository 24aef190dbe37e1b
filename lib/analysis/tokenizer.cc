#include "analysis/tokenizer.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include "absl/strings/str_cat.h"
#include "utf8proc.h"
#include "util/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trawl::analysis {
namespace {

// Word_Break classes of UAX #29, merged where the rules treat them alike.
// The classes that make words come first, from kLetter to kConnector.
enum class WordClass : uint8_t {
  kOther,       // separators, punctuation, symbols, invalid bytes
  kLetter,      // ALetter
  kHebrew,      // Hebrew_Letter: a letter that '"' also joins (WB7b, WB7c)
  kDigit,       // Numeric
  kConnector,   // ExtendNumLet, e.g. '_'
  kExtend,      // Extend, Format, ZWJ: continue the preceding character
  kMidLetter,   // joins letters: ':' U+00B7
  kMidNum,      // joins digits: ',' ';'
  kMidNumLet,   // joins letters or digits: '.' '\''
  kApostrophe,  // a MidNumLet written as '\'' in the token: U+2019 ...
  kDoubleQuote, // '"', a joiner between Hebrew letters only: צה"ל
  kCjk,         // Han, Hiragana, Katakana: unigrams plus bigrams
  kEmoji,       // Emoji_Presentation: an emoji by itself
  kEmojiText,   // Extended_Pictographic shown as text unless VS16 follows
  kRegional,    // Regional_Indicator: a pair is a flag
};

constexpr std::array<WordClass, 128> MakeAsciiTable() {
  std::array<WordClass, 128> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = WordClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = WordClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) table[c] = WordClass::kDigit;
  table['_'] = WordClass::kConnector;
  table[':'] = WordClass::kMidLetter;
  table[','] = WordClass::kMidNum;
  table[';'] = WordClass::kMidNum;
  table['.'] = WordClass::kMidNumLet;
  table['\''] = WordClass::kMidNumLet;
  table['"'] = WordClass::kDoubleQuote;
  return table;
}
constexpr std::array<WordClass, 128> kAsciiClass = MakeAsciiTable();

// Bytes that the hot loop may consume without looking further: ASCII
// letters and digits.
constexpr std::array<bool, 256> MakeAsciiAlnumTable() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] = kAsciiClass[c] == WordClass::kLetter ||
               kAsciiClass[c] == WordClass::kDigit;
  }
  return table;
}
constexpr std::array<bool, 256> kAsciiAlnum = MakeAsciiAlnumTable();

constexpr size_t kBlockSize = 64;

// Tokens go to the callback in batches of at most kMaxBatch, so that the
// analyzer's filters run in a loop rather than behind a call per token. A
// block yields at most kBlockSize / 2 words, and the lowercased copies of
// kLoweredBlocks blocks stay valid until the batch that points into them
// is delivered.
constexpr size_t kMaxBatch = 128;
constexpr size_t kLoweredBlocks = 4;

// What the block scan knows of a 64-byte block; bit i of a mask describes
// byte i. `complex` marks bytes that only the scalar scanner handles
// (non-ASCII, connectors); `mid` marks the ASCII joiners . , ' : ; which
// are complex only between two alphanumerics.
struct BlockMasks {
  uint64_t alnum = 0;
  uint64_t complex = 0;
  uint64_t mid = 0;
};

#if defined(__SSE2__)
// SSE2 is part of x86-64, so this needs no runtime dispatch. Byte
// comparisons are signed: bytes >= 0x80 fail every ASCII range test.
BlockMasks ClassifyBlock(const unsigned char* p, char* lowered) {
  auto in_range = [](__m128i v, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
  };
  auto eq = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  auto bits = [](__m128i v) {
    return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(v)));
  };
  BlockMasks m;
  for (size_t i = 0; i < kBlockSize; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i alnum = _mm_or_si128(in_range(v, '0', '9'), in_range(folded, 'a', 'z'));
    if (lowered != nullptr) {
      const __m128i upper = _mm_and_si128(in_range(v, 'A', 'Z'), _mm_set1_epi8(0x20));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + i), _mm_or_si128(v, upper));
    }
    const __m128i mid = _mm_or_si128(
        _mm_or_si128(eq(v, '.'), eq(v, ',')),
        _mm_or_si128(_mm_or_si128(eq(v, '\''), eq(v, ':')), eq(v, ';')));
    m.alnum |= bits(alnum) << i;
    m.complex |= bits(_mm_or_si128(v, eq(v, '_'))) << i;
    m.mid |= bits(mid) << i;
  }
  return m;
}
#else
// The portable equivalent, a byte at a time.
BlockMasks ClassifyBlock(const unsigned char* p, char* lowered) {
  BlockMasks m;
  for (size_t i = 0; i < kBlockSize; ++i) {
    const unsigned char c = p[i];
    const WordClass cls = c < 128 ? kAsciiClass[c] : WordClass::kOther;
    m.alnum |= uint64_t{kAsciiAlnum[c]} << i;
    m.complex |= uint64_t{c >= 128 || cls == WordClass::kConnector} << i;
    m.mid |= uint64_t{cls == WordClass::kMidLetter || cls == WordClass::kMidNum ||
                      cls == WordClass::kMidNumLet} << i;
    if (lowered != nullptr) {
      lowered[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
  }
  return m;
}
#endif

enum class EmojiKind : uint8_t { kEmojiPresentation, kEmojiText };

struct EmojiRange {
  char32_t first, last;
  EmojiKind kind;
};

#include "analysis/emoji_table.inc"

// The emoji class of a code point that is neither a letter, a digit nor a
// mark, per the generated table; kOther if it is not pictographic.
WordClass EmojiClass(char32_t cp) {
  if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return WordClass::kRegional;
  // Skin-tone modifiers are Word_Break=Extend since Unicode 11.
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return WordClass::kExtend;
  const EmojiRange* it = std::upper_bound(
      std::begin(kEmojiRanges), std::end(kEmojiRanges), cp,
      [](char32_t c, const EmojiRange& r) { return c < r.first; });
  if (it == std::begin(kEmojiRanges) || cp > (--it)->last) return WordClass::kOther;
  return it->kind == EmojiKind::kEmojiPresentation ? WordClass::kEmoji
                                                   : WordClass::kEmojiText;
}

bool IsApostrophe(char32_t cp) {
  return cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0xFF07;
}

// Han, kana and their marks; a code point in these ranges that is a letter
// is tokenized one character at a time.
bool InCjkRange(char32_t cp) {
  struct Range {
    char32_t first, last;
  };
  static constexpr Range kRanges[] = {
      {0x3005, 0x3007},   {0x3021, 0x3029},   {0x3031, 0x3035},
      {0x3038, 0x303C},   {0x3041, 0x30FF},   {0x31F0, 0x31FF},
      {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xF900, 0xFAFF},
      {0xFF66, 0xFF9F},   {0x1B000, 0x1B16F}, {0x20000, 0x3FFFF},
  };
  for (const Range& r : kRanges) {
    if (cp >= r.first && cp <= r.last) return true;
  }
  return false;
}

// Hebrew_Letter (WordBreakProperty.txt), for a code point that is a letter.
bool IsHebrewLetter(char32_t cp) {
  return (cp >= 0x05D0 && cp <= 0x05F2) || (cp >= 0xFB1D && cp <= 0xFB4F);
}

// The few Word_Break values that the general category does not imply
// (WordBreakProperty.txt).
WordClass SpecialClass(char32_t cp) {
  if (IsApostrophe(cp)) return WordClass::kApostrophe;
  switch (cp) {
    case 0x05F3:  // HEBREW PUNCTUATION GERESH is ALetter, not punctuation
      return WordClass::kLetter;
    case 0x2024: case 0xFE52: case 0xFF0E:
      return WordClass::kMidNumLet;
    case 0x00B7: case 0x0387: case 0x05F4: case 0x2027: case 0xFE13:
    case 0xFE55: case 0xFF1A:
      return WordClass::kMidLetter;
    case 0x0589: case 0x060C: case 0x060D: case 0x066C: case 0x07F8:
    case 0x2044: case 0xFE10: case 0xFE14: case 0xFE50: case 0xFE54:
    case 0xFF0C: case 0xFF1B:
      return WordClass::kMidNum;
    default:
      return WordClass::kOther;
  }
}

WordClass ClassifyWithUtf8proc(char32_t cp) {
  if (WordClass special = SpecialClass(cp); special != WordClass::kOther) {
    return special;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
      if (InCjkRange(cp)) return WordClass::kCjk;
      return IsHebrewLetter(cp) ? WordClass::kHebrew : WordClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return WordClass::kDigit;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return WordClass::kExtend;
    case UTF8PROC_CATEGORY_CF:
      return cp == 0x200B ? WordClass::kOther : WordClass::kExtend;
    case UTF8PROC_CATEGORY_PC:
      return WordClass::kConnector;
    default:
      return EmojiClass(cp);
  }
}

// The class of every BMP code point, computed once: utf8proc's two-level
// property lookup is too slow to repeat for each character of
// Cyrillic or CJK text.
const WordClass* BmpTable() {
  static const WordClass* const table = [] {
    auto* t = new WordClass[0x10000];
    for (char32_t cp = 0; cp < 0x10000; ++cp) t[cp] = ClassifyWithUtf8proc(cp);
    return t;
  }();
  return table;
}

// Offsets are 32-bit; a longer input is tokenized up to that limit.
std::string_view ClampForOffsets(std::string_view text) {
  return text.substr(0, std::min<size_t>(text.size(),
                                         std::numeric_limits<uint32_t>::max()));
}

struct CharInfo {
  WordClass cls;
  uint32_t length;
};

// One pass of the standard tokenizer over one input.
class WordScanner {
 public:
  WordScanner(std::string_view text, TokenizerOptions options,
              absl::FunctionRef<void(std::span<const RawToken>)> emit)
      : text_(text),
        data_(reinterpret_cast<const unsigned char*>(text.data())),
        size_(text.size()),
        lowercase_(options.lowercase_ascii),
        bmp_(BmpTable()),
        emit_(emit) {}

  // Alternates between the block scan, which emits the plain ASCII words
  // of a block without a branch per byte, and single steps of the scalar
  // scanner for whatever the block scan leaves. Both start and stop
  // between words, so they agree on every boundary.
  void Run() {
    size_t pos = 0;
    while (pos < size_) {
      if (size_ - pos > kBlockSize) {
        const BlockScan scan = ScanBlock(pos);
        pos += scan.done;
        if (scan.done == kBlockSize || (scan.done > 0 && scan.resume)) continue;
      }
      pos = Step(pos);
    }
    Flush();
  }

 private:
  // The scalar scanner: handles the word or separator at `pos` and returns
  // where it ended.
  size_t Step(size_t pos) {
    const CharInfo c = At(pos);
    switch (c.cls) {
      case WordClass::kLetter:
      case WordClass::kHebrew:
      case WordClass::kDigit:
      case WordClass::kConnector:
        return ScanWord(pos, c);
      case WordClass::kCjk:
        return ScanCjk(pos);
      case WordClass::kEmoji:
      case WordClass::kEmojiText:
      case WordClass::kRegional:
        return ScanEmoji(pos, c);
      case WordClass::kExtend:
        return ScanKeycap(pos, c);
      default:
        return pos + c.length;
    }
  }

  struct BlockScan {
    size_t done;  // bytes handled
    // What stopped the scan is a run of letters and digits reaching the
    // end of the block, which the next block scan can take whole.
    bool resume;
  };

  // Emits the words of the block at `pos` that are runs of ASCII letters
  // and digits, up to the first byte that needs the scalar scanner or to a
  // run that may continue past the block. Returns how far it got: the
  // block size, the start of what the scalar scanner must handle, or the
  // start of that last run (`resume`: a block scan from there takes it).
  // Requires `pos` to be between words (so a joiner at the block's first
  // byte joins nothing) and a byte after the block.
  BlockScan ScanBlock(size_t pos) {
    const unsigned char* p = data_ + pos;
    if (count_ > kMaxBatch - kBlockSize / 2 || lowered_blocks_ == kLoweredBlocks) {
      Flush();
    }
    char* lowered = lowered_ + lowered_blocks_ * kBlockSize;
    const BlockMasks m = ClassifyBlock(p, lowercase_ ? lowered : nullptr);
    lowered_blocks_ += lowercase_;
    const char* words = lowercase_ ? lowered : text_.data() + pos;
    // A joiner may join an alphanumeric before it to anything after it
    // that could be part of a word; the scalar scanner decides.
    const unsigned char next = p[kBlockSize];
    const uint64_t after = next >= 0x80 || IsWordChar(kAsciiClass[next]);
    const uint64_t word_after = (m.alnum | m.complex) >> 1 | after << 63;
    // A run touching the last byte may go on in the next block.
    const uint64_t hard = m.complex | (m.mid & m.alnum << 1 & word_after) |
                          (m.alnum & uint64_t{1} << 63);
    size_t stop = kBlockSize;
    bool resume = false;
    if (hard != 0) {
      stop = static_cast<size_t>(__builtin_ctzll(hard));
      // An alphanumeric last byte is neither complex nor a joiner.
      resume = stop == kBlockSize - 1 && (m.alnum >> 63) != 0;
      // A run that ends at the hard byte belongs to the scalar scanner too.
      const uint64_t below = (uint64_t{1} << stop) - 1;
      const uint64_t gaps = ~m.alnum & below;
      if (stop > 0 && (m.alnum >> (stop - 1) & 1)) {
        stop = gaps == 0 ? 0 : 64 - static_cast<size_t>(__builtin_clzll(gaps));
      }
    }
    uint64_t runs = stop == kBlockSize ? m.alnum
                                       : m.alnum & ((uint64_t{1} << stop) - 1);
    // Locals, so that the stores into batch_ need not reload them.
    size_t count = count_;
    uint32_t position = position_;
    while (runs != 0) {
      const int start = __builtin_ctzll(runs);
      const int end = __builtin_ctzll(~runs & (~uint64_t{0} << start));
      batch_.tokens[count++] = RawToken{std::string_view(words + start, end - start),
                                 position++, static_cast<uint32_t>(pos + start),
                                 static_cast<uint32_t>(pos + end), true, lowercase_};
      runs &= ~uint64_t{0} << end;
    }
    count_ = count;
    position_ = position;
    return {stop, resume};
  }

  CharInfo At(size_t pos) const {
    if (data_[pos] < 0x80) return {kAsciiClass[data_[pos]], 1};
    const util::Decoded d = util::DecodeUtf8(data_ + pos, data_ + size_);
    if (d.invalid()) return {WordClass::kOther, 1};
    const WordClass cls = d.code_point < 0x10000 ? bmp_[d.code_point]
                                                 : ClassifyWithUtf8proc(d.code_point);
    return {cls, d.length};
  }

  static bool IsLetter(WordClass cls) {
    return cls == WordClass::kLetter || cls == WordClass::kHebrew;
  }

  // One comparison, per the order of WordClass.
  static bool IsWordChar(WordClass cls) {
    return cls >= WordClass::kLetter && cls <= WordClass::kConnector;
  }

  // UAX #29 rules WB6/WB7 (letters), WB7b/WB7c (Hebrew letters) and
  // WB11/WB12 (digits): whether `mid` between a `before` and an `after`
  // character keeps them in one word.
  static bool Joins(WordClass before, WordClass mid, WordClass after) {
    const bool mid_num_let =
        mid == WordClass::kMidNumLet || mid == WordClass::kApostrophe;
    if (before == WordClass::kHebrew && after == WordClass::kHebrew &&
        mid == WordClass::kDoubleQuote) {
      return true;
    }
    if (IsLetter(before) && IsLetter(after)) {
      return mid_num_let || mid == WordClass::kMidLetter;
    }
    if (before == WordClass::kDigit && after == WordClass::kDigit) {
      return mid_num_let || mid == WordClass::kMidNum;
    }
    return false;
  }

  // Scans the word starting at `start` (whose first character is `first`)
  // and emits it if it holds a letter or digit. Returns where it ended.
  size_t ScanWord(size_t start, CharInfo first) {
    size_t end = start + first.length;
    WordClass last = first.cls;  // the last character that is not kExtend
    bool alnum = first.cls != WordClass::kConnector;
    bool ascii = first.length == 1;
    bool rewrite = false;
    while (true) {
      const size_t run = end;
      while (end < size_ && kAsciiAlnum[data_[end]]) ++end;
      if (end > run) {
        last = kAsciiClass[data_[end - 1]];
        alnum = true;
      }
      if (end >= size_) break;
      CharInfo c = At(end);
      if (c.cls == WordClass::kExtend) {
        ascii = false;
        end += c.length;
        continue;
      }
      size_t mid_length = 0;
      if (!IsWordChar(c.cls)) {
        CharInfo next{};
        if (end + c.length >= size_ ||
            !Joins(last, c.cls, (next = At(end + c.length)).cls)) {
          // WB7a: a Hebrew letter keeps a following '\'' (as in ג' or
          // צ'), whether or not another letter comes after it.
          if (last == WordClass::kHebrew && data_[end] == '\'') ++end;
          break;
        }
        rewrite |= c.cls == WordClass::kApostrophe;
        ascii &= c.length == 1;
        mid_length = c.length;
        c = next;
      }
      last = c.cls;
      alnum |= c.cls != WordClass::kConnector;
      ascii &= c.length == 1;
      end += mid_length + c.length;
    }
    if (alnum) EmitWord(start, end, ascii, rewrite);
    return end;
  }

  bool HasBytes(size_t pos, std::string_view bytes) const {
    return size_ - pos >= bytes.size() && text_.substr(pos, bytes.size()) == bytes;
  }

  // An emoji sequence of UTS #51 (emoji-data.txt, see emoji_table.inc):
  // an emoji, a pictograph with VS16 or a skin tone, or a pair of regional
  // indicators (a flag); then any Extend characters (VS16, skin tones,
  // tags, the keycap mark), and ZWJ followed by another pictograph (WB3c).
  // Emits it as one token; a pictograph in text presentation (©, ™, ♥
  // without VS16) and a lone regional indicator are skipped as symbols.
  [[gnu::noinline]] size_t ScanEmoji(size_t start, CharInfo first) {
    size_t end = start + first.length;
    if (first.cls == WordClass::kRegional) {
      if (end >= size_ || At(end).cls != WordClass::kRegional) return end;
      end += At(end).length;
    } else if (first.cls == WordClass::kEmojiText) {
      // U+FE0F is EF B8 8F; the skin tones U+1F3FB..U+1F3FF are
      // F0 9F 8F BB..BF.
      const bool vs16 = HasBytes(end, "\xEF\xB8\x8F");
      const bool tone = HasBytes(end, "\xF0\x9F\x8F") && size_ - end >= 4 &&
                        data_[end + 3] >= 0xBB && data_[end + 3] <= 0xBF;
      if (!vs16 && !tone) return end;
    }
    while (end < size_) {
      const CharInfo c = At(end);
      if (c.cls != WordClass::kExtend) break;
      const bool zwj = HasBytes(end, "\xE2\x80\x8D");  // U+200D
      end += c.length;
      if (zwj && end < size_) {
        const CharInfo next = At(end);
        if (next.cls == WordClass::kEmoji || next.cls == WordClass::kEmojiText) {
          end += next.length;
        }
      }
    }
    Emit(start, end, text_.substr(start, end - start), false);
    ++position_;
    return end;
  }

  // Extend characters that no word claimed, at `pos`: a keycap if they are
  // [VS16] U+20E3 after '#' or '*' (digit keycaps such as 1️⃣ are words
  // already: the marks extend the digit), otherwise skipped. '#' and '*'
  // are always separators, so the one before `pos` belongs to no token.
  [[gnu::noinline]] size_t ScanKeycap(size_t pos, CharInfo c) {
    if (pos == 0 || (data_[pos - 1] != '#' && data_[pos - 1] != '*')) {
      return pos + c.length;
    }
    size_t end = pos;
    if (HasBytes(end, "\xEF\xB8\x8F")) end += 3;  // U+FE0F
    if (!HasBytes(end, "\xE2\x83\xA3")) return pos + c.length;  // U+20E3
    end += 3;
    Emit(pos - 1, end, text_.substr(pos - 1, end - pos + 1), false);
    ++position_;
    return end;
  }

  // The end of the CJK character at `pos` and the marks that follow it.
  size_t CjkUnitEnd(size_t pos) const {
    pos += At(pos).length;
    while (pos < size_) {
      const CharInfo c = At(pos);
      if (c.cls != WordClass::kExtend) break;
      pos += c.length;
    }
    return pos;
  }

  // Emits each character of a CJK run as a unigram, and each adjacent pair
  // as a bigram at the position of its first character.
  size_t ScanCjk(size_t start) {
    size_t end = CjkUnitEnd(start);
    while (true) {
      Emit(start, end, text_.substr(start, end - start), false);
      if (end >= size_ || At(end).cls != WordClass::kCjk) break;
      const size_t next_end = CjkUnitEnd(end);
      Emit(start, next_end, text_.substr(start, next_end - start), false);
      ++position_;
      start = end;
      end = next_end;
    }
    ++position_;
    return end;
  }

  void EmitWord(size_t start, size_t end, bool ascii, bool rewrite) {
    std::string_view word = text_.substr(start, end - start);
    if (rewrite) {
      Flush();  // a pending token may point into rewritten_
      rewritten_.clear();
      ascii = true;
      for (size_t i = 0; i < word.size();) {
        const util::Decoded d = util::DecodeUtf8(word, i);
        if (IsApostrophe(d.code_point)) {
          rewritten_.push_back('\'');
        } else {
          rewritten_.append(word.substr(i, d.length));
          ascii &= d.length == 1;
        }
        i += d.length;
      }
      word = rewritten_;
    }
    Emit(start, end, word, ascii);
    ++position_;
  }

  void Emit(size_t start, size_t end, std::string_view word, bool ascii) {
    if (count_ == kMaxBatch) Flush();
    batch_.tokens[count_++] = RawToken{word, position_, static_cast<uint32_t>(start),
                                static_cast<uint32_t>(end), ascii, false};
  }

  void Flush() {
    if (count_ > 0) emit_(std::span<const RawToken>(batch_.tokens, count_));
    count_ = 0;
    lowered_blocks_ = 0;
  }

  const std::string_view text_;
  const unsigned char* const data_;
  const size_t size_;
  const bool lowercase_;
  const WordClass* const bmp_;
  const absl::FunctionRef<void(std::span<const RawToken>)> emit_;
  uint32_t position_ = 0;
  size_t count_ = 0;           // tokens in batch_
  size_t lowered_blocks_ = 0;  // blocks in lowered_
  std::string rewritten_;
  // Left uninitialized: filling 5 KB per call would cost more than
  // tokenizing a short text.
  union Batch {
    Batch() {}
    RawToken tokens[kMaxBatch];
  } batch_;
  char lowered_[kLoweredBlocks * kBlockSize];  // recent blocks, lowercased
};

class StandardTokenizer final : public Tokenizer {
 public:
  explicit StandardTokenizer(TokenizerOptions options) : options_(options) {}

  void TokenizeBatches(
      std::string_view text,
      absl::FunctionRef<void(std::span<const RawToken>)> emit) const override {
    WordScanner(ClampForOffsets(text), options_, emit).Run();
  }

 private:
  const TokenizerOptions options_;
};

// Emits text[start, end) with invalid bytes replaced by U+FFFD, for the
// tokenizers that do not split at them.
void EmitSanitized(std::string_view text, size_t start, size_t end,
                   uint32_t position, util::Utf8Scan scan, std::string& scratch,
                   absl::FunctionRef<void(std::span<const RawToken>)> emit) {
  std::string_view word = text.substr(start, end - start);
  if (!scan.valid) {
    util::AssignSanitizedUtf8(word, &scratch);
    word = scratch;
  }
  const RawToken token{word, position, static_cast<uint32_t>(start),
                       static_cast<uint32_t>(end), scan.ascii};
  emit(std::span<const RawToken>(&token, 1));
}

class WhitespaceTokenizer final : public Tokenizer {
 public:
  void TokenizeBatches(
      std::string_view text,
      absl::FunctionRef<void(std::span<const RawToken>)> emit) const override {
    text = ClampForOffsets(text);
    std::string scratch;
    uint32_t position = 0;
    size_t start = 0;
    util::Utf8Scan scan;
    for (size_t pos = 0; pos < text.size();) {
      const util::Decoded d = util::DecodeUtf8(text, pos);
      if (IsWhiteSpace(d.code_point)) {
        if (start < pos) {
          EmitSanitized(text, start, pos, position++, scan, scratch, emit);
        }
        start = pos + d.length;
        scan = util::Utf8Scan();
      } else {
        scan.ascii &= d.code_point < 0x80;
        scan.valid &= !d.invalid();
      }
      pos += d.length;
    }
    if (start < text.size()) {
      EmitSanitized(text, start, text.size(), position, scan, scratch, emit);
    }
  }
};

class KeywordTokenizer final : public Tokenizer {
 public:
  void TokenizeBatches(
      std::string_view text,
      absl::FunctionRef<void(std::span<const RawToken>)> emit) const override {
    text = ClampForOffsets(text);
    if (text.empty()) return;
    std::string scratch;
    EmitSanitized(text, 0, text.size(), 0, util::ScanUtf8(text), scratch, emit);
  }
};

}  // namespace

bool IsWhiteSpace(char32_t cp) {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
  if (cp < 0x85) return false;
  switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

absl::StatusOr<std::unique_ptr<Tokenizer>> MakeTokenizer(
    std::string_view name, TokenizerOptions options) {
  if (name == "standard") return std::make_unique<StandardTokenizer>(options);
  if (name == "whitespace") return std::make_unique<WhitespaceTokenizer>();
  if (name == "keyword") return std::make_unique<KeywordTokenizer>();
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown tokenizer \"", std::string(name),
      "\"; expected \"standard\", \"whitespace\" or \"keyword\""));
}

}  // namespace trawl::analysis
