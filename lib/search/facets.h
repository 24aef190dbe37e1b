// Facets: counts over every match of a search, gathered segment by segment
// from the set of its live matches (a DocBitSet the collector fills).
//
// Date histograms and numeric ranges read the fast-field column of each
// match. Terms facets of keyword fields have no per-document column to
// read, so each segment's terms of the field are walked once and their
// postings intersected with the matches: the cost is every posting of the
// field per segment per search, whatever the number of matches. A
// per-document ordinal column in the segment format would make it
// proportional to the matches instead.
#ifndef TRAWL_SEARCH_FACETS_H_
#define TRAWL_SEARCH_FACETS_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "search/constant_scorers.h"
#include "trawl/collector.h"
#include "trawl/schema.h"

namespace trawl::search {

class FacetCollector {
 public:
  // Checks `requests` against `schema`: InvalidArgument for an unknown
  // field, a field of the wrong type (terms: keyword; histogram: date;
  // ranges: date, i64 or f64), no ranges, or an endpoint that is not a
  // value of the field.
  static absl::StatusOr<FacetCollector> Create(const std::vector<FacetRequest>& requests,
                                               const Schema& schema);

  bool empty() const { return facets_.empty(); }

  // Counts `matches`, the live matches of `segment`.
  absl::Status AddSegment(const index::SegmentView& segment, const DocBitSet& matches);

  // The results, in request order.
  std::vector<FacetResult> Finish() &&;

 private:
  struct Facet {
    FacetRequest request;
    uint32_t field = 0;
    absl::flat_hash_map<std::string, uint64_t> term_counts;  // kTerms
    std::map<int64_t, uint64_t> day_counts;  // kDateHistogram: by days since 1970
    std::vector<std::pair<int64_t, int64_t>> bounds;  // kRanges: closed; empty if first > second
    std::vector<uint64_t> range_counts;               // kRanges
    uint64_t missing = 0;
  };

  static absl::Status CountTerms(Facet& facet, const index::SegmentView& segment,
                                 const DocBitSet& matches);
  static void CountValues(Facet& facet, const index::SegmentView& segment,
                          const DocBitSet& matches);
  static FacetResult TermsResult(Facet& facet);
  static FacetResult HistogramResult(Facet& facet);

  std::vector<Facet> facets_;
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_FACETS_H_
