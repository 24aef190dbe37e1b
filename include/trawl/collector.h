// trawl/collector.h — what a search collects besides the ranked hits:
// a cursor for deep paging and facet counts over every match.
//
//   trawl::SearchOptions options;
//   options.sort_by = "date";            // newest first:
//   options.sort_descending = true;
//   options.facets.push_back({.field = "source", .size = 5});
//   options.facets.push_back({.field = "date", .kind = trawl::FacetKind::kDateHistogram,
//                             .interval = trawl::DateInterval::kMonth});
//   auto page = searcher->Search("davos", options);
//   // page->facets[0].buckets: {"REUTERS", 12}, {"AFP", 7}, ...
//   options.search_after = page->hits.back().cursor();
//   auto next = searcher->Search("davos", options);  // the following page
#ifndef TRAWL_COLLECTOR_H_
#define TRAWL_COLLECTOR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trawl {

// Where a document lives in the searcher's view; valid only for the
// Searcher that returned it.
struct DocAddress {
  uint32_t segment = 0;
  uint32_t doc = 0;
  friend bool operator==(const DocAddress&, const DocAddress&) = default;
};

// A position in a result order: the last hit of a page. Searching with it
// as SearchOptions::search_after returns the hits that come after it, with
// the same Searcher, query and ordering options.
struct SearchCursor {
  float score = 0;                    // ordered by score
  std::optional<int64_t> sort_value;  // ordered by a field (Hit::sort_value)
  DocAddress address;                 // breaks ties
  friend bool operator==(const SearchCursor&, const SearchCursor&) = default;
};

enum class FacetKind : uint8_t {
  kTerms,          // the most frequent values of a keyword field
  kDateHistogram,  // matches per day, month or year of a date field
  kRanges,         // matches per range of a date, i64 or f64 field
};

enum class DateInterval : uint8_t { kDay, kMonth, kYear };

// A bucket of a kRanges facet: values v with from <= v < to, written as
// the field's values are ("2026-01-01", "42", "0.5"); std::nullopt is
// unbounded.
struct FacetRange {
  std::string label = {};  // empty: "from..to"
  std::optional<std::string> from = std::nullopt;
  std::optional<std::string> to = std::nullopt;
};

// Members have default initializers, so designated initializers may name
// only some: {.field = "source", .size = 5}.
struct FacetRequest {
  std::string field = {};
  FacetKind kind = FacetKind::kTerms;
  size_t size = 10;                           // kTerms: how many values
  DateInterval interval = DateInterval::kDay; // kDateHistogram
  std::vector<FacetRange> ranges = {};        // kRanges
};

struct FacetBucket {
  // kTerms: the value (count: the matches having it); kDateHistogram: "2026-01-31", "2026-01" or "2026";
  // kRanges: FacetRange::label.
  std::string label = {};
  uint64_t count = 0;
  friend bool operator==(const FacetBucket&, const FacetBucket&) = default;
};

struct FacetResult {
  std::string field;
  FacetKind kind = FacetKind::kTerms;
  // kTerms: most frequent first (ties by value); kDateHistogram: in time
  // order, non-empty buckets only; kRanges: in request order.
  std::vector<FacetBucket> buckets;
  // kTerms: the counts of the values beyond the `size` returned, summed.
  uint64_t other = 0;
  // Matches without a value of the field.
  uint64_t missing = 0;
};

}  // namespace trawl

#endif  // TRAWL_COLLECTOR_H_
