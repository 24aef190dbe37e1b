// Multi-term queries: prefix, wildcard, regex and fuzzy queries (and term
// ranges, range.h) stand for every term of the index that matches them. Each
// segment's term dictionary is walked in key order from the longest literal
// prefix the query has, so `davo*` reads only the terms starting "davo"
// while `*os` reads the whole field; a regex walks the range of terms RE2
// says it can match (regex.h); a fuzzy term visits only the terms whose
// prefixes can still be within its edits (fuzzy_terms.h).
//
// Scoring follows Lucene's default rewrites: prefix, wildcard, regex and
// term range are constant score (one DocBitSet per segment, filled from the
// matching terms' postings); fuzzy is the sum of the matching terms' BM25
// (kFuzzyMaxTerms closest, blended document frequency, see Query::Fuzzy).
#ifndef TRAWL_SEARCH_MULTI_TERM_H_
#define TRAWL_SEARCH_MULTI_TERM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "search/weight.h"
#include "segment/term_dictionary.h"
#include "trawl/query.h"

namespace trawl::search {

// Lucene's FuzzyQuery defaults: at most 2 edits, the 50 closest terms.
inline constexpr uint32_t kMaxFuzzyEdits = 2;
inline constexpr size_t kFuzzyMaxTerms = 50;
// Longer patterns and fuzzy terms are refused: matching one term costs
// time proportional to the pattern's length (times the term's).
inline constexpr size_t kMaxPatternBytes = 1024;

// A wildcard pattern compiled for matching: `?` is one code point, `*` any
// run of them, `\` makes the next character literal; runs of `*` count as
// one. Matching is O(pattern × term) code points at worst, never
// exponential.
class WildcardPattern {
 public:
  explicit WildcardPattern(std::string_view pattern);
  bool Matches(std::string_view term) const;
  // The literal bytes every match starts with.
  const std::string& literal_prefix() const { return prefix_; }

 private:
  std::vector<char32_t> tokens_;  // code points, or kAnyOne / kAnyRun
  std::string prefix_;
};

// The code points of UTF-8 `text` (an invalid byte reads as U+FFFD).
std::u32string CodePoints(std::string_view text);

// The edit distance between `a` and `b` (one pair of terms; the
// fuzzy query's expansion walks the dictionary with FuzzyTermWalker and
// tests compare it with this) counting insertions, deletions,
// substitutions and, with `transpositions`, swaps of adjacent code points
// (optimal string alignment: no substring is edited twice); std::nullopt
// once it must exceed `max_edits`.
std::optional<uint32_t> BoundedEditDistance(std::u32string_view a, std::u32string_view b,
                                            uint32_t max_edits, bool transpositions);

// Calls `visit` with each term (without its field byte) of field number
// `field` from `start` on, in byte order, until it returns false.
absl::Status WalkField(const segment::TermDictionary& dict, uint32_t field,
                       std::string_view start,
                       absl::FunctionRef<bool(std::string_view, const segment::TermInfo&)> visit);

// What a term walk does with one term.
enum class TermStep { kMatch, kSkip, kStop };

// A constant-score weight over the terms of field number `field` from
// `start` on (in byte order) that `step` accepts, until it says kStop.
// Fails with InvalidArgument naming `what` when they are more than
// `max_expansions` distinct terms.
absl::StatusOr<std::unique_ptr<Weight>> CreateTermSetWeight(
    const index::Snapshot& snapshot, uint32_t field, std::string_view start,
    absl::FunctionRef<TermStep(std::string_view term)> step, size_t max_expansions,
    std::string_view what, float score);

// kPrefix, kWildcard and kRegex nodes.
absl::StatusOr<std::unique_ptr<Weight>> CreatePatternWeight(const QueryNode& node,
                                                            const index::Snapshot& snapshot,
                                                            size_t max_expansions, float score);

// kFuzzy nodes; `boost` multiplies every score (0 in a filter).
absl::StatusOr<std::unique_ptr<Weight>> CreateFuzzyWeight(const QueryNode& node,
                                                          const index::Snapshot& snapshot,
                                                          const Bm25Params& params, float boost);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_MULTI_TERM_H_
