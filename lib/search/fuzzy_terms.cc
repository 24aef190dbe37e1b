#include "search/fuzzy_terms.h"

#include <algorithm>

#include "segment/term_dictionary.h"
#include "util/status_macros.h"
#include "util/utf8.h"

namespace trawl::search {
namespace {

// A code point no word has: the row of any code point that is not one of
// the word's.
constexpr char32_t kNoWordChar = 0x110000;

// How far the decoder may have looked to read a code point of `length`
// bytes at `pos`: a valid one is its bytes, an invalid byte may have been
// read together with up to three following ones.
size_t ExaminedEnd(size_t pos, const util::Decoded& d) {
  return d.invalid() ? pos + 4 : pos + d.length;
}

}  // namespace

FuzzyTermWalker::FuzzyTermWalker(std::string_view word, uint32_t prefix_length,
                                 uint32_t max_edits, bool transpositions)
    : max_edits_(max_edits), transpositions_(transpositions) {
  size_t prefix_bytes = 0;
  for (size_t at = 0; at < word.size();) {
    const util::Decoded d = util::DecodeUtf8(word, at);
    word_.push_back(d.code_point);
    at += d.length;
    if (word_.size() <= prefix_length) prefix_bytes = at;
  }
  prefix_.assign(word.substr(0, prefix_bytes));
  word_chars_.assign(word_.begin(), word_.end());
  std::sort(word_chars_.begin(), word_chars_.end());
  word_chars_.erase(std::unique(word_chars_.begin(), word_chars_.end()), word_chars_.end());
  skip_to_word_chars_ = !std::binary_search(word_chars_.begin(), word_chars_.end(),
                                            util::kReplacementChar);
  width_ = word_.size() + 1;
  // Row d's cells are at least d - word_.size(), so no row past
  // word_.size() + max_edits + 1 is within the edits: the walk never goes
  // deeper.
  const size_t depths = word_.size() + max_edits_ + 2;
  rows_.resize(depths * width_);
  for (size_t i = 0; i < width_; ++i) rows_[i] = static_cast<uint32_t>(i);
  chars_.resize(depths);
  ends_.resize(depths);
  examined_.resize(depths);
}

uint32_t FuzzyTermWalker::ComputeRow(size_t depth, char32_t c) {
  const size_t n = word_.size();
  uint32_t* cur = rows_.data() + depth * width_;
  const uint32_t* prev = cur - width_;
  // Optimal string alignment, as BoundedEditDistance, with the term along
  // the depth: cell i is the distance between word_[0, i) and the term's
  // first `depth` code points, capped at `over` (any distance beyond the
  // edits; the cap commutes with the recurrence's min and +1). Cell i is at
  // least |i - depth|, so only the band |i - depth| <= max_edits_ is
  // computed; the cells just outside it are set to `over` for the next
  // rows (Ukkonen 1985, "Algorithms for approximate string matching").
  const uint32_t over = max_edits_ + 1;
  const size_t lo = depth > max_edits_ ? depth - max_edits_ : 0;
  const size_t hi = std::min(n, depth + max_edits_);
  if (lo > 0 && lo - 1 <= n) cur[lo - 1] = over;
  if (hi + 1 <= n) cur[hi + 1] = over;
  const bool swaps = transpositions_ && depth >= 2;
  const uint32_t* before = swaps ? cur - 2 * width_ : nullptr;
  const char32_t last = depth >= 2 ? chars_[depth - 2] : kNoWordChar;
  uint32_t low = over;
  size_t i = lo;
  if (i == 0) {
    low = cur[0] = std::min(static_cast<uint32_t>(depth), over);
    i = 1;
  }
  for (; i <= hi; ++i) {
    uint32_t best = std::min({prev[i] + 1, cur[i - 1] + 1,
                              prev[i - 1] + (word_[i - 1] == c ? 0u : 1u), over});
    if (swaps && i > 1 && word_[i - 1] == last && word_[i - 2] == c) {
      best = std::min(best, before[i - 2] + 1);
    }
    cur[i] = best;
    low = std::min(low, best);
  }
  return low;
}

// Why skipping is sound: every cell of row d + 1 is at least a cell of row
// d (a transposition from row d - 1 costs no less than the substitution
// into row d it stands beside), so a row beyond the edits rules out every
// longer term with that prefix. And at a given depth, a code point that is
// not one of the word's yields one and the same row (`generic`), no lower
// cell by cell than the row of any other code point; so past a failing
// code point c, the next one that can pass is either any (when the generic
// row passes) or one of the word's code points after c.
ptrdiff_t FuzzyTermWalker::NextCandidate(size_t depth) {
  // The byte successor of the term's first t code points: the first key
  // after every key starting with them. Their last byte is ASCII or a
  // continuation byte (a valid code point), never 0xFF.
  auto after_prefix = [&](size_t t) {
    seek_.assign(term_, 0, ends_[t]);
    seek_.back() = static_cast<char>(static_cast<unsigned char>(seek_.back()) + 1);
  };
  // The first `depth` code points must be decoded from their own bytes
  // alone for every key starting with them to share this row.
  if (examined_[depth] > ends_[depth]) return -2;  // the caller steps
  if (!skip_to_word_chars_) {
    after_prefix(depth);
    return static_cast<ptrdiff_t>(depth);
  }
  // Level t: the first t - 1 code points stay, the t-th grows past chars_[t - 1].
  for (size_t t = depth; t >= 1; --t) {
    if (examined_[t - 1] > ends_[t - 1]) {
      // The shorter prefix does not decode alone; rows 0..t are intact.
      after_prefix(t);
      return static_cast<ptrdiff_t>(t);
    }
    if (t < depth && ComputeRow(t, kNoWordChar) <= max_edits_) {
      after_prefix(t);
      return static_cast<ptrdiff_t>(t - 1);
    }
    const char32_t c = chars_[t - 1];
    for (auto it = std::upper_bound(word_chars_.begin(), word_chars_.end(), c);
         it != word_chars_.end(); ++it) {
      if (ComputeRow(t, *it) <= max_edits_) {
        seek_.assign(term_, 0, ends_[t - 1]);
        util::AppendUtf8(*it, &seek_);
        return static_cast<ptrdiff_t>(t - 1);
      }
    }
  }
  return -1;
}

absl::Status FuzzyTermWalker::Walk(const segment::TermDictionary& dict, uint32_t field,
                                   Visit visit) {
  const size_t n = word_.size();
  key_ = segment::TermKey(field, prefix_);
  const char field_byte = key_[0];
  TRAWL_ASSIGN_OR_RETURN(segment::TermDictionary::Iterator it, dict.Seek(key_));
  term_.clear();
  size_t valid = 0;  // rows 0..valid hold for term_'s code points
  while (it.Valid() && it.key()[0] == field_byte) {
    const std::string_view term = it.key().substr(1);
    if (term.substr(0, prefix_.size()) != prefix_) break;
    // Reuse the rows of the code points decoded from the shared bytes.
    const size_t shared = static_cast<size_t>(
        std::mismatch(term.begin(), term.end(), term_.begin(), term_.end()).first - term.begin());
    size_t depth = std::min(valid, chars_.size() - 1);
    while (depth > 0 && examined_[depth] > shared) --depth;
    bool failed = false;
    for (size_t at = ends_[depth]; at < term.size();) {
      const util::Decoded d = util::DecodeUtf8(term, at);
      ++depth;
      chars_[depth - 1] = d.code_point;
      ends_[depth] = at + d.length;
      examined_[depth] = std::max(examined_[depth - 1], ExaminedEnd(at, d));
      at += d.length;
      if (ComputeRow(depth, d.code_point) > max_edits_) {
        failed = true;
        break;
      }
    }
    if (!failed) {
      // Cell n is only computed within the band.
      const uint32_t edits = depth + max_edits_ >= n ? rows_[depth * width_ + n] : max_edits_ + 1;
      if (edits <= max_edits_) visit(term, it.info(), edits, depth);
      term_.assign(term);
      valid = depth;
      TRAWL_RETURN_IF_ERROR(it.Next());
      continue;
    }
    term_.assign(term, 0, ends_[depth]);
    valid = depth;
    const ptrdiff_t kept = NextCandidate(depth);
    if (kept == -1) break;
    if (kept == -2) {
      TRAWL_RETURN_IF_ERROR(it.Next());
      continue;
    }
    valid = static_cast<size_t>(kept);
    term_.resize(ends_[valid]);
    key_.resize(1);
    key_.append(seek_);
    // Always ahead (NextCandidate never increments a 0xFF byte); checked
    // anyway, so that a slip here costs time, not an endless walk.
    if (std::string_view(key_) <= it.key()) {
      TRAWL_RETURN_IF_ERROR(it.Next());
      continue;
    }
    TRAWL_RETURN_IF_ERROR(it.Seek(key_));
  }
  return absl::OkStatus();
}

}  // namespace trawl::search
