#include "search/top_k.h"

#include <algorithm>
#include <limits>

namespace trawl::search {
namespace {
// std heap functions keep the "largest" at the front; with Better as the
// less-than, the largest is the worst doc.
bool WorseFirst(const ScoredDoc& a, const ScoredDoc& b) { return Better(a, b); }
}  // namespace

void TopK::Offer(const ScoredDoc& d) {
  if (k_ == 0) return;
  if (heap_.size() < k_) {
    heap_.push_back(d);
    std::push_heap(heap_.begin(), heap_.end(), WorseFirst);
  } else if (Better(d, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), WorseFirst);
    heap_.back() = d;
    std::push_heap(heap_.begin(), heap_.end(), WorseFirst);
  }
}

float TopK::threshold() const {
  return full() ? heap_.front().score : -std::numeric_limits<float>::infinity();
}

std::vector<ScoredDoc> TopK::Take() && {
  std::sort(heap_.begin(), heap_.end(), Better);
  return std::move(heap_);
}

absl::Status CollectExhaustive(Scorer& scorer, const index::SegmentView& segment,
                               uint32_t segment_ordinal, TopK& top, uint64_t& total) {
  for (uint32_t doc = scorer.Next(); doc != kNoMoreDocs; doc = scorer.Next()) {
    if (!segment.live(doc)) continue;
    ++total;
    top.Offer({scorer.Score(), segment_ordinal, doc});
  }
  return scorer.status();
}

absl::Status CountMatches(Scorer& scorer, const index::SegmentView& segment, uint64_t& total) {
  for (uint32_t doc = scorer.Next(); doc != kNoMoreDocs; doc = scorer.Next()) {
    total += segment.live(doc);
  }
  return scorer.status();
}

}  // namespace trawl::search
