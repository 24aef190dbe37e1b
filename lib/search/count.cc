#include "search/count.h"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <span>
#include <vector>

#include "search/constant_scorers.h"

namespace trawl::search {
namespace {

using segment::PostingsIterator;

constexpr uint32_t kWindowShift = 12;
constexpr uint32_t kWindowDocs = uint32_t{1} << kWindowShift;
using Window = std::array<uint64_t, kWindowDocs / 64>;

// The window of docs [base, end) that holds `doc`; the sentinel is never
// in one.
uint32_t WindowBase(uint32_t doc) { return doc >> kWindowShift << kWindowShift; }
uint32_t WindowEnd(uint32_t base) {
  return static_cast<uint32_t>(std::min<uint64_t>(uint64_t{base} + kWindowDocs, kNoMoreDocs));
}

uint64_t CountBits(const Window& words) {
  uint64_t n = 0;
  for (uint64_t w : words) n += static_cast<uint64_t>(std::popcount(w));
  return n;
}

// The live docs among the window's bits.
uint64_t CountLive(Window& words, uint32_t base, const index::SegmentView& segment) {
  if (segment.deleted != nullptr) {
    for (size_t w = 0; w < words.size(); ++w) {
      for (uint64_t rest = words[w]; rest != 0; rest &= rest - 1) {
        const int bit = std::countr_zero(rest);
        if (!segment.live(base + static_cast<uint32_t>(w * 64 + bit))) {
          words[w] &= ~(uint64_t{1} << bit);
        }
      }
    }
  }
  return CountBits(words);
}

// Sets the bits of `cursor`'s docs in [its doc, end), relative to `base`,
// and leaves it on its first doc >= end.
template <typename Cursor>
void MarkDocs(Cursor* cursor, uint32_t base, uint32_t end, Window& words) {
  for (uint32_t doc = cursor->doc(); doc < end; doc = cursor->Next()) {
    const uint32_t bit = doc - base;
    words[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

// Postings a block at a time, dense blocks a word at a time.
void MarkDocs(PostingsIterator* postings, uint32_t base, uint32_t end, Window& words) {
  postings->IntoBitSet(end, base, words.data());
}

// The union of `cursors` (scorers or postings: anything with doc() and
// Next(), each positioned on its first doc): every cursor sets its docs'
// bits in the window, then the bits are counted. No cursor is compared
// with another per doc.
template <typename Cursor>
uint64_t CountUnion(std::span<Cursor* const> cursors, const index::SegmentView& segment) {
  Window words;
  uint64_t total = 0;
  while (true) {
    uint32_t first = kNoMoreDocs;
    for (Cursor* c : cursors) first = std::min(first, c->doc());
    if (first == kNoMoreDocs) return total;
    const uint32_t base = WindowBase(first);
    words.fill(0);
    for (Cursor* c : cursors) MarkDocs(c, base, WindowEnd(base), words);
    total += CountLive(words, base, segment);
  }
}

// Keeps of the window's docs those `postings` has (`keep`) or those it has
// not. A few docs are looked up one by one; more, and the postings of the
// window are set in a bit set of their own and combined a word at a time.
void Filter(PostingsIterator* postings, bool keep, uint32_t base, double postings_per_window,
            Window& words, Window& scratch) {
  if (postings->doc() < base) postings->Advance(base);
  // A lookup costs about a block decoded; the bit set, the window's
  // postings decoded (or a word per 64 docs of a dense block).
  if (static_cast<double>(CountBits(words)) * 128 < postings_per_window) {
    for (size_t w = 0; w < words.size(); ++w) {
      for (uint64_t rest = words[w]; rest != 0; rest &= rest - 1) {
        const int bit = std::countr_zero(rest);
        const uint32_t doc = base + static_cast<uint32_t>(w * 64 + bit);
        if (postings->doc() < doc) postings->Advance(doc);
        if ((postings->doc() == doc) != keep) words[w] &= ~(uint64_t{1} << bit);
      }
    }
    return;
  }
  scratch.fill(0);
  postings->IntoBitSet(WindowEnd(base), base, scratch.data());
  for (size_t w = 0; w < words.size(); ++w) words[w] &= keep ? scratch[w] : ~scratch[w];
}

// The docs in every one of `required` (rarest first) and none of
// `excluded`: the rarest sets its docs of a window, the others filter them.
uint64_t CountIntersection(std::span<PostingsIterator* const> required,
                           std::span<PostingsIterator* const> excluded,
                           const index::SegmentView& segment) {
  const double windows_per_doc = double{kWindowDocs} / std::max(1u, segment.reader->doc_count());
  Window words, scratch;
  uint64_t total = 0;
  PostingsIterator* lead = required[0];
  while (lead->doc() != kNoMoreDocs) {
    const uint32_t base = WindowBase(lead->doc());
    words.fill(0);
    lead->IntoBitSet(WindowEnd(base), base, words.data());
    auto filter = [&](PostingsIterator* p, bool keep) {
      Filter(p, keep, base, p->doc_freq() * windows_per_doc, words, scratch);
    };
    for (PostingsIterator* p : required.subspan(1)) filter(p, true);
    for (PostingsIterator* p : excluded) filter(p, false);
    total += CountLive(words, base, segment);
  }
  return total;
}

// The postings of `scorer` if it is a term, or of its children if it is a
// conjunction (`all`) or a disjunction of any one (`!all`) of terms; else
// none.
std::vector<PostingsIterator*> TermPostings(Scorer* scorer, bool all) {
  std::vector<Scorer*> terms;
  if (auto* c = dynamic_cast<ConjunctionScorer*>(scorer);
      c != nullptr && all && c->checks().empty()) {
    for (auto& s : c->scorers()) terms.push_back(s.get());
  } else if (auto* d = dynamic_cast<DisjunctionScorer*>(scorer);
             d != nullptr && !all && d->min_match() == 1) {
    for (auto& s : d->scorers()) terms.push_back(s.get());
  } else {
    terms.push_back(scorer);
  }
  std::vector<PostingsIterator*> postings;
  for (Scorer* s : terms) {
    auto* term = dynamic_cast<TermScorer*>(s);
    if (term == nullptr) return {};
    postings.push_back(&term->postings());
  }
  return postings;
}

void StartDocsOnly(std::span<PostingsIterator* const> postings) {
  for (PostingsIterator* p : postings) {
    p->DocsOnly();
    p->Next();
  }
}

// A scorer of terms as its postings: an intersection of `required` (with
// none of `excluded`), or a union of `any`.
struct TermClauses {
  std::vector<PostingsIterator*> required, excluded, any;
};

std::optional<TermClauses> TermClausesOf(Scorer& scorer) {
  // Optional clauses beside required ones do not change what matches.
  if (auto* o = dynamic_cast<OptionalScorer*>(&scorer); o != nullptr) {
    return TermClausesOf(o->required());
  }
  TermClauses c;
  if (auto* exclusion = dynamic_cast<ExclusionScorer*>(&scorer); exclusion != nullptr) {
    c.required = TermPostings(&exclusion->required(), true);
    c.excluded = TermPostings(&exclusion->excluded(), false);
    if (c.required.empty() || c.excluded.empty()) return std::nullopt;
  } else if (auto* d = dynamic_cast<DisjunctionScorer*>(&scorer); d != nullptr) {
    c.any = TermPostings(&scorer, false);
    if (c.any.empty()) return std::nullopt;
  } else {
    c.required = TermPostings(&scorer, true);
    if (c.required.empty()) return std::nullopt;
  }
  return c;
}

}  // namespace

bool CheapToCountApart(Scorer& scorer) {
  const std::optional<TermClauses> terms = TermClausesOf(scorer);
  return terms && (terms->required.size() <= 1 || !terms->excluded.empty());
}

std::optional<uint64_t> CountHeld(Scorer& scorer, const index::SegmentView& segment) {
  if (auto* bits = dynamic_cast<BitSetScorer*>(&scorer); bits != nullptr) {
    return bits->docs().CountLive(segment);
  }
  return std::nullopt;
}

absl::Status CountMatches(Scorer& scorer, const index::SegmentView& segment, uint64_t& total) {
  if (std::optional<uint64_t> held = CountHeld(scorer, segment); held) {
    total += *held;
    return absl::OkStatus();
  }
  if (std::optional<TermClauses> terms = TermClausesOf(scorer); terms) {
    if (!terms->any.empty()) {
      StartDocsOnly(terms->any);
      total += CountUnion<PostingsIterator>(terms->any, segment);
      return scorer.status();
    }
    // Rarest first, as ConjunctionScorer orders them.
    std::stable_sort(terms->required.begin(), terms->required.end(),
                     [](const auto* a, const auto* b) { return a->doc_freq() < b->doc_freq(); });
    StartDocsOnly(terms->required);
    StartDocsOnly(terms->excluded);
    total += CountIntersection(terms->required, terms->excluded, segment);
    return scorer.status();
  }
  if (auto* d = dynamic_cast<DisjunctionScorer*>(&scorer); d != nullptr && d->min_match() == 1) {
    std::vector<Scorer*> scorers;
    for (auto& child : d->scorers()) {
      scorers.push_back(child.get());
      child->Next();
    }
    total += CountUnion<Scorer>(scorers, segment);
    return scorer.status();
  }
  for (uint32_t doc = scorer.Next(); doc != kNoMoreDocs; doc = scorer.Next()) {
    total += segment.live(doc);
  }
  return scorer.status();
}

}  // namespace trawl::search
