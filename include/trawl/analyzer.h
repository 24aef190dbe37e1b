// trawl/analyzer.h — text to terms.
//
//   auto analyzer = trawl::MakeAnalyzer("english");
//   if (!analyzer.ok()) return analyzer.status();
//   (*analyzer)->Analyze("Ukraine’s leaders", [](const trawl::Token& t) {
//     // t.text == "ukrain", then "leader"; t.position 0, 1
//   });
//
// The same analyzer runs over a field's text at indexing and over the query
// text aimed at that field, so both meet on the same terms.
#ifndef TRAWL_ANALYZER_H_
#define TRAWL_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"

namespace trawl {

// One term produced by an analyzer. `text` points into the analyzer's own
// buffer and is valid only during the callback that receives it.
struct Token {
  std::string_view text;
  uint32_t position = 0;      // 0-based; a removed stop word leaves a gap
  uint32_t start_offset = 0;  // byte range of the source word in the input
  uint32_t end_offset = 0;
};

// A token with its own copy of the text.
struct OwnedToken {
  std::string text;
  uint32_t position = 0;
  uint32_t start_offset = 0;
  uint32_t end_offset = 0;
  friend bool operator==(const OwnedToken&, const OwnedToken&) = default;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;

  // Calls `sink` for every token of `text`, in order. Never fails: invalid
  // UTF-8 is treated as U+FFFD. Const and safe to call from many threads at
  // once on one Analyzer.
  virtual void Analyze(std::string_view text,
                       absl::FunctionRef<void(const Token&)> sink) const = 0;

  // The analyzer's name, e.g. "english"; a custom pipeline describes itself.
  virtual std::string name() const = 0;

  // Convenience: every token of `text`, copied.
  std::vector<OwnedToken> Tokens(std::string_view text) const;
};

// A pipeline built from parts; the named analyzers are presets of it.
struct AnalyzerSpec {
  // "standard" (UAX #29 words, and each emoji sequence as one token),
  // "whitespace", or "keyword" (whole input).
  std::string tokenizer = "standard";
  bool case_fold = true;          // full Unicode case folding
  bool nfkc = false;              // NFKC normalization
  bool ascii_fold = false;        // "café" -> "cafe"
  bool english_possessive = false;  // "ukraine's" -> "ukraine"
  // Language whose elided articles are stripped ("french": "l'avion" ->
  // "avion"; also "italian", "catalan"), or "" for none.
  std::string elision;
  std::string stop_words;         // language name, or "" for none
  std::string stemmer;            // Snowball language name, or "" for none
  size_t max_token_bytes = 255;   // longer tokens are dropped
};

// Named analyzers: "standard", "english", "keyword", "whitespace", and one
// per Snowball language ("german", "french", "russian", ...), each with the
// language's stop words and elision where trawl has them. Fails with
// InvalidArgument for an unknown name.
absl::StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(std::string_view name);
absl::StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(const AnalyzerSpec& spec);

// Every name MakeAnalyzer accepts.
std::vector<std::string> AnalyzerNames();

}  // namespace trawl

#endif  // TRAWL_ANALYZER_H_
