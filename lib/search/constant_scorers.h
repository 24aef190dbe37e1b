// Scorers whose every match scores the same: over a set of documents built
// ahead (multi-term queries), over a fast-field value range, and around
// another scorer (ConstantScore, filters). Their block bounds are the
// constant itself, so block-max pruning treats them like any other clause.
#ifndef TRAWL_SEARCH_CONSTANT_SCORERS_H_
#define TRAWL_SEARCH_CONSTANT_SCORERS_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "index/index_state.h"
#include "search/scorer.h"
#include "segment/fast_fields.h"

namespace trawl::search {

// A set of document numbers below a segment's doc count, one bit each.
class DocBitSet {
 public:
  explicit DocBitSet(uint32_t doc_count) : words_((doc_count + 63) / 64), size_(doc_count) {}
  void Set(uint32_t doc) { words_[doc >> 6] |= uint64_t{1} << (doc & 63); }
  bool Get(uint32_t doc) const { return (words_[doc >> 6] >> (doc & 63)) & 1; }
  // The first member >= `from`, or kNoMoreDocs.
  uint32_t NextFrom(uint32_t from) const;
  uint64_t Count() const;
  // Count() less the members `segment` has deleted.
  uint64_t CountLive(const index::SegmentView& segment) const;
  uint32_t size() const { return size_; }
  // (size() + 63) / 64 words, bit d of word d / 64 for member d.
  uint64_t* words() { return words_.data(); }

 private:
  std::vector<uint64_t> words_;
  uint32_t size_;
};

// The members of a DocBitSet, each scoring `score`.
class BitSetScorer : public Scorer {
 public:
  BitSetScorer(DocBitSet docs, float score)
      : docs_(std::move(docs)), score_(score), cost_(docs_.Count()) {}
  const DocBitSet& docs() const { return docs_; }
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override { return score_; }
  float MaxScore() const override { return score_; }
  uint64_t Cost() const override { return cost_; }

 private:
  DocBitSet docs_;
  float score_;
  uint64_t cost_;
  bool started_ = false;
};

// Documents whose fast-field value of `field` lies in [lower, upper], found
// by reading the column from the target on (a full column scan when alone);
// in a conjunction or an exclusion, only the other clauses' docs are
// looked up (CheckOnly).
class FastRangeScorer : public Scorer {
 public:
  FastRangeScorer(const segment::FastFields* fast, uint32_t field, int64_t lower, int64_t upper,
                  uint32_t doc_count, float score)
      : fast_(fast), field_(field), lower_(lower), upper_(upper), doc_count_(doc_count),
        score_(score) {}
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override { return score_; }
  float MaxScore() const override { return score_; }
  uint64_t Cost() const override { return doc_count_; }
  bool CheckOnly() const override { return true; }
  bool Matches(uint32_t doc) override;

 private:
  const segment::FastFields* fast_;  // owned by the segment reader
  uint32_t field_;
  int64_t lower_, upper_;
  uint32_t doc_count_;
  float score_;
  bool started_ = false;
};

// The documents of `inner`, each scoring `score`.
class ConstantScorer : public Scorer {
 public:
  ConstantScorer(std::unique_ptr<Scorer> inner, float score)
      : inner_(std::move(inner)), score_(score) {}
  uint32_t Next() override { return doc_ = inner_->Next(); }
  uint32_t Advance(uint32_t target) override { return doc_ = inner_->Advance(target); }
  float Score() override { return score_; }
  float MaxScore() const override { return score_; }
  uint64_t Cost() const override { return inner_->Cost(); }
  bool CheckOnly() const override { return inner_->CheckOnly(); }
  bool Matches(uint32_t doc) override {
    doc_ = doc;
    return inner_->Matches(doc);
  }
  absl::Status status() const override { return inner_->status(); }

 private:
  std::unique_ptr<Scorer> inner_;
  float score_;
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_CONSTANT_SCORERS_H_
