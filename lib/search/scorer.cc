#include "search/scorer.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace trawl::search {
namespace {

// Leapfrog: from `candidate` (a doc of scorers[0]), the first doc on which
// every scorer agrees. Each scorer must already be positioned. S is
// Scorer, or TermScorer when all are terms (no virtual calls).
template <typename S>
uint32_t LeapfrogOf(std::span<S* const> scorers, uint32_t candidate) {
  size_t agreed = 1;
  while (candidate != kNoMoreDocs && agreed < scorers.size()) {
    for (agreed = 1; agreed < scorers.size(); ++agreed) {
      S* s = scorers[agreed];
      uint32_t d = s->doc() < candidate ? s->Advance(candidate) : s->doc();
      if (d > candidate) {
        candidate = scorers[0]->Advance(d);
        break;
      }
    }
  }
  return candidate;
}

absl::Status FirstError(std::span<const std::unique_ptr<Scorer>> scorers) {
  for (const auto& s : scorers) {
    if (absl::Status st = s->status(); !st.ok()) return st;
  }
  return absl::OkStatus();
}

// The bounds of a sum of scorers' scores (a conjunction's, a disjunction's):
// the sum of their bounds, over blocks that end where the first of theirs
// ends.
float SumOfMaxScores(std::span<const std::unique_ptr<Scorer>> scorers) {
  float sum = 0;
  for (const auto& s : scorers) sum += s->MaxScore();
  return sum;
}

uint32_t ShallowAdvanceAll(std::span<const std::unique_ptr<Scorer>> scorers, uint32_t target) {
  uint32_t upto = kNoMoreDocs;
  for (const auto& s : scorers) upto = std::min(upto, s->ShallowAdvance(target));
  return upto;
}

float SumOfBlockMaxScores(std::span<const std::unique_ptr<Scorer>> scorers, uint32_t upto) {
  float sum = 0;
  for (const auto& s : scorers) sum += s->BlockMaxScore(upto);
  return sum;
}

}  // namespace

TermScorer::TermScorer(std::unique_ptr<segment::PostingsIterator> postings,
                       const Bm25Scorer* bm25, std::span<const uint8_t> norms)
    : postings_(std::move(postings)), bm25_(bm25), norms_(norms) {
  max_score_ = bm25_->MaxScore(postings_->term_impacts(), !norms_.empty());
}

uint32_t TermScorer::ShallowAdvance(uint32_t target) {
  shallow_target_ = target;
  return postings_->ShallowAdvance(target);
}

float TermScorer::BlockMaxScore(uint32_t upto) {
  float best = 0;
  for (size_t b = postings_->skip_block(); b < postings_->num_blocks(); ++b) {
    best = std::max(best, BlockBound(b));
    if (postings_->last_doc_of_block(b) >= upto) break;
  }
  return best;
}

ConjunctionScorer::ConjunctionScorer(std::vector<std::unique_ptr<Scorer>> scorers)
    : scorers_(std::move(scorers)) {
  std::stable_sort(scorers_.begin(), scorers_.end(),
                   [](const auto& a, const auto& b) { return a->Cost() < b->Cost(); });
  // Checks need a clause that iterates to check the docs of.
  auto checks = std::stable_partition(scorers_.begin(), scorers_.end(),
                                      [](const auto& s) { return !s->CheckOnly(); });
  if (checks != scorers_.begin()) {
    std::move(checks, scorers_.end(), std::back_inserter(checks_));
    scorers_.erase(checks, scorers_.end());
  }
  for (auto& s : scorers_) {
    raw_.push_back(s.get());
    if (auto* term = dynamic_cast<TermScorer*>(s.get()); term != nullptr) terms_.push_back(term);
  }
  if (terms_.size() != scorers_.size()) terms_.clear();
}

uint32_t ConjunctionScorer::Leapfrog(uint32_t candidate) {
  if (terms_.empty()) return LeapfrogOf<Scorer>(raw_, candidate);
  return LeapfrogOf<TermScorer>(terms_, candidate);
}

uint32_t ConjunctionScorer::DoNext(uint32_t candidate) {
  for (candidate = Leapfrog(candidate); candidate != kNoMoreDocs;
       candidate = Leapfrog(scorers_[0]->Next())) {
    if (std::all_of(checks_.begin(), checks_.end(),
                    [&](const auto& c) { return c->Matches(candidate); })) {
      break;
    }
  }
  return doc_ = candidate;
}

uint32_t ConjunctionScorer::Next() {
  if (!started_) return Advance(0);
  return DoNext(terms_.empty() ? scorers_[0]->Next() : terms_[0]->Next());
}

uint32_t ConjunctionScorer::Advance(uint32_t target) {
  if (!started_) {
    // Position every scorer on its first match from target.
    started_ = true;
    for (size_t i = 1; i < scorers_.size(); ++i) scorers_[i]->Advance(target);
  }
  return DoNext(scorers_[0]->Advance(target));
}

float ConjunctionScorer::Score() {
  float sum = 0;
  if (!terms_.empty()) {
    for (TermScorer* t : terms_) sum += t->Score();
  } else {
    for (auto& s : scorers_) sum += s->Score();
  }
  for (auto& s : checks_) sum += s->Score();
  return sum;
}

float ConjunctionScorer::MaxScore() const {
  return SumOfMaxScores(scorers_) + SumOfMaxScores(checks_);
}

uint32_t ConjunctionScorer::ShallowAdvance(uint32_t target) {
  return ShallowAdvanceAll(scorers_, target);
}

float ConjunctionScorer::BlockMaxScore(uint32_t upto) {
  return SumOfBlockMaxScores(scorers_, upto) + SumOfBlockMaxScores(checks_, upto);
}

absl::Status ConjunctionScorer::status() const {
  if (absl::Status s = FirstError(scorers_); !s.ok()) return s;
  return FirstError(checks_);
}

DisjunctionScorer::DisjunctionScorer(std::vector<std::unique_ptr<Scorer>> scorers,
                                     uint32_t min_match)
    : scorers_(std::move(scorers)), min_match_(std::max<uint32_t>(1, min_match)) {}

uint32_t DisjunctionScorer::Settle() {
  while (true) {
    uint32_t best = kNoMoreDocs;
    for (auto& s : scorers_) best = std::min(best, s->doc());
    if (best == kNoMoreDocs) return doc_ = kNoMoreDocs;
    uint32_t matches = 0;
    for (auto& s : scorers_) matches += s->doc() == best;
    if (matches >= min_match_) return doc_ = best;
    for (auto& s : scorers_) {
      if (s->doc() == best) s->Next();
    }
  }
}

uint32_t DisjunctionScorer::Next() {
  if (!started_) return Advance(0);
  for (auto& s : scorers_) {
    if (s->doc() == doc_) s->Next();
  }
  return Settle();
}

uint32_t DisjunctionScorer::Advance(uint32_t target) {
  for (auto& s : scorers_) {
    if (!started_ || s->doc() < target) s->Advance(target);
  }
  started_ = true;
  return Settle();
}

float DisjunctionScorer::Score() {
  float sum = 0;
  for (auto& s : scorers_) {
    if (s->doc() == doc_) sum += s->Score();
  }
  return sum;
}

float DisjunctionScorer::MaxScore() const { return SumOfMaxScores(scorers_); }

uint32_t DisjunctionScorer::ShallowAdvance(uint32_t target) {
  return ShallowAdvanceAll(scorers_, target);
}

float DisjunctionScorer::BlockMaxScore(uint32_t upto) { return SumOfBlockMaxScores(scorers_, upto); }

uint64_t DisjunctionScorer::Cost() const {
  uint64_t sum = 0;
  for (const auto& s : scorers_) sum += s->Cost();
  return sum;
}

absl::Status DisjunctionScorer::status() const { return FirstError(scorers_); }

uint32_t ExclusionScorer::Skip(uint32_t doc) {
  if (excluded_->CheckOnly()) {
    while (doc != kNoMoreDocs && excluded_->Matches(doc)) doc = required_->Next();
    return doc;
  }
  if (!excluded_started_) {
    excluded_started_ = true;
    excluded_->Next();
  }
  while (doc != kNoMoreDocs) {
    uint32_t e = excluded_->doc() < doc ? excluded_->Advance(doc) : excluded_->doc();
    if (e != doc) return doc;
    doc = required_->Next();
  }
  return doc;
}

absl::Status ExclusionScorer::status() const {
  if (absl::Status s = required_->status(); !s.ok()) return s;
  return excluded_->status();
}

float OptionalScorer::Score() {
  if (!optional_started_) {
    optional_started_ = true;
    optional_->Next();
  }
  float score = required_->Score();
  uint32_t o = optional_->doc() < doc_ ? optional_->Advance(doc_) : optional_->doc();
  return o == doc_ ? score + optional_->Score() : score;
}

uint32_t OptionalScorer::ShallowAdvance(uint32_t target) {
  return std::min(required_->ShallowAdvance(target), optional_->ShallowAdvance(target));
}

absl::Status OptionalScorer::status() const {
  if (absl::Status s = required_->status(); !s.ok()) return s;
  return optional_->status();
}

PhraseScorer::PhraseScorer(std::vector<std::unique_ptr<TermScorer>> terms,
                           std::vector<uint32_t> offsets, uint32_t slop, const Bm25Scorer* bm25,
                           std::span<const uint8_t> norms)
    : terms_(std::move(terms)), offsets_(std::move(offsets)), slop_(slop), bm25_(bm25), norms_(norms),
      positions_(terms_.size()) {
  std::vector<TermScorer*> by_cost;
  for (const auto& t : terms_) by_cost.push_back(t.get());
  std::stable_sort(by_cost.begin(), by_cost.end(),
                   [](const Scorer* a, const Scorer* b) { return a->Cost() < b->Cost(); });
  for (TermScorer* t : by_cost) by_cost_.push_back(&t->postings());
  bool own_bounds = true;
  for (const auto& t : terms_) own_bounds = own_bounds && &t->bm25() == bm25_;
  if (own_bounds) {
    for (TermScorer* t : by_cost) {
      if (slop_ == 0 || t == terms_[0].get()) bounding_.push_back(t);
    }
  }
  lead_bounds_ = !bounding_.empty() && by_cost[0] == bounding_[0];
  if (slop_ == 0) streams_.resize(terms_.size());
}

uint32_t PhraseScorer::FindPhrase(uint32_t target) {
  segment::PostingsIterator* const lead = by_cost_[0];
  while (true) {
    if (pruning_ && (target > window_end_ || !windowed_ || window_bound_ <= min_competitive_)) {
      target = CompetitiveFrom(target);
    }
    // The lead's first doc >= target.
    uint32_t candidate = lead->doc();
    if (candidate < target) {
      candidate = candidate + 1 == target ? lead->Next() : lead->Advance(target);
    }
    if (pruning_) {
      if (lead_bounds_) candidate = LeadCompetitive(candidate);
      if (candidate > window_end_) {  // bound its window first
        if (candidate == kNoMoreDocs) break;
        target = candidate;
        continue;
      }
    }
    if (candidate == kNoMoreDocs) break;
    // The other terms on the candidate, or the first doc past it that one
    // of them has.
    uint32_t next = candidate;
    for (size_t i = 1; i < by_cost_.size() && next == candidate; ++i) {
      segment::PostingsIterator* p = by_cost_[i];
      next = p->doc();
      if (next < candidate) {
        // Terms of a phrase often share most docs: the next one first
        // (inline), then a skip.
        next = p->Next();
        if (next < candidate) next = p->Advance(candidate);
      }
    }
    if (next != candidate) {
      target = next;
      continue;
    }
    if (pruning_ && DocBound(candidate) <= min_competitive_) {
      target = candidate + 1;
      continue;
    }
    if (Matches()) return doc_ = candidate;
    target = candidate + 1;
  }
  return doc_ = kNoMoreDocs;
}

uint32_t PhraseScorer::LeadCompetitive(uint32_t doc) {
  // A decoded block at a time: a table lookup, a division and a comparison
  // per doc.
  segment::PostingsIterator* const lead = by_cost_[0];
  const bool has_norms = !norms_.empty();
  while (doc <= window_end_ && doc != kNoMoreDocs) {
    const std::span<const uint32_t> docs = lead->DocsToBlockEnd();
    const std::span<const uint32_t> freqs = lead->FreqsToBlockEnd();
    size_t n = docs.size();
    if (docs.back() > window_end_) {
      n = static_cast<size_t>(std::upper_bound(docs.begin(), docs.end(), window_end_) -
                              docs.begin());
    }
    for (size_t i = 0; i < n; ++i) {
      if (bm25_->Score(freqs[i], has_norms ? norms_[docs[i]] : 1) > min_competitive_) {
        lead->MoveWithinBlock(static_cast<uint32_t>(i));
        return docs[i];
      }
    }
    if (n < docs.size()) {  // the first doc past the window
      lead->MoveWithinBlock(static_cast<uint32_t>(n));
      return docs[n];
    }
    doc = lead->NextBlock();
  }
  return doc;
}

uint32_t PhraseScorer::CompetitiveFrom(uint32_t target) {
  while (true) {
    if (!windowed_ || target > window_end_) {
      window_end_ = ShallowAdvance(target);
      window_bound_ = BlockMaxScore(window_end_);
      windowed_ = true;
    }
    if (window_bound_ > min_competitive_) return target;
    if (window_end_ == kNoMoreDocs) return kNoMoreDocs;
    target = window_end_ + 1;
  }
}

float PhraseScorer::DocBound(uint32_t doc) const {
  uint32_t freq = UINT32_MAX;
  for (TermScorer* t : bounding_) freq = std::min(freq, t->postings().freq());
  return bm25_->Score(freq, NormOf(doc));
}

uint32_t PhraseScorer::ShallowAdvance(uint32_t target) {
  if (bounding_.empty()) return kNoMoreDocs;
  shallow_target_ = target;
  // The rarest bounding term's blocks: the fewest windows.
  return bounding_[0]->ShallowAdvance(target);
}

float PhraseScorer::BlockMaxScore(uint32_t upto) {
  if (bounding_.empty()) return MaxScore();
  // The least of the terms' bounds over [shallow_target_, upto]; a term's
  // blocks are read only while they could lower it.
  float least = std::numeric_limits<float>::infinity();
  for (TermScorer* t : bounding_) {
    segment::PostingsIterator& postings = t->postings();
    postings.ShallowAdvance(shallow_target_);
    float best = 0;
    for (size_t b = postings.skip_block(); b < postings.num_blocks(); ++b) {
      best = std::max(best, t->BlockBound(b));
      if (best >= least || postings.last_doc_of_block(b) >= upto) break;
    }
    least = std::min(least, best);
  }
  return least;
}

void PhraseScorer::SetMinCompetitiveScore(float score) {
  min_competitive_ = score;
  pruning_ = !bounding_.empty();
}

uint32_t PhraseScorer::Next() {
  if (!started_) {
    started_ = true;
    for (segment::PostingsIterator* p : by_cost_) p->Next();
    return FindPhrase(0);
  }
  return doc_ == kNoMoreDocs ? doc_ : FindPhrase(doc_ + 1);
}

uint32_t PhraseScorer::Advance(uint32_t target) {
  if (!started_) {
    started_ = true;
    for (segment::PostingsIterator* p : by_cost_) p->Advance(target);
  }
  return FindPhrase(target);
}

namespace {

// Counts the start positions p of term 0 from which every term i occurs at
// p + offsets[i], give or take a total displacement of at most slop. The
// wanted positions only grow with p, so each term's nearest position is
// found by a cursor that only moves forward: linear in the positions.
uint32_t PhraseFreq(std::span<const std::vector<uint32_t>> positions,
                    std::span<const uint32_t> offsets, uint32_t slop,
                    std::vector<size_t>& cursors) {
  cursors.assign(positions.size(), 0);
  uint32_t freq = 0;
  for (uint32_t p0 : positions[0]) {
    uint64_t used = 0;
    bool match = true;
    for (size_t i = 1; i < positions.size() && match; ++i) {
      const std::vector<uint32_t>& at = positions[i];
      const int64_t want = int64_t{p0} + offsets[i];
      size_t& c = cursors[i];
      while (c + 1 < at.size() && at[c + 1] <= want) ++c;
      uint64_t best = UINT64_MAX;
      for (size_t j = c; j < std::min(c + 2, at.size()); ++j) {
        const int64_t diff = int64_t{at[j]} - want;
        best = std::min<uint64_t>(best, static_cast<uint64_t>(diff < 0 ? -diff : diff));
      }
      used += best;
      match = best != UINT64_MAX && used <= slop;
    }
    if (match) ++freq;
  }
  return freq;
}

}  // namespace

bool PhraseScorer::Matches() {
  if (slop_ > 0) {
    for (size_t i = 0; i < terms_.size(); ++i) terms_[i]->postings().Positions(&positions_[i]);
    freq_ = search::PhraseFreq(positions_, offsets_, slop_, cursors_);
    freq_counted_ = true;
    return freq_ > 0;
  }
  // Every term occurs in the doc: each stream holds a position.
  streams_left_ = true;
  for (size_t i = 0; i < streams_.size() && streams_left_; ++i) {
    PositionStream& s = streams_[i];
    s.in = util::Decoder(terms_[i]->postings().PositionBytes());
    s.at = 0;
    streams_left_ = s.Next();
  }
  freq_ = 0;
  freq_counted_ = false;
  if (streams_left_ && NextExactOccurrence()) {
    freq_ = 1;
    return true;
  }
  freq_counted_ = true;
  return false;
}

bool PhraseScorer::NextExactOccurrence() {
  // The wanted positions only grow with streams_[0].at, so every stream
  // only moves forward: linear in the positions read, and a stream that
  // runs out ends the search.
  if (streams_.size() == 2) {  // most phrases: the same, with one stream to follow
    PositionStream& first = streams_[0];
    PositionStream& second = streams_[1];
    const uint64_t offset = offsets_[1];
    while (streams_left_) {
      const uint64_t want = first.at + offset;
      while (second.at < want) {
        if (!second.Next()) {
          if (second.damaged) terms_[1]->postings().Positions(&positions_[1]);
          return streams_left_ = false;
        }
      }
      const bool match = second.at == want;
      streams_left_ = first.Next();
      if (!streams_left_ && first.damaged) terms_[0]->postings().Positions(&positions_[0]);
      if (match) return true;
    }
    return false;
  }
  while (streams_left_) {
    const uint64_t p0 = streams_[0].at;
    bool match = true;
    for (size_t i = 1; i < streams_.size() && match; ++i) {
      PositionStream& s = streams_[i];
      const uint64_t want = p0 + offsets_[i];
      while (s.at < want) {
        if (!s.Next()) {
          // Damage: let the postings say so (Positions fails the same way).
          if (s.damaged) terms_[i]->postings().Positions(&positions_[i]);
          return streams_left_ = false;
        }
      }
      match = s.at == want;
    }
    streams_left_ = streams_[0].Next();
    if (!streams_left_ && streams_[0].damaged) terms_[0]->postings().Positions(&positions_[0]);
    if (match) return true;
  }
  return false;
}

uint32_t PhraseScorer::freq() {
  if (!freq_counted_) {
    while (NextExactOccurrence()) ++freq_;
    freq_counted_ = true;
  }
  return freq_;
}

float PhraseScorer::Score() { return bm25_->Score(freq(), NormOf(doc_)); }

float PhraseScorer::MaxScore() const {
  float least = bm25_->weight();
  for (const TermScorer* t : bounding_) least = std::min(least, t->MaxScore());
  return least;
}

absl::Status PhraseScorer::status() const {
  for (const auto& t : terms_) {
    if (absl::Status s = t->status(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace trawl::search
