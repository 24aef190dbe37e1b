// The terms of a term dictionary within a few edits of a word, found without
// testing every term of the field: the dictionary is walked in key order
// with one dynamic-programming row of the edit distance per code point of
// the term (the row of the word against the term's first d code points), so
// a term reuses the rows of the prefix it shares with the term before it.
// A row whose every cell exceeds the edits rules out every term starting
// with that prefix, and the walk seeks past them, straight to the smallest
// key that can still match: the next code point that keeps a row within the
// edits can only be one of the word's (any other gives the same row), so
// the candidates are few. This is the trie-walk formulation of a Levenshtein
// automaton (Schulz & Mihov 2002, "Fast string correction with Levenshtein
// automata"; Lucene's FuzzyTermsEnum and Tantivy intersect a DFA with their
// term dictionaries in the same way).
//
//   FuzzyTermWalker walker("davos", /*prefix_length=*/0, /*max_edits=*/1, true);
//   walker.Walk(dict, field, [&](std::string_view term, const TermInfo& info,
//                                uint32_t edits, size_t code_points) { ... });
//
// A term is visited exactly when BoundedEditDistance(CodePoints(word),
// CodePoints(term), max_edits, transpositions) has a value and the term
// starts with the word's first `prefix_length` code points (multi_term.h).
#ifndef TRAWL_SEARCH_FUZZY_TERMS_H_
#define TRAWL_SEARCH_FUZZY_TERMS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "segment/term_dictionary.h"

namespace trawl::search {

class FuzzyTermWalker {
 public:
  // `word` is UTF-8 (an invalid byte reads as U+FFFD, as CodePoints does);
  // matching terms must start with its first `prefix_length` code points
  // and be within `max_edits` insertions, deletions, substitutions and, with
  // `transpositions`, swaps of adjacent code points (optimal string
  // alignment). Memory is O(length²) code points of `word`, allocated here.
  FuzzyTermWalker(std::string_view word, uint32_t prefix_length, uint32_t max_edits,
                  bool transpositions);

  // The word's length in code points.
  size_t word_length() const { return word_.size(); }

  // What `visit` gets for each matching term.
  using Visit = absl::FunctionRef<void(std::string_view term, const segment::TermInfo& info,
                                       uint32_t edits, size_t code_points)>;

  // Calls `visit` with each matching term (without its field byte) of field
  // number `field` of `dict`, in byte order, its edits and its length in
  // code points. No allocation per term. An error only for a damaged
  // dictionary. A walker holds buffers: one thread at a time; it may walk
  // any number of dictionaries.
  absl::Status Walk(const segment::TermDictionary& dict, uint32_t field, Visit visit);

 private:
  // Fills row `depth` (>= 1) for code point `c` at that depth, from rows
  // depth - 1 and depth - 2 and chars_[depth - 2]; returns its minimum.
  uint32_t ComputeRow(size_t depth, char32_t c);
  // After the term at depth `depth` failed (rows 0..depth valid for it):
  // sets seek_ to the term part of the smallest key after it that can still
  // match and returns how many rows stay valid for seek_'s start, or
  // returns -1 when no later term can match.
  ptrdiff_t NextCandidate(size_t depth);

  std::u32string word_;
  std::vector<char32_t> word_chars_;  // distinct code points of word_, sorted
  std::string prefix_;                // bytes every term must start with
  uint32_t max_edits_;
  bool transpositions_;
  // Whether seeking to a word's code point is sound: an invalid byte of a
  // term reads as U+FFFD, which must then not be one of the word's.
  bool skip_to_word_chars_;
  size_t width_;  // word_.size() + 1 cells per row
  // Per depth d (code points of the current term consumed): row d of the
  // distance table (word_.size() + 1 cells, exact within the band that
  // ComputeRow fills, beyond the edits outside it), the term's code point
  // d (chars_[d - 1]), the byte where it ends (ends_[d]) and the furthest
  // byte decoding the first d code points looked at (examined_[d]): rows
  // are reused for a later term only if it shares those bytes.
  std::vector<uint32_t> rows_;
  std::vector<char32_t> chars_;
  std::vector<size_t> ends_;
  std::vector<size_t> examined_;
  std::string term_;  // the bytes the valid rows were computed for
  std::string seek_;  // the term part of the next key to seek
  std::string key_;   // field byte + seek_
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_FUZZY_TERMS_H_
