// Scorers: per-segment cursors over the documents matching a query, in
// increasing doc order, ending at the sentinel segment::kNoMoreDocs (so
// loops need no separate end check). Built from a query by weight.h;
// constant-score scorers are in constant_scorers.h.
//
// Besides iteration each scorer bounds its own scores (MaxScore, and per
// block of documents BlockMaxScore), which is what lets the top-k
// collectors (top_k.h) skip documents that cannot enter the results.
#ifndef TRAWL_SEARCH_SCORER_H_
#define TRAWL_SEARCH_SCORER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "absl/status/status.h"
#include "search/bm25.h"
#include "segment/postings.h"
#include "util/coding.h"

namespace trawl::search {

using segment::kNoMoreDocs;

class Scorer {
 public:
  virtual ~Scorer() = default;

  uint32_t doc() const { return doc_; }
  // Moves to the next matching doc and returns it.
  virtual uint32_t Next() = 0;
  // Moves to the first matching doc >= target. target > doc(), or any
  // target (0 included) before the first Next()/Advance().
  virtual uint32_t Advance(uint32_t target) = 0;
  // The score of doc(); only valid on a matching doc.
  virtual float Score() = 0;

  // An upper bound of Score() over every doc.
  virtual float MaxScore() const = 0;
  // Prepares block bounds for docs >= target and returns the last doc up to
  // which BlockMaxScore() holds (at least target). The default: one block.
  virtual uint32_t ShallowAdvance(uint32_t target) { return kNoMoreDocs; }
  // An upper bound of Score() over docs in [target of the last
  // ShallowAdvance, upto].
  virtual float BlockMaxScore(uint32_t upto) { return MaxScore(); }
  // Told by a pruning collector (top_k.cc) that only docs scoring above
  // `score` can still enter its results: from then on Next() and Advance()
  // may pass over docs whose Score() would be at most `score` (Lucene's
  // setMinCompetitiveScore). Scores told only grow. The default ignores it.
  virtual void SetMinCompetitiveScore(float score) {}

  // Whether it finds its next match only by scanning (a fast-field range)
  // though it can check one doc cheaply: conjunctions and exclusions then
  // ask Matches() about the docs their other clauses settle on rather than
  // Advance it (Lucene's two-phase iteration).
  virtual bool CheckOnly() const { return false; }
  // Asked only of CheckOnly() scorers: whether `doc` matches; stands on
  // it (for Score()) either way. Docs asked ascend.
  virtual bool Matches(uint32_t doc) { return false; }

  // Roughly how many docs it can match; orders conjunctions.
  virtual uint64_t Cost() const = 0;
  // Damage met in the index while iterating.
  virtual absl::Status status() const { return absl::OkStatus(); }

 protected:
  uint32_t doc_ = 0;  // before the first Next(): 0, not yet a match
};

// Matches one term's postings; scores with BM25 (or a constant for filters).
class TermScorer final : public Scorer {
 public:
  // `norms` is the field's norm per doc (empty: every doc has norm 1).
  TermScorer(std::unique_ptr<segment::PostingsIterator> postings, const Bm25Scorer* bm25,
             std::span<const uint8_t> norms);
  uint32_t Next() override { return doc_ = postings_->Next(); }
  uint32_t Advance(uint32_t target) override { return doc_ = postings_->Advance(target); }
  float Score() override { return bm25_->Score(postings_->freq(), norm(doc_)); }
  float MaxScore() const override { return max_score_; }
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMaxScore(uint32_t upto) override;
  uint64_t Cost() const override { return postings_->doc_freq(); }
  absl::Status status() const override { return postings_->status(); }

  segment::PostingsIterator& postings() { return *postings_; }
  uint8_t norm(uint32_t doc) const { return norms_.empty() ? 1 : norms_[doc]; }
  // What Score() is made of, for collectors that walk the postings
  // themselves (top_k.cc): Score() == bm25().Score(postings().freq(),
  // norm(doc())), bit for bit.
  const Bm25Scorer& bm25() const { return *bm25_; }
  std::span<const uint8_t> norms() const { return norms_; }
  // The best score of a doc of `block`, exact from the block's impacts;
  // computed once per block, as windows of MaxScore ask for a block again.
  float BlockBound(size_t block) const {
    if (block_bounds_.empty()) block_bounds_.assign(postings_->num_blocks(), -1.0f);
    float& bound = block_bounds_[block];
    if (bound < 0) bound = bm25_->MaxScore(postings_->impacts_of_block(block), !norms_.empty());
    return bound;
  }

 private:
  std::unique_ptr<segment::PostingsIterator> postings_;
  const Bm25Scorer* bm25_;
  std::span<const uint8_t> norms_;
  float max_score_ = 0;
  uint32_t shallow_target_ = 0;
  mutable std::vector<float> block_bounds_;  // per block; -1 until computed
};

// Every doc of the segment (deleted ones are filtered by the collector),
// score `score`.
class AllScorer : public Scorer {
 public:
  AllScorer(uint32_t doc_count, float score) : doc_count_(doc_count), score_(score) {}
  uint32_t Next() override { return Advance(started_ ? doc_ + 1 : 0); }
  uint32_t Advance(uint32_t target) override {
    started_ = true;
    return doc_ = target < doc_count_ ? target : kNoMoreDocs;
  }
  float Score() override { return score_; }
  float MaxScore() const override { return score_; }
  uint64_t Cost() const override { return doc_count_; }

 private:
  uint32_t doc_count_;
  float score_;
  bool started_ = false;
};

// Scales the scores of another scorer; used for boosts and for filters
// (factor 0).
class ScaledScorer : public Scorer {
 public:
  ScaledScorer(std::unique_ptr<Scorer> inner, float factor)
      : inner_(std::move(inner)), factor_(factor) {}
  uint32_t Next() override { return doc_ = inner_->Next(); }
  uint32_t Advance(uint32_t target) override { return doc_ = inner_->Advance(target); }
  float Score() override { return factor_ == 0 ? 0 : factor_ * inner_->Score(); }
  float MaxScore() const override { return factor_ * inner_->MaxScore(); }
  uint32_t ShallowAdvance(uint32_t target) override { return inner_->ShallowAdvance(target); }
  float BlockMaxScore(uint32_t upto) override { return factor_ * inner_->BlockMaxScore(upto); }
  uint64_t Cost() const override { return inner_->Cost(); }
  absl::Status status() const override { return inner_->status(); }

 private:
  std::unique_ptr<Scorer> inner_;
  float factor_;
};

// Docs matching every one of its scorers; the score is their sum.
class ConjunctionScorer : public Scorer {
 public:
  explicit ConjunctionScorer(std::vector<std::unique_ptr<Scorer>> scorers);
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override;
  float MaxScore() const override;
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMaxScore(uint32_t upto) override;
  uint64_t Cost() const override { return scorers_[0]->Cost(); }
  absl::Status status() const override;

  // The clauses it leapfrogs, cheapest first; for collectors and counters
  // that drive them themselves, before any Next()/Advance() of this
  // scorer, and only if it has no checks().
  std::vector<std::unique_ptr<Scorer>>& scorers() { return scorers_; }
  // The CheckOnly() clauses, asked about each doc the others agree on.
  const std::vector<std::unique_ptr<Scorer>>& checks() const { return checks_; }

 private:
  // From a candidate of the lead scorer, the next doc all agree on.
  uint32_t DoNext(uint32_t candidate);
  uint32_t Leapfrog(uint32_t candidate);
  std::vector<std::unique_ptr<Scorer>> scorers_;  // cheapest first
  std::vector<std::unique_ptr<Scorer>> checks_;
  std::vector<Scorer*> raw_;                       // scorers_, for Leapfrog
  std::vector<TermScorer*> terms_;  // the same when all are terms (else empty)
  bool started_ = false;
};

// Docs matching at least `min_match` of its scorers; the score is the sum
// of the matching ones.
class DisjunctionScorer : public Scorer {
 public:
  DisjunctionScorer(std::vector<std::unique_ptr<Scorer>> scorers, uint32_t min_match);
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override;
  float MaxScore() const override;
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMaxScore(uint32_t upto) override;
  uint64_t Cost() const override;
  absl::Status status() const override;

  std::vector<std::unique_ptr<Scorer>>& scorers() { return scorers_; }
  uint32_t min_match() const { return min_match_; }

 private:
  // Settles on the smallest doc >= every scorer's position with enough
  // matches.
  uint32_t Settle();
  std::vector<std::unique_ptr<Scorer>> scorers_;
  uint32_t min_match_;
  bool started_ = false;
};

// Docs of `required` that match none of `excluded`.
class ExclusionScorer : public Scorer {
 public:
  ExclusionScorer(std::unique_ptr<Scorer> required, std::unique_ptr<Scorer> excluded)
      : required_(std::move(required)), excluded_(std::move(excluded)) {}
  uint32_t Next() override { return doc_ = Skip(required_->Next()); }
  uint32_t Advance(uint32_t target) override { return doc_ = Skip(required_->Advance(target)); }
  float Score() override { return required_->Score(); }
  float MaxScore() const override { return required_->MaxScore(); }
  uint32_t ShallowAdvance(uint32_t target) override { return required_->ShallowAdvance(target); }
  float BlockMaxScore(uint32_t upto) override { return required_->BlockMaxScore(upto); }
  // Its scores are the required scorer's.
  void SetMinCompetitiveScore(float score) override { required_->SetMinCompetitiveScore(score); }
  uint64_t Cost() const override { return required_->Cost(); }
  absl::Status status() const override;

  // For counters that drive the two themselves, before any
  // Next()/Advance() of this scorer.
  Scorer& required() { return *required_; }
  Scorer& excluded() { return *excluded_; }

 private:
  uint32_t Skip(uint32_t doc);
  std::unique_ptr<Scorer> required_;
  std::unique_ptr<Scorer> excluded_;
  bool excluded_started_ = false;
};

// Docs of `required`; `optional` adds its score where it matches too.
class OptionalScorer : public Scorer {
 public:
  OptionalScorer(std::unique_ptr<Scorer> required, std::unique_ptr<Scorer> optional)
      : required_(std::move(required)), optional_(std::move(optional)) {}
  uint32_t Next() override { return doc_ = required_->Next(); }
  uint32_t Advance(uint32_t target) override { return doc_ = required_->Advance(target); }
  float Score() override;
  float MaxScore() const override { return required_->MaxScore() + optional_->MaxScore(); }
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMaxScore(uint32_t upto) override {
    return required_->BlockMaxScore(upto) + optional_->BlockMaxScore(upto);
  }
  uint64_t Cost() const override { return required_->Cost(); }
  absl::Status status() const override;

  // For collectors that drive the two themselves (top_k.cc), before any
  // Next()/Advance() of this scorer: Score() == required().Score() +
  // optional().Score() where both match, required().Score() elsewhere.
  Scorer& required() { return *required_; }
  Scorer& optional() { return *optional_; }

 private:
  std::unique_ptr<Scorer> required_;
  std::unique_ptr<Scorer> optional_;
  bool optional_started_ = false;
};

// Docs where the terms occur at consecutive positions (slop 0), or within
// `slop` moves of that; the score is BM25 of the phrase frequency with the
// summed idf of its terms, as Lucene's PhraseQuery scores.
//
// Bounds: the phrase occurs in a doc at most as often as term 0 does (each
// occurrence starts at a distinct position of term 0), and with slop 0 at
// most as often as any of its terms. So the phrase's BM25 over such a term's
// impacts bounds the phrase in a block (as Lucene's phrase scorers bound it
// with their terms' impacts), and over its freq in a doc bounds the phrase
// in that doc. Told a minimum competitive score, Next() and Advance() skip
// the blocks of the rarest such term whose bound cannot beat it, and read no
// positions of a candidate whose own bound cannot.
class PhraseScorer : public Scorer {
 public:
  // `offsets[i]` is term i's position relative to term 0. The terms' own
  // BM25 must be `bm25` (their scores are never used, their bounds are the
  // phrase's); otherwise the phrase bounds itself by bm25's weight only.
  PhraseScorer(std::vector<std::unique_ptr<TermScorer>> terms, std::vector<uint32_t> offsets,
               uint32_t slop, const Bm25Scorer* bm25, std::span<const uint8_t> norms);
  uint32_t Next() override;
  uint32_t Advance(uint32_t target) override;
  float Score() override;
  float MaxScore() const override;
  uint32_t ShallowAdvance(uint32_t target) override;
  float BlockMaxScore(uint32_t upto) override;
  void SetMinCompetitiveScore(float score) override;
  uint64_t Cost() const override { return by_cost_[0]->doc_freq(); }
  absl::Status status() const override;
  // How often the phrase occurs in doc() (counted on the first call for a
  // doc: finding the doc needs only one occurrence).
  uint32_t freq();

 private:
  // From `target`, the next doc where the phrase occurs (and, when pruning,
  // may score above min_competitive_).
  uint32_t FindPhrase(uint32_t target);
  // The first doc >= target in a window whose bound beats min_competitive_
  // (kNoMoreDocs if none).
  uint32_t CompetitiveFrom(uint32_t target);
  // From the lead's doc `doc` (in the window), the first doc of the lead
  // whose own freq could beat min_competitive_, or the first past the
  // window, where the lead then stands.
  uint32_t LeadCompetitive(uint32_t doc);
  // A bound of the phrase's score in the doc all terms stand on, from their
  // freqs there.
  float DocBound(uint32_t doc) const;
  uint8_t NormOf(uint32_t doc) const { return norms_.empty() ? 1 : norms_[doc]; }
  // Whether the phrase occurs in the doc all terms stand on: freq_ is then
  // 1, or with slop the whole count (freq_counted_).
  bool Matches();
  // Slop 0: the next occurrence from where the position streams stand.
  bool NextExactOccurrence();

  // A term's positions in the current doc, decoded one at a time.
  struct PositionStream {
    util::Decoder in;
    uint32_t at = 0;  // the last position decoded
    bool damaged = false;
    bool Next() {
      uint32_t delta;
      if (in.GetVarint32(&delta)) {
        at += delta;
        return true;
      }
      damaged = in.remaining() != 0;
      return false;
    }
  };
  std::vector<std::unique_ptr<TermScorer>> terms_;  // in phrase order
  // The terms' postings, rarest first: it leads the leapfrog. The phrase
  // moves them itself (the term scorers' doc() stays behind).
  std::vector<segment::PostingsIterator*> by_cost_;
  // The terms whose freq bounds the phrase's (all with slop 0, else term
  // 0), rarest first; empty if their bounds are not the phrase's.
  std::vector<TermScorer*> bounding_;
  bool lead_bounds_ = false;  // whether the lead is bounding_[0]
  std::vector<uint32_t> offsets_;
  uint32_t slop_;
  const Bm25Scorer* bm25_;
  std::span<const uint8_t> norms_;
  uint32_t freq_ = 0;
  bool freq_counted_ = false;
  bool started_ = false;
  // Pruning: on once told a minimum competitive score, and the window
  // [.., window_end_] whose bound is window_bound_.
  bool pruning_ = false;
  float min_competitive_ = 0;
  bool windowed_ = false;
  uint32_t window_end_ = 0;
  float window_bound_ = 0;
  uint32_t shallow_target_ = 0;
  // Slop 0: the terms' positions streamed in phrase order; the next
  // occurrence to try starts at streams_[0].at.
  std::vector<PositionStream> streams_;
  bool streams_left_ = false;  // whether streams_[0].at is untried
  // Slop > 0: the terms' positions decoded whole.
  std::vector<std::vector<uint32_t>> positions_;
  std::vector<size_t> cursors_;
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_SCORER_H_
