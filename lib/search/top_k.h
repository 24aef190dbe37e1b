// Collecting the best k documents of a scorer.
//
// CollectExhaustive visits every match (and so counts them exactly);
// CollectTopK prunes with block-max bounds when an exact count is not
// needed (see top_k.cc).
#ifndef TRAWL_SEARCH_TOP_K_H_
#define TRAWL_SEARCH_TOP_K_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "index/index_state.h"
#include "search/scorer.h"

namespace trawl::search {

struct ScoredDoc {
  float score;
  uint32_t segment;
  uint32_t doc;
};

// Higher score first; equal scores in doc order (segment, then doc).
inline bool Better(const ScoredDoc& a, const ScoredDoc& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

// A bounded min-heap of the k best docs seen.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) { heap_.reserve(k); }
  // Keeps `d` if it is among the k best so far.
  void Offer(const ScoredDoc& d);
  bool full() const { return heap_.size() >= k_; }
  // The score a doc must beat to enter (when full); -inf otherwise.
  float threshold() const;
  // Best first.
  std::vector<ScoredDoc> Take() &&;

 private:
  size_t k_;
  std::vector<ScoredDoc> heap_;  // worst at the front
};

// Visits every live match of `scorer` on `segment`: offers each to `top`
// and counts them in `total`.
absl::Status CollectExhaustive(Scorer& scorer, const index::SegmentView& segment,
                               uint32_t segment_ordinal, TopK& top, uint64_t& total);

// The top k of any scorer without visiting every match: whenever the
// scorer's block-max bound for the docs up to its next block boundary
// cannot beat the k-th best score, the whole range is skipped (block-max
// AND for conjunctions, block-max skipping for everything else). `matched`
// counts only the docs scored, a lower bound of the true count.
absl::Status CollectBlockMax(Scorer& scorer, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched);

// The top k of a disjunction by block-max MaxScore (Turtle and Flood 1995;
// with block maxima as in Ding and Suel 2011 / Lucene's MaxScoreBulkScorer):
// the clauses whose summed maximum scores cannot reach the k-th best score
// are "non-essential" and only probed for docs the others produce, and a
// candidate is dropped as soon as its block-max bound falls short.
absl::Status CollectMaxScore(DisjunctionScorer& scorer, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched);

// Counts the live matches only (no scoring).
absl::Status CountMatches(Scorer& scorer, const index::SegmentView& segment, uint64_t& total);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_TOP_K_H_
