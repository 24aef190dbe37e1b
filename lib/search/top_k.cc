#include "search/top_k.h"

#include <algorithm>
#include <limits>

namespace trawl::search {

bool Precedes(SortOrder order, const ScoredDoc& a, const ScoredDoc& b) {
  if (order == SortOrder::kScore) return Better(a, b);
  if (a.sort_value != b.sort_value) {
    if (!a.sort_value || !b.sort_value) return a.sort_value.has_value();  // missing last
    return order == SortOrder::kValueAscending ? *a.sort_value < *b.sort_value
                                               : *a.sort_value > *b.sort_value;
  }
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

void TopK::Offer(const ScoredDoc& d) {
  if (k_ == 0) return;
  if (after_ && !Before(*after_, d)) return;
  // std heap functions keep the "largest" at the front; with Before as the
  // less-than, the largest is the last doc.
  auto last_first = [this](const ScoredDoc& a, const ScoredDoc& b) { return Before(a, b); };
  if (heap_.size() < k_) {
    heap_.push_back(d);
    std::push_heap(heap_.begin(), heap_.end(), last_first);
  } else if (Before(d, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), last_first);
    heap_.back() = d;
    std::push_heap(heap_.begin(), heap_.end(), last_first);
  }
}

float TopK::threshold() const {
  // With k = 0 nothing can enter: every bound falls short.
  if (k_ == 0) return std::numeric_limits<float>::infinity();
  return full() ? heap_.front().score : -std::numeric_limits<float>::infinity();
}

std::vector<ScoredDoc> TopK::Take() && {
  std::sort(heap_.begin(), heap_.end(),
            [this](const ScoredDoc& a, const ScoredDoc& b) { return Before(a, b); });
  return std::move(heap_);
}

absl::Status CollectExhaustive(Scorer& scorer, const index::SegmentView& segment,
                               uint32_t segment_ordinal, TopK& top, uint64_t& total,
                               const CollectExtras& extras) {
  const segment::FastFields& fast = segment.reader->fast_fields();
  const uint32_t sort_field = static_cast<uint32_t>(extras.sort_field);
  for (uint32_t doc = scorer.Next(); doc != kNoMoreDocs; doc = scorer.Next()) {
    if (!segment.live(doc)) continue;
    ++total;
    if (extras.matches != nullptr) extras.matches->Set(doc);
    ScoredDoc d{scorer.Score(), segment_ordinal, doc};
    if (extras.sort_field >= 0) d.sort_value = fast.Get(sort_field, doc);
    top.Offer(d);
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

namespace trawl::search {
namespace {

// Bounds and scores are float sums taken in different orders; a bound is
// inflated by this factor before it may prune, so rounding never drops a
// doc whose true score would enter the top k.
constexpr float kBoundSlack = 1.0f + 1e-5f;

bool CannotEnter(const TopK& top, float bound) {
  return top.full() && bound * kBoundSlack < top.threshold();
}

}  // namespace

absl::Status CollectBlockMax(Scorer& scorer, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                             uint64_t count_until) {
  uint32_t doc = scorer.Next();
  // The block holding `doc` (docs up to block_end) and its bound, computed
  // once per block rather than per doc.
  uint32_t block_end = 0;
  float block_bound = 0;
  bool bounded = false;
  while (doc != kNoMoreDocs) {
    if (top.full() && matched >= count_until) {
      if (!bounded || doc > block_end) {
        block_end = scorer.ShallowAdvance(doc);
        block_bound = scorer.BlockMaxScore(block_end);
        bounded = true;
      }
      if (CannotEnter(top, block_bound)) {
        // Walk the skip data to the next block that can compete, decoding
        // nothing on the way.
        while (CannotEnter(top, block_bound)) {
          if (block_end == kNoMoreDocs) return scorer.status();
          uint32_t start = block_end + 1;
          block_end = scorer.ShallowAdvance(start);
          block_bound = scorer.BlockMaxScore(block_end);
          if (!CannotEnter(top, block_bound)) doc = scorer.Advance(start);
        }
        continue;  // `doc` may lie beyond this block: bound it again
      }
    }
    if (segment.live(doc)) {
      ++matched;
      top.Offer({scorer.Score(), segment_ordinal, doc});
    }
    doc = scorer.Next();
  }
  return scorer.status();
}

absl::Status CollectMaxScore(DisjunctionScorer& disjunction, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                             uint64_t count_until) {
  auto& children = disjunction.scorers();
  const size_t n = children.size();
  // Lists ascending by maximum score: a prefix of them is the
  // non-essential part. order[i] is the child behind list i.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return children[a]->MaxScore() < children[b]->MaxScore();
  });
  auto list = [&](size_t i) { return children[order[i]].get(); };
  std::vector<float> prefix_max(n + 1, 0.0f);  // sum of MaxScore of lists [0, i)
  for (size_t i = 0; i < n; ++i) prefix_max[i + 1] = prefix_max[i] + list(i)->MaxScore();
  for (auto& c : children) c->Next();

  size_t first_essential = 0;
  auto may_prune = [&] { return matched >= count_until; };
  auto repartition = [&] {
    if (!may_prune()) return;
    while (first_essential < n && CannotEnter(top, prefix_max[first_essential + 1])) {
      ++first_essential;
    }
  };
  repartition();
  std::vector<float> bound_of(n);     // per list: block-max bound at the doc
  std::vector<float> score_of(n, 0);  // per child: its score at the doc, or 0
  while (first_essential < n) {
    uint32_t doc = kNoMoreDocs;
    for (size_t i = first_essential; i < n; ++i) doc = std::min(doc, list(i)->doc());
    if (doc == kNoMoreDocs) break;
    // The doc's bound from block maxima: essential lists on it, plus every
    // non-essential list.
    float bound = 0;
    for (size_t i = 0; i < n; ++i) {
      bool counts = i < first_essential || list(i)->doc() == doc;
      bound_of[i] = 0;
      if (counts) {
        list(i)->ShallowAdvance(doc);
        bound_of[i] = list(i)->BlockMaxScore(doc);
        bound += bound_of[i];
      }
    }
    if (segment.live(doc) && !(may_prune() && CannotEnter(top, bound))) {
      std::fill(score_of.begin(), score_of.end(), 0.0f);
      float partial = 0, remaining = 0;
      for (size_t i = first_essential; i < n; ++i) {
        if (list(i)->doc() == doc) partial += score_of[order[i]] = list(i)->Score();
      }
      for (size_t i = 0; i < first_essential; ++i) remaining += bound_of[i];
      // Probe the non-essential lists, best first, while they can matter.
      bool pruned = false;
      for (size_t i = first_essential; i-- > 0;) {
        if (may_prune() && CannotEnter(top, partial + remaining)) {
          pruned = true;
          break;
        }
        remaining -= bound_of[i];
        Scorer* s = list(i);
        uint32_t d = s->doc() < doc ? s->Advance(doc) : s->doc();
        if (d == doc) partial += score_of[order[i]] = s->Score();
      }
      if (!pruned) {
        // Sum in the children's own order, so scores are bit-identical to
        // DisjunctionScorer::Score() and ties break the same way.
        float score = 0;
        for (size_t c = 0; c < n; ++c) score += score_of[c];
        ++matched;
        float before = top.threshold();
        top.Offer({score, segment_ordinal, doc});
        if (top.threshold() != before || matched == count_until) repartition();
      }
    }
    for (size_t i = first_essential; i < n; ++i) {
      if (list(i)->doc() == doc) list(i)->Next();
    }
  }
  return disjunction.status();
}

}  // namespace trawl::search
