// Stop words: frequent function words that analyzers drop ("the", "und").
//
//   auto set = StopWordSet::Make("german", Normalizer({.case_fold = true}));
//   (*set)->Contains("und", HashTerm("und"));  // true
//
// A dropped word keeps its position, so phrase queries still see the gap.
#ifndef TRAWL_ANALYSIS_STOP_WORDS_H_
#define TRAWL_ANALYSIS_STOP_WORDS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/filters.h"
#include "analysis/term_table.h"

namespace trawl::analysis {

// The languages that have a list, e.g. "english", "german", sorted.
std::vector<std::string> StopWordLanguages();

// An immutable set of terms; thread-safe.
class StopWordSet {
 public:
  // The list of `language`, each word passed through `normalizer` so that it
  // matches terms normalized the same way (with accent folding, "été"
  // becomes "ete"). InvalidArgument for a language without a list.
  static absl::StatusOr<std::unique_ptr<StopWordSet>> Make(
      std::string_view language, const Normalizer& normalizer);

  // `hash` is HashTerm(term).
  bool Contains(std::string_view term, uint64_t hash) const {
    return term.size() <= max_length_ && table_.Find(term, hash).has_value();
  }

  // Equal for sets of equal words, and only for those; from 1. Caches of
  // which terms are stop words (see Stemmer) are keyed by it.
  uint32_t id() const { return id_; }

 private:
  explicit StopWordSet(int slots_log2) : table_(slots_log2) {}

  TermTable table_;
  size_t max_length_ = 0;
  uint32_t id_ = 0;
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_STOP_WORDS_H_
