// Stop words: frequent function words that analyzers drop ("the", "und").
//
//   auto set = StopWordSet::Make("german", Normalizer({.case_fold = true}));
//   (*set)->Contains("und");  // true
//
// A dropped word keeps its position, so phrase queries still see the gap.
#ifndef TRAWL_ANALYSIS_STOP_WORDS_H_
#define TRAWL_ANALYSIS_STOP_WORDS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "analysis/filters.h"

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

  bool Contains(std::string_view term) const {
    // absl::string_view is not std::string_view in Debian's Abseil.
    return term.size() <= max_length_ &&
           words_.contains(absl::string_view(term.data(), term.size()));
  }

 private:
  StopWordSet() = default;

  absl::flat_hash_set<std::string> words_;
  size_t max_length_ = 0;
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_STOP_WORDS_H_
