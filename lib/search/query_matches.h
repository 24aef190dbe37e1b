// The documents a query matches, without scores: what delete-by-query
// needs from the search side.
#ifndef TRAWL_SEARCH_QUERY_MATCHES_H_
#define TRAWL_SEARCH_QUERY_MATCHES_H_

#include <cstdint>
#include <memory>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "trawl/query.h"

namespace trawl::search {

class Weight;

class QueryMatches {
 public:
  // Binds `query` to `snapshot`, as a search with default options would.
  static absl::StatusOr<QueryMatches> Create(const Query& query, const index::Snapshot& snapshot);
  QueryMatches(QueryMatches&&) noexcept;
  QueryMatches& operator=(QueryMatches&&) noexcept;
  ~QueryMatches();

  // Calls `visit` for each doc of `segment` (one of the snapshot's) that the
  // query matches, deleted docs included, in increasing order.
  absl::Status ForEach(const index::SegmentView& segment, absl::FunctionRef<void(uint32_t)> visit);

 private:
  explicit QueryMatches(std::unique_ptr<Weight> weight);
  std::unique_ptr<Weight> weight_;
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_QUERY_MATCHES_H_
