// Token filters that rewrite one term: Unicode case folding, NFKC, accent
// folding, English possessive removal and elision.
//
//   Normalizer fold({.case_fold = true, .ascii_fold = true});
//   NormalizeScratch scratch;
//   fold.Apply("Café", /*ascii=*/false, scratch);  // "cafe"
//   StripEnglishPossessive("ukraine's");           // "ukraine"
//   auto french = Elision::Make("french");
//   french->Strip("l'avion");                      // "avion"
#ifndef TRAWL_ANALYSIS_FILTERS_H_
#define TRAWL_ANALYSIS_FILTERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::analysis {

struct NormalizeOptions {
  bool case_fold = false;   // full case folding: "Straße" -> "strasse"
  bool nfkc = false;        // compatibility composition: "ﬁ" -> "fi"
  bool ascii_fold = false;  // strip accents, spell out Latin letters like ø
};

// Buffers a Normalizer writes into; one per thread of analysis, reused
// across tokens so that normalizing allocates only while they grow.
struct NormalizeScratch {
  std::string text;
  std::vector<int32_t> code_points;
};

// Applies the normalizations of NormalizeOptions to single terms, in one
// pass: decomposition, case folding, mark removal, composition. Immutable,
// so one instance serves any number of threads.
class Normalizer {
 public:
  explicit Normalizer(NormalizeOptions options);

  // Whether Apply can change any term.
  bool active() const { return utf8proc_options_ != 0 || options_.ascii_fold; }

  // `term` normalized: `term` itself when nothing changes, otherwise a view
  // of `scratch.text`, valid until the next call with `scratch`. `term` must
  // be valid UTF-8; `ascii` must be true only if it is pure ASCII (the fast
  // path). NFKC and accent folding never change ASCII.
  std::string_view Apply(std::string_view term, bool ascii,
                         NormalizeScratch& scratch) const;

 private:
  std::string_view ApplyUnicode(std::string_view term,
                                NormalizeScratch& scratch) const;

  NormalizeOptions options_;
  int utf8proc_options_ = 0;
};

// "ukraine's" -> "ukraine"; any other term unchanged. Expects apostrophes
// already normalized to '\'' (the standard tokenizer does that).
inline std::string_view StripEnglishPossessive(std::string_view term) {
  const size_t n = term.size();
  if (n > 2 && term[n - 2] == '\'' && (term[n - 1] == 's' || term[n - 1] == 'S')) {
    return term.substr(0, n - 2);
  }
  return term;
}

// The languages that elide articles and pronouns before a vowel
// ("catalan", "french", "italian"), sorted.
std::vector<std::string> ElisionLanguages();

// Strips an elided article or pronoun, with its apostrophe, from the front
// of a term: "l'avion" -> "avion", "dell'uomo" -> "uomo". Immutable and
// thread-safe.
class Elision {
 public:
  // The articles of `language`, one of ElisionLanguages(); InvalidArgument
  // for any other.
  static absl::StatusOr<Elision> Make(std::string_view language);

  // `term` after its first apostrophe ('\'' or U+2019) if what precedes
  // that apostrophe is one of the articles, in any ASCII case; otherwise
  // `term` itself.
  std::string_view Strip(std::string_view term) const;

 private:
  explicit Elision(std::vector<std::string_view> articles);

  bool IsArticle(std::string_view prefix) const;

  std::vector<std::string_view> articles_;  // views of static strings
  size_t max_article_size_ = 0;
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_FILTERS_H_
