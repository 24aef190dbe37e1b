// Collecting the best k documents of a scorer.
//
// CollectExhaustive visits every match (and so counts them exactly);
// CollectTopK prunes with block-max bounds when an exact count is not
// needed (see top_k.cc).
#ifndef TRAWL_SEARCH_TOP_K_H_
#define TRAWL_SEARCH_TOP_K_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "index/index_state.h"
#include "search/constant_scorers.h"
#include "search/scorer.h"

namespace trawl::search {

struct ScoredDoc {
  float score;
  uint32_t segment;
  uint32_t doc;
  std::optional<int64_t> sort_value = std::nullopt;  // sorting by a field
};

// Higher score first; equal scores in doc order (segment, then doc).
inline bool Better(const ScoredDoc& a, const ScoredDoc& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

enum class SortOrder : uint8_t { kScore, kValueAscending, kValueDescending };

// Whether `a` comes before `b` in `order`: by score (Better), or by
// sort_value with documents lacking one last; ties in doc order.
bool Precedes(SortOrder order, const ScoredDoc& a, const ScoredDoc& b);

// A bounded heap of the k first docs seen in a sort order, optionally
// only those after a cursor (deep paging).
class TopK {
 public:
  explicit TopK(size_t k, SortOrder order = SortOrder::kScore,
                std::optional<ScoredDoc> after = std::nullopt)
      : k_(k), order_(order), after_(after) {
    heap_.reserve(k);
  }
  // Keeps `d` if it is among the k first so far (and after the cursor).
  void Offer(const ScoredDoc& d);
  bool full() const { return heap_.size() >= k_; }
  SortOrder order() const { return order_; }
  // With SortOrder::kScore, the score a doc must beat to enter (when full);
  // -inf otherwise. Pruning relies on it, so it ignores the cursor: docs
  // before the cursor are refused, never counted toward it.
  float threshold() const;
  // First first.
  std::vector<ScoredDoc> Take() &&;

 private:
  bool Before(const ScoredDoc& a, const ScoredDoc& b) const { return Precedes(order_, a, b); }
  size_t k_;
  SortOrder order_;
  std::optional<ScoredDoc> after_;
  std::vector<ScoredDoc> heap_;  // last at the front
};

// What an exhaustive collection gathers besides the top k.
struct CollectExtras {
  int sort_field = -1;           // >= 0: offer docs with this fast field's value
  DocBitSet* matches = nullptr;  // non-null: every live match is set here
};

// Visits every live match of `scorer` on `segment`: offers each to `top`
// and counts them in `total`. Segments in increasing ordinal order. A
// disjunction (min_match 1) is scored a window of 4096 docs at a time.
absl::Status CollectExhaustive(Scorer& scorer, const index::SegmentView& segment,
                               uint32_t segment_ordinal, TopK& top, uint64_t& total,
                               const CollectExtras& extras = {});

// The top k of any scorer without visiting every match: whenever the
// scorer's block-max bound for the docs up to its next block boundary
// cannot beat the k-th best score, the whole range is skipped (block-max
// AND for conjunctions, block-max skipping for everything else). A term
// alone is walked on its postings block by block, and a required clause
// with an optional one (`+a b`) skips the optional clause, or leapfrogs the
// two, where their block bounds allow. `matched` counts the docs scored
// (across segments: the caller keeps the sum in it); pruning starts only
// once it reaches `count_until`, so below that many matches the count is
// exact, and above it a lower bound (Lucene's totalHitsThreshold).
//
// Only for SortOrder::kScore, and segments must be collected in increasing
// ordinal order: a doc that only ties the k-th best score is taken to lose
// the tie, so bounds equal to the threshold prune too.
absl::Status CollectBlockMax(Scorer& scorer, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                             uint64_t count_until = 0);

// The top k of a disjunction by block-max MaxScore (Turtle and Flood 1995;
// with block maxima as in Ding and Suel 2011, PISA's block_max_maxscore and
// Lucene's MaxScoreBulkScorer): per window of docs in which every clause
// has one block bound, the clauses whose summed bounds cannot beat the k-th
// best score are "non-essential" and only probed for docs the others
// produce, and a candidate is dropped as soon as its bound falls short.
// `matched`, `count_until` and the order of segments as for CollectBlockMax.
absl::Status CollectMaxScore(DisjunctionScorer& scorer, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                             uint64_t count_until = 0);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_TOP_K_H_
