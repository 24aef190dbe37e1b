// Counting the live matches of a scorer without scoring them.
//
// Queries of terms are counted on their postings a window of 4096 docs at
// a time, on a bit set, as Lucene's BooleanScorer and
// DenseConjunctionBulkScorer count: a disjunction ORs its terms' docs into
// the window, a conjunction keeps the docs of its rarest term that every
// other term has, an exclusion clears its terms' docs; then the window's
// live bits are counted. Postings blocks stored as bit sets go in a word
// at a time. Other scorers are counted doc by doc.
#ifndef TRAWL_SEARCH_COUNT_H_
#define TRAWL_SEARCH_COUNT_H_

#include <cstdint>

#include "absl/status/status.h"
#include "index/index_state.h"
#include "search/scorer.h"

namespace trawl::search {

// Adds to `total` the live docs `scorer` (not started yet) matches.
absl::Status CountMatches(Scorer& scorer, const index::SegmentView& segment, uint64_t& total);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_COUNT_H_
