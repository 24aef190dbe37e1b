// Tokenizers: the first stage of an analyzer, text to positioned words.
//
//   auto tokenizer = MakeTokenizer("standard");
//   (*tokenizer)->Tokenize("post-war 1,000", [](const RawToken& t) {
//     // "post" 0, "war" 1, "1,000" 2
//   });
//
// "standard" follows the word rules of Unicode UAX #29 (tailored: CJK text
// yields unigrams and bigrams, apostrophes are normalized) and emits each
// emoji sequence of UTS #51 as one token, as Lucene's StandardTokenizer
// does (👍🏽, 👨‍👩‍👧, 🇫🇷, #️⃣; emoji data of Unicode 15.0, see
// emoji_table.inc); "whitespace" splits on Unicode White_Space, "keyword"
// keeps the whole input.
#ifndef TRAWL_ANALYSIS_TOKENIZER_H_
#define TRAWL_ANALYSIS_TOKENIZER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"

namespace trawl::analysis {

// A word before filtering. `text` is valid UTF-8 and lives until the
// callback returns; it is the input slice [start, end) except where the
// tokenizer rewrote it (apostrophes, invalid bytes).
struct RawToken {
  std::string_view text;
  uint32_t position = 0;
  uint32_t start = 0;
  uint32_t end = 0;
  bool ascii = false;  // every byte of `text` is below 0x80
  // `text` is a run of ASCII letters and digits, already lowercase (see
  // TokenizerOptions): no filter that rewrites terms can change it.
  bool lowercased = false;
};

struct TokenizerOptions {
  // Lowercase ASCII letters where that is nearly free: the standard
  // tokenizer does it in its block scan, for most words of ASCII text.
  // Those tokens have RawToken::lowercased set; the others are unchanged
  // and need a case-folding filter as usual.
  bool lowercase_ascii = false;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Emits the tokens of `text` in order of position (a CJK bigram follows
  // the unigram whose position it shares), in batches of one or more: the
  // tokens of a batch, and the text they point to, are valid until `emit`
  // returns. Offsets satisfy start < end <= text.size(). Never fails;
  // thread-safe.
  virtual void TokenizeBatches(
      std::string_view text,
      absl::FunctionRef<void(std::span<const RawToken>)> emit) const = 0;

  // The same tokens one at a time; each is valid until `emit` returns.
  void Tokenize(std::string_view text,
                absl::FunctionRef<void(const RawToken&)> emit) const {
    TokenizeBatches(text, [&](std::span<const RawToken> batch) {
      for (const RawToken& token : batch) emit(token);
    });
  }
};

// "standard", "whitespace" or "keyword"; InvalidArgument otherwise.
absl::StatusOr<std::unique_ptr<Tokenizer>> MakeTokenizer(
    std::string_view name, TokenizerOptions options = {});

// Whether `cp` has the Unicode White_Space property.
bool IsWhiteSpace(char32_t cp);

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_TOKENIZER_H_
