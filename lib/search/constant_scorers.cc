#include "search/constant_scorers.h"

#include <bit>

namespace trawl::search {
namespace {

// Past the end stays past the end (doc + 1 would wrap to 0).
uint32_t NextTarget(bool started, uint32_t doc) {
  return !started ? 0 : doc == kNoMoreDocs ? kNoMoreDocs : doc + 1;
}

}  // namespace

uint32_t DocBitSet::NextFrom(uint32_t from) const {
  if (from >= size_) return kNoMoreDocs;
  size_t word = from >> 6;
  uint64_t bits = words_[word] & (~uint64_t{0} << (from & 63));
  while (bits == 0) {
    if (++word == words_.size()) return kNoMoreDocs;
    bits = words_[word];
  }
  return static_cast<uint32_t>(word * 64 + static_cast<size_t>(std::countr_zero(bits)));
}

uint64_t DocBitSet::Count() const {
  uint64_t n = 0;
  for (uint64_t w : words_) n += static_cast<uint64_t>(std::popcount(w));
  return n;
}

uint64_t DocBitSet::CountLive(const index::SegmentView& segment) const {
  if (segment.deleted == nullptr) return Count();
  uint64_t n = 0;
  for (uint32_t doc = NextFrom(0); doc != kNoMoreDocs; doc = NextFrom(doc + 1)) {
    n += segment.live(doc);
  }
  return n;
}

uint32_t BitSetScorer::Next() { return Advance(NextTarget(started_, doc_)); }

uint32_t BitSetScorer::Advance(uint32_t target) {
  started_ = true;
  return doc_ = docs_.NextFrom(target);
}

uint32_t FastRangeScorer::Next() { return Advance(NextTarget(started_, doc_)); }

uint32_t FastRangeScorer::Advance(uint32_t target) {
  started_ = true;
  for (uint32_t doc = target; doc < doc_count_; ++doc) {
    std::optional<int64_t> v = fast_->Get(field_, doc);
    if (v && *v >= lower_ && *v <= upper_) return doc_ = doc;
  }
  return doc_ = kNoMoreDocs;
}

bool FastRangeScorer::Matches(uint32_t doc) {
  started_ = true;
  doc_ = doc;
  std::optional<int64_t> v = fast_->Get(field_, doc);
  return v && *v >= lower_ && *v <= upper_;
}

}  // namespace trawl::search
