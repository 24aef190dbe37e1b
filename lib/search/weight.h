// A Weight is a query bound to one snapshot: its index-wide statistics
// (document frequencies summed over segments, field lengths) are gathered
// once, then it makes one Scorer per segment.
#ifndef TRAWL_SEARCH_WEIGHT_H_
#define TRAWL_SEARCH_WEIGHT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "search/bm25.h"
#include "search/scorer.h"
#include "trawl/query.h"

namespace trawl::search {

class Weight {
 public:
  virtual ~Weight() = default;
  // The scorer of this query on one segment, or nullptr when the query
  // cannot match there.
  virtual absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const index::SegmentView& segment) = 0;
};

// `scoring` false builds a filter: it matches the same docs, scoring 0.
// Fails with InvalidArgument for a field the schema lacks or that cannot
// hold the query (a phrase on a keyword field).
absl::StatusOr<std::unique_ptr<Weight>> CreateWeight(const Query& query,
                                                     const index::Snapshot& snapshot,
                                                     const Bm25Params& params, float boost,
                                                     bool scoring);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_WEIGHT_H_
