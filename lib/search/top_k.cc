#include "search/top_k.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <iterator>
#include <limits>
#include <span>

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

namespace {

// Puts `score` into a window slot: the slot's first score, or added to it
// (children add in DisjunctionScorer::Score()'s order).
inline void AddScore(uint32_t slot, float score, uint64_t* words, float* scores) {
  uint64_t& word = words[slot >> 6];
  const uint64_t mask = uint64_t{1} << (slot & 63);
  scores[slot] = (word & mask) != 0 ? scores[slot] + score : score;
  word |= mask;
}

// A child on its first doc, and where it stands.
uint32_t Start(Scorer* child) { return child->Next(); }
uint32_t DocOf(const Scorer* child) { return child->doc(); }
// A term child is walked on its postings (its own doc() is not kept up).
uint32_t Start(TermScorer* term) { return term->postings().Next(); }
uint32_t DocOf(TermScorer* term) { return term->postings().doc(); }

// Adds the scores of `child`'s docs in [its doc, end), relative to `base`,
// and leaves it on its first doc >= end.
void AddScores(Scorer* child, uint32_t base, uint32_t end, uint64_t* words, float* scores) {
  for (uint32_t doc = child->doc(); doc < end; doc = child->Next()) {
    AddScore(doc - base, child->Score(), words, scores);
  }
}

// A term a decoded block at a time, with no call per doc: the score is
// TermScorer::Score()'s, bm25().Score(freq, norm(doc)), bit for bit.
void AddScores(TermScorer* term, uint32_t base, uint32_t end, uint64_t* words, float* scores) {
  segment::PostingsIterator& postings = term->postings();
  const Bm25Scorer& bm25 = term->bm25();
  const std::span<const uint8_t> norms = term->norms();
  while (postings.doc() < end) {
    const std::span<const uint32_t> docs = postings.DocsToBlockEnd();
    const std::span<const uint32_t> freqs = postings.FreqsToBlockEnd();
    size_t n = docs.size();
    if (docs.back() >= end) {
      n = static_cast<size_t>(std::lower_bound(docs.begin(), docs.end(), end) - docs.begin());
    }
    if (norms.empty()) {
      for (size_t i = 0; i < n; ++i) AddScore(docs[i] - base, bm25.Score(freqs[i], 1), words, scores);
    } else {
      for (size_t i = 0; i < n; ++i) {
        AddScore(docs[i] - base, bm25.Score(freqs[i], norms[docs[i]]), words, scores);
      }
    }
    if (n < docs.size()) {
      postings.MoveWithinBlock(static_cast<uint32_t>(n));
      return;
    }
    postings.NextBlock();
  }
}

// A disjunction's children scored a window of 4096 docs at a time (Lucene's
// BooleanScorer): each child in turn adds its scores into the slots of its
// docs, which is the order DisjunctionScorer::Score() sums them in, so the
// scores are bit-identical; then `collect(doc, score)` sees the window's
// docs in doc order. No child is compared with another per doc. Child is
// Scorer, or TermScorer when every child is one (no call per doc).
template <typename Child, typename Collect>
void ScoreUnion(std::span<Child* const> children, Collect&& collect) {
  constexpr uint32_t kWindowShift = 12;
  constexpr uint32_t kWindow = uint32_t{1} << kWindowShift;
  uint64_t words[kWindow / 64];
  float scores[kWindow];
  for (Child* c : children) Start(c);
  while (true) {
    uint32_t first = kNoMoreDocs;
    for (Child* c : children) first = std::min(first, DocOf(c));
    if (first == kNoMoreDocs) return;
    const uint32_t base = first >> kWindowShift << kWindowShift;
    // Docs in [base, end); the sentinel is never one of them.
    const uint32_t end =
        static_cast<uint32_t>(std::min<uint64_t>(uint64_t{base} + kWindow, kNoMoreDocs));
    std::fill(std::begin(words), std::end(words), 0);
    for (Child* c : children) AddScores(c, base, end, words, scores);
    for (uint32_t w = 0; w < kWindow / 64; ++w) {
      for (uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
        const uint32_t slot = w * 64 + static_cast<uint32_t>(std::countr_zero(bits));
        collect(base + slot, scores[slot]);
      }
    }
  }
}

}  // namespace

absl::Status CollectExhaustive(Scorer& scorer, const index::SegmentView& segment,
                               uint32_t segment_ordinal, TopK& top, uint64_t& total,
                               const CollectExtras& extras) {
  const segment::FastFields& fast = segment.reader->fast_fields();
  const uint32_t sort_field = static_cast<uint32_t>(extras.sort_field);
  // In score order only docs beating the threshold can enter (later docs
  // lose ties), so the others are not offered.
  const bool by_score = top.order() == SortOrder::kScore && extras.sort_field < 0;
  auto collect = [&](uint32_t doc, float score) {
    if (!segment.live(doc)) return;
    ++total;
    if (extras.matches != nullptr) extras.matches->Set(doc);
    if (by_score) {
      if (score > top.threshold()) top.Offer({score, segment_ordinal, doc});
      return;
    }
    ScoredDoc d{score, segment_ordinal, doc};
    if (extras.sort_field >= 0) d.sort_value = fast.Get(sort_field, doc);
    top.Offer(d);
  };
  auto* disjunction = dynamic_cast<DisjunctionScorer*>(&scorer);
  if (disjunction != nullptr && disjunction->min_match() == 1) {
    std::vector<Scorer*> children;
    std::vector<TermScorer*> terms;
    for (auto& child : disjunction->scorers()) {
      children.push_back(child.get());
      if (auto* term = dynamic_cast<TermScorer*>(child.get()); term != nullptr) {
        terms.push_back(term);
      }
    }
    if (terms.size() == children.size()) {
      ScoreUnion<TermScorer>(terms, collect);
    } else {
      ScoreUnion<Scorer>(children, collect);
    }
    return scorer.status();
  }
  for (uint32_t doc = scorer.Next(); doc != kNoMoreDocs; doc = scorer.Next()) {
    collect(doc, scorer.Score());
  }
  return scorer.status();
}

namespace {

// Whether no doc whose score is at most `bound` can enter `top` (whose
// threshold() is `threshold`). The collectors offer docs in increasing
// (segment, doc) order, so a doc that only ties the k-th best comes after it
// and loses the tie: a bound equal to the threshold prunes too (with many
// equal scores, as a term occurring once in many fields of one length
// gives, this is most of the skipping).
//
// Exact only for a bound computed as the scores are: the same float
// operations, in the same order, on clause bounds no smaller than the
// clause scores (a term's block bound is the best BM25 over the block's
// impacts, segment::Impact; sums are in the scorer's own clause order).
// Rounding is monotone, so such a bound is never below a computed score.
bool CannotEnter(float threshold, float bound) { return bound <= threshold; }

// For a bound summed in another order than the score: it is first raised
// by a relative slack far above any rounding difference.
bool CannotEnterLoosely(float threshold, float bound) {
  return bound + std::abs(bound) * 1e-5f <= threshold;
}

// In the pruning collectors below, top.threshold() is the score a doc must
// beat (-inf until the heap is full): only docs beating it are offered,
// which is exact for SortOrder::kScore since later docs lose ties.

// One term: its postings walked block by block (block-max skipping as in
// Ding and Suel 2011 and Lucene's and Tantivy's term scorers): a block whose
// best score (exact, from its impacts) cannot enter is passed over without
// being decoded; inside a block a doc costs a table
// lookup, a division and a comparison, and only docs beating the k-th best
// reach the heap.
absl::Status CollectTerm(TermScorer& term, const index::SegmentView& segment,
                         uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                         uint64_t count_until) {
  segment::PostingsIterator& postings = term.postings();
  const Bm25Scorer& bm25 = term.bm25();
  const std::span<const uint8_t> norms = term.norms();
  const bool has_norms = !norms.empty();
  const bool has_deletes = segment.deleted != nullptr;
  const size_t num_blocks = postings.num_blocks();
  const uint32_t tail = postings.doc_freq() % util::kPackBlock;
  float threshold = top.threshold();
  for (size_t b = 0; b < num_blocks; ++b) {
    if (matched >= count_until && CannotEnter(threshold, term.BlockBound(b))) {
      continue;
    }
    // Every block but the last holds kPackBlock docs; reading exactly those
    // never decodes the next block before its bound is checked.
    const uint32_t size = b + 1 < num_blocks || tail == 0 ? util::kPackBlock : tail;
    uint32_t doc = postings.Advance(b == 0 ? 0 : postings.last_doc_of_block(b - 1) + 1);
    if (doc == kNoMoreDocs) break;  // damage: status() says which
    for (uint32_t i = 1;; ++i) {
      if (!has_deletes || segment.live(doc)) {
        ++matched;
        const float score = bm25.Score(postings.freq(), has_norms ? norms[doc] : 1);
        if (score > threshold) {
          top.Offer({score, segment_ordinal, doc});
          threshold = top.threshold();
        }
      }
      if (i == size) break;
      doc = postings.Next();
    }
  }
  return term.status();
}

// A required clause and an optional one (`+a b`), as Lucene's
// ReqOptSumScorer does with block maxima: in a window where both clauses
// have one block bound each, nothing is read if the two bounds together
// cannot enter; if the required clause's bound alone cannot, only docs of
// both can, and the two leapfrog; otherwise the optional clause is looked
// at only for docs whose required score plus its bound could enter.
absl::Status CollectRequiredOptional(OptionalScorer& scorer, const index::SegmentView& segment,
                                     uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                                     uint64_t count_until) {
  Scorer& req = scorer.required();
  Scorer& opt = scorer.optional();
  const bool has_deletes = segment.deleted != nullptr;
  bool opt_started = false;
  // The optional clause on its first doc >= target.
  auto opt_from = [&](uint32_t target) {
    if (opt_started && opt.doc() >= target) return opt.doc();
    opt_started = true;
    return opt.Advance(target);
  };
  float threshold = top.threshold();
  // The window [.., window_end] in which both clauses have one block bound.
  uint32_t window_end = 0;
  bool windowed = false;
  float req_bound = 0, opt_bound = 0;
  auto bound_window = [&](uint32_t target) {
    window_end = std::min(req.ShallowAdvance(target), opt.ShallowAdvance(target));
    req_bound = req.BlockMaxScore(window_end);
    opt_bound = opt.BlockMaxScore(window_end);
    windowed = true;
  };
  uint32_t doc = req.Next();
  while (doc != kNoMoreDocs) {
    const bool pruning = matched >= count_until;
    if (pruning) {
      if (!windowed || doc > window_end) bound_window(doc);
      // The first doc from `doc` on that may enter, found on the skip data
      // of both clauses and the docs of the optional one: the required
      // clause is not decoded in windows that cannot compete.
      uint32_t target = doc;
      while (true) {
        if (!CannotEnter(threshold, req_bound + opt_bound)) {
          if (!CannotEnter(threshold, req_bound)) break;  // any doc of req may
          // Only docs matching both clauses can enter.
          const uint32_t o = opt_from(target);
          if (o <= window_end && o != kNoMoreDocs) {
            target = o;
            break;
          }
        }
        if (window_end == kNoMoreDocs) return scorer.status();
        target = window_end + 1;
        bound_window(target);
      }
      if (target > doc) {
        doc = req.Advance(target);
        continue;  // bound it again
      }
    }
    if (!has_deletes || segment.live(doc)) {
      ++matched;
      float score = req.Score();
      if (!pruning || !CannotEnter(threshold, score + opt_bound)) {
        // The sum as OptionalScorer::Score() takes it.
        if (opt_from(doc) == doc) score += opt.Score();
        if (score > threshold) {
          top.Offer({score, segment_ordinal, doc});
          threshold = top.threshold();
        }
      }
    }
    doc = req.Next();
  }
  return scorer.status();
}

}  // namespace

absl::Status CollectBlockMax(Scorer& scorer, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                             uint64_t count_until) {
  if (auto* term = dynamic_cast<TermScorer*>(&scorer); term != nullptr) {
    return CollectTerm(*term, segment, segment_ordinal, top, matched, count_until);
  }
  if (auto* optional = dynamic_cast<OptionalScorer*>(&scorer); optional != nullptr) {
    return CollectRequiredOptional(*optional, segment, segment_ordinal, top, matched,
                                   count_until);
  }
  const bool has_deletes = segment.deleted != nullptr;
  float threshold = top.threshold();
  uint32_t doc = scorer.Next();
  // The block holding `doc` (docs up to block_end) and its bound, computed
  // once per block rather than per doc.
  uint32_t block_end = 0;
  float block_bound = 0;
  bool bounded = false;
  float told = -std::numeric_limits<float>::infinity();  // to the scorer
  while (doc != kNoMoreDocs) {
    if (matched >= count_until) {
      if (threshold > told) scorer.SetMinCompetitiveScore(told = threshold);
      if (!bounded || doc > block_end) {
        block_end = scorer.ShallowAdvance(doc);
        block_bound = scorer.BlockMaxScore(block_end);
        bounded = true;
      }
      if (CannotEnter(threshold, block_bound)) {
        // Walk the skip data to the next block that can compete, decoding
        // nothing on the way.
        while (CannotEnter(threshold, block_bound)) {
          if (block_end == kNoMoreDocs) return scorer.status();
          uint32_t start = block_end + 1;
          block_end = scorer.ShallowAdvance(start);
          block_bound = scorer.BlockMaxScore(block_end);
          if (!CannotEnter(threshold, block_bound)) doc = scorer.Advance(start);
        }
        continue;  // `doc` may lie beyond this block: bound it again
      }
    }
    if (!has_deletes || segment.live(doc)) {
      ++matched;
      const float score = scorer.Score();
      if (score > threshold) {
        top.Offer({score, segment_ordinal, doc});
        threshold = top.threshold();
      }
    }
    doc = scorer.Next();
  }
  return scorer.status();
}

// Up to this many clauses, CollectMaxScore sums bounds exactly (quadratic
// in the clauses, once per window).
constexpr size_t kExactPartition = 16;
// The most docs a CollectMaxScore window spans beyond its shortest block.
constexpr uint32_t kMaxWindow = 1024;

namespace {

// CollectMaxScore over `children`: Scorer, or TermScorer when every child
// is one (calls per doc then inline).
template <typename Child>
void MaxScoreOf(std::span<Child* const> children, const index::SegmentView& segment,
                uint32_t segment_ordinal, TopK& top, uint64_t& matched, uint64_t count_until) {
  const size_t n = children.size();
  const bool has_deletes = segment.deleted != nullptr;
  for (Child* c : children) c->Next();
  // Per window of docs: each child's bound over it, the children by
  // ascending bound (order[i] is the i-th), and upto[i], the bound of a doc
  // matching only children order[0..i].
  std::vector<float> bound(n);
  std::vector<size_t> order(n);
  std::vector<float> upto(n);
  std::vector<char> in_prefix(n);
  // The essential children of the window, and the non-essential ones best
  // first with what they and the ones after them can add at most.
  std::vector<Child*> essential, probe;
  std::vector<size_t> essential_child, probe_child;
  std::vector<float> probe_rest;
  std::vector<float> score_of(n);  // per child: its score at the doc, or 0
  float threshold = top.threshold();
  uint32_t start = kNoMoreDocs;
  for (Child* c : children) start = std::min(start, c->doc());
  // The window ends where the first block of a child essential in the last
  // window ends (all at first): the others' bounds may then span several
  // of their blocks, but windows do not shrink to the shortest block of
  // any child (as Lucene's MaxScoreBulkScorer.computeOuterWindowMax).
  std::vector<char> led(n, 1);
  while (start != kNoMoreDocs) {
    // Block-max MaxScore (PISA's block_max_maxscore, Lucene's
    // MaxScoreBulkScorer): bounds and partition computed once per window;
    // the children whose bounds together cannot enter are non-essential
    // there, only probed for docs the others produce.
    uint32_t end = kNoMoreDocs, end_all = kNoMoreDocs;
    for (size_t c = 0; c < n; ++c) {
      const uint32_t block_end = children[c]->ShallowAdvance(start);
      if (led[c]) end = std::min(end, block_end);
      end_all = std::min(end_all, block_end);
    }
    // No child led (none was essential, or they are done): the shortest
    // block. And at most kMaxWindow docs past the shortest block, so that
    // a sparse lead (a rare term's block can span the whole segment) does
    // not loosen the others' bounds over all of it.
    if (end == kNoMoreDocs) end = end_all;
    end = static_cast<uint32_t>(std::min<uint64_t>(
        end, std::max<uint64_t>(end_all, uint64_t{start} + kMaxWindow - 1)));
    for (size_t c = 0; c < n; ++c) {
      bound[c] = children[c]->BlockMaxScore(end);
      order[c] = c;
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bound[a] < bound[b]; });
    // With few children upto[] is summed in the children's own order, as
    // the score is, so it is exact and ties prune; with many (a wide
    // expansion) in ascending order, so it prunes only with slack.
    const bool exact = n <= kExactPartition;
    for (size_t i = 0; i < n; ++i) {
      if (exact) {
        in_prefix[order[i]] = true;
        float sum = 0;
        for (size_t c = 0; c < n; ++c) sum += in_prefix[c] ? bound[c] : 0.0f;
        upto[i] = sum;
      } else {
        upto[i] = (i == 0 ? 0.0f : upto[i - 1]) + bound[order[i]];
      }
    }
    size_t first_essential = 0;
    const bool pruning = matched >= count_until;
    if (pruning) {
      while (first_essential < n &&
             (exact ? CannotEnter(threshold, upto[first_essential])
                    : CannotEnterLoosely(threshold, upto[first_essential]))) {
        ++first_essential;
      }
    }
    essential.clear();
    essential_child.clear();
    probe.clear();
    probe_child.clear();
    probe_rest.clear();
    for (size_t i = 0; i < n; ++i) {
      in_prefix[order[i]] = false;
      led[order[i]] = i >= first_essential;
    }
    for (size_t i = first_essential; i < n; ++i) {
      Child* c = children[order[i]];
      if (c->doc() < start) c->Advance(start);  // it was non-essential before
      essential.push_back(c);
      essential_child.push_back(order[i]);
    }
    for (size_t i = first_essential; i-- > 0;) {
      probe.push_back(children[order[i]]);
      probe_child.push_back(order[i]);
      probe_rest.push_back(upto[i]);
    }
    const size_t num_essential = essential.size();
    const size_t num_probe = probe.size();
    while (num_essential > 0) {
      uint32_t doc = kNoMoreDocs;
      for (size_t j = 0; j < num_essential; ++j) doc = std::min(doc, essential[j]->doc());
      if (doc > end || doc == kNoMoreDocs) break;
      if (!has_deletes || segment.live(doc)) {
        float partial = 0;
        for (size_t j = 0; j < num_essential; ++j) {
          if (essential[j]->doc() == doc) partial += score_of[essential_child[j]] = essential[j]->Score();
        }
        // Probe the non-essential children, best first, while they can
        // still lift the doc into the top k.
        bool pruned = false;
        for (size_t j = 0; j < num_probe; ++j) {
          if (pruning && CannotEnterLoosely(threshold, partial + probe_rest[j])) {
            pruned = true;
            break;
          }
          Child* c = probe[j];
          const uint32_t d = c->doc() < doc ? c->Advance(doc) : c->doc();
          if (d == doc) partial += score_of[probe_child[j]] = c->Score();
        }
        // Sum in the children's own order, so scores are bit-identical to
        // DisjunctionScorer::Score() and ties break the same way; and clear
        // for the next doc.
        float score = 0;
        for (size_t c = 0; c < n; ++c) {
          score += score_of[c];
          score_of[c] = 0;
        }
        if (!pruned) {
          ++matched;
          if (score > threshold) {
            top.Offer({score, segment_ordinal, doc});
            threshold = top.threshold();
          }
        }
      }
      for (size_t j = 0; j < num_essential; ++j) {
        if (essential[j]->doc() == doc) essential[j]->Next();
      }
    }
    if (end == kNoMoreDocs) break;
    // Every doc up to `end` is done, and no child has an unread doc before
    // its current one.
    uint32_t next = kNoMoreDocs;
    for (Child* c : children) next = std::min(next, c->doc());
    start = std::max(end + 1, next);
  }
}

}  // namespace

absl::Status CollectMaxScore(DisjunctionScorer& disjunction, const index::SegmentView& segment,
                             uint32_t segment_ordinal, TopK& top, uint64_t& matched,
                             uint64_t count_until) {
  std::vector<Scorer*> children;
  std::vector<TermScorer*> terms;
  for (auto& child : disjunction.scorers()) {
    children.push_back(child.get());
    if (auto* term = dynamic_cast<TermScorer*>(child.get()); term != nullptr) terms.push_back(term);
  }
  if (terms.size() == children.size()) {
    MaxScoreOf<TermScorer>(terms, segment, segment_ordinal, top, matched, count_until);
  } else {
    MaxScoreOf<Scorer>(children, segment, segment_ordinal, top, matched, count_until);
  }
  return disjunction.status();
}

}  // namespace trawl::search
