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

// Counts the live matches only (no scoring).
absl::Status CountMatches(Scorer& scorer, const index::SegmentView& segment, uint64_t& total);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_TOP_K_H_
