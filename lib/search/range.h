// Range queries. On date, i64 and f64 fields they read the fast-field
// column (FastRangeScorer), one value per document, never the postings; on
// keyword and text fields they walk the term dictionary between the
// endpoints into a constant-score term set (multi_term.h).
#ifndef TRAWL_SEARCH_RANGE_H_
#define TRAWL_SEARCH_RANGE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "search/weight.h"
#include "trawl/query.h"
#include "trawl/schema.h"

namespace trawl::search {

// Whether `type` has a fast-field column (date, i64, f64).
bool HasFastValues(FieldType type);

// Which end of a range an endpoint is, for the whole-day reading of dates.
enum class RangeEnd { kLowerIncluded, kLowerExcluded, kUpperIncluded, kUpperExcluded };

// The column value of endpoint `text` of a fast field, as a closed bound:
// excluded ends move one step inward, and a date without a time stands
// for its whole day (a lower end from its start, or after its end when
// excluded; an upper end through its last second, or before its start).
// std::nullopt: nothing can lie beyond it (an excluded INT64_MAX...).
// InvalidArgument names the field for text that is not its kind of value.
absl::StatusOr<std::optional<int64_t>> RangeBound(const FieldSpec& field, std::string_view text,
                                                  RangeEnd end);

// kRange nodes; matches score `score`. Term ranges fail like
// CreateTermSetWeight beyond `max_expansions` terms.
absl::StatusOr<std::unique_ptr<Weight>> CreateRangeWeight(const QueryNode& node,
                                                          const index::Snapshot& snapshot,
                                                          size_t max_expansions, float score);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_RANGE_H_
