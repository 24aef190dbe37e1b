#include "search/query_matches.h"

#include "search/weight.h"
#include "util/status_macros.h"

namespace trawl::search {

QueryMatches::QueryMatches(std::unique_ptr<Weight> weight) : weight_(std::move(weight)) {}
QueryMatches::QueryMatches(QueryMatches&&) noexcept = default;
QueryMatches& QueryMatches::operator=(QueryMatches&&) noexcept = default;
QueryMatches::~QueryMatches() = default;

absl::StatusOr<QueryMatches> QueryMatches::Create(const Query& query,
                                                  const index::Snapshot& snapshot) {
  TRAWL_ASSIGN_OR_RETURN(auto weight, CreateWeight(query, snapshot, WeightParams{}, 1.0f,
                                                   /*scoring=*/false));
  return QueryMatches(std::move(weight));
}

absl::Status QueryMatches::ForEach(const index::SegmentView& segment,
                                   absl::FunctionRef<void(uint32_t)> visit) {
  TRAWL_ASSIGN_OR_RETURN(auto scorer, weight_->MakeScorer(segment));
  if (!scorer) return absl::OkStatus();
  for (uint32_t doc = scorer->Next(); doc != kNoMoreDocs; doc = scorer->Next()) visit(doc);
  return scorer->status();
}

}  // namespace trawl::search
