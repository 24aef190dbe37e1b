#include "search/facets.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "index/field_values.h"
#include "search/multi_term.h"
#include "search/range.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace trawl::search {
namespace {

constexpr int64_t kDaySeconds = 86400;

absl::Status WrongType(const FacetRequest& r, const FieldSpec& spec, std::string_view needs) {
  return absl::InvalidArgumentError(absl::StrCat("facet on \"", r.field, "\" (",
                                                 std::string(FieldTypeName(spec.type)),
                                                 "): ", std::string(needs)));
}

absl::Status CheckType(const FacetRequest& r, const FieldSpec& spec) {
  switch (r.kind) {
    case FacetKind::kTerms:
      if (spec.type != FieldType::kKeyword) return WrongType(r, spec, "terms facets need a keyword field");
      break;
    case FacetKind::kDateHistogram:
      if (spec.type != FieldType::kDate) return WrongType(r, spec, "date histograms need a date field");
      break;
    case FacetKind::kRanges:
      if (!HasFastValues(spec.type)) {
        return WrongType(r, spec, "range facets need a date, i64 or f64 field");
      }
      if (r.ranges.empty()) return WrongType(r, spec, "a range facet needs ranges");
      break;
  }
  return absl::OkStatus();
}

// A range [from, to) as closed column bounds (first > second: empty).
absl::StatusOr<std::pair<int64_t, int64_t>> BoundsOf(const FieldSpec& spec, const FacetRange& range) {
  int64_t lower = std::numeric_limits<int64_t>::min(), upper = std::numeric_limits<int64_t>::max();
  if (range.from) {
    TRAWL_ASSIGN_OR_RETURN(auto v, RangeBound(spec, *range.from, RangeEnd::kLowerIncluded));
    lower = *v;  // an included end always has a bound
  }
  if (range.to) {
    TRAWL_ASSIGN_OR_RETURN(auto v, RangeBound(spec, *range.to, RangeEnd::kUpperExcluded));
    if (!v) return std::pair<int64_t, int64_t>(1, 0);
    upper = *v;
  }
  return std::pair<int64_t, int64_t>(lower, upper);
}

std::string RangeLabel(const FacetRange& range) {
  if (!range.label.empty()) return range.label;
  return absl::StrCat(range.from.value_or("*"), "..", range.to.value_or("*"));
}

// Floor division: days before 1970 belong to the day that starts earlier.
int64_t DayOf(int64_t seconds) {
  return seconds >= 0 ? seconds / kDaySeconds : -((-seconds + kDaySeconds - 1) / kDaySeconds);
}

}  // namespace

absl::StatusOr<FacetCollector> FacetCollector::Create(const std::vector<FacetRequest>& requests,
                                                      const Schema& schema) {
  FacetCollector collector;
  for (const FacetRequest& r : requests) {
    const FieldSpec* spec = schema.Find(r.field);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("facet on unknown field \"", r.field, "\""));
    }
    TRAWL_RETURN_IF_ERROR(CheckType(r, *spec));
    Facet facet;
    facet.request = r;
    facet.field = static_cast<uint32_t>(schema.FieldId(r.field));
    for (const FacetRange& range : r.ranges) {
      TRAWL_ASSIGN_OR_RETURN(auto bounds, BoundsOf(*spec, range));
      facet.bounds.push_back(bounds);
    }
    facet.range_counts.assign(facet.bounds.size(), 0);
    collector.facets_.push_back(std::move(facet));
  }
  return collector;
}

absl::Status FacetCollector::AddSegment(const index::SegmentView& segment,
                                        const DocBitSet& matches) {
  for (Facet& facet : facets_) {
    if (facet.request.kind == FacetKind::kTerms) {
      TRAWL_RETURN_IF_ERROR(CountTerms(facet, segment, matches));
    } else {
      CountValues(facet, segment, matches);
    }
  }
  return absl::OkStatus();
}

absl::Status FacetCollector::CountTerms(Facet& facet, const index::SegmentView& segment,
                                        const DocBitSet& matches) {
  DocBitSet valued(matches.size());  // matches with at least one value
  segment::PostingsIterator postings;
  absl::Status status;
  TRAWL_RETURN_IF_ERROR(WalkField(
      segment.reader->terms(), facet.field, "",
      [&](std::string_view term, const segment::TermInfo& info) {
        status = segment.reader->OpenPostings(info, &postings);
        uint64_t count = 0;
        for (uint32_t d = postings.Next(); status.ok() && d != kNoMoreDocs; d = postings.Next()) {
          if (matches.Get(d)) {
            ++count;
            valued.Set(d);
          }
        }
        if (status.ok()) status = postings.status();
        if (count > 0) facet.term_counts[util::AsAbsl(term)] += count;
        return status.ok();
      }));
  TRAWL_RETURN_IF_ERROR(status);
  facet.missing += matches.Count() - valued.Count();
  return absl::OkStatus();
}

void FacetCollector::CountValues(Facet& facet, const index::SegmentView& segment,
                                 const DocBitSet& matches) {
  const segment::FastFields& fast = segment.reader->fast_fields();
  for (uint32_t d = matches.NextFrom(0); d != kNoMoreDocs; d = matches.NextFrom(d + 1)) {
    std::optional<int64_t> v = fast.Get(facet.field, d);
    if (!v) {
      ++facet.missing;
    } else if (facet.request.kind == FacetKind::kDateHistogram) {
      ++facet.day_counts[DayOf(*v)];
    } else {
      for (size_t r = 0; r < facet.bounds.size(); ++r) {
        facet.range_counts[r] += *v >= facet.bounds[r].first && *v <= facet.bounds[r].second;
      }
    }
  }
}

FacetResult FacetCollector::TermsResult(Facet& facet) {
  FacetResult result;
  for (auto& [term, count] : facet.term_counts) result.buckets.push_back({term, count});
  auto first = [](const FacetBucket& a, const FacetBucket& b) {
    return a.count != b.count ? a.count > b.count : a.label < b.label;
  };
  size_t keep = std::min(result.buckets.size(), facet.request.size);
  std::partial_sort(result.buckets.begin(), result.buckets.begin() + static_cast<ptrdiff_t>(keep),
                    result.buckets.end(), first);
  for (size_t i = keep; i < result.buckets.size(); ++i) result.other += result.buckets[i].count;
  result.buckets.resize(keep);
  return result;
}

FacetResult FacetCollector::HistogramResult(Facet& facet) {
  // "YYYY-MM-DD" cut to the interval; days are in order, so equal labels
  // are adjacent.
  const size_t width = facet.request.interval == DateInterval::kDay     ? 10
                       : facet.request.interval == DateInterval::kMonth ? 7
                                                                        : 4;
  FacetResult result;
  for (const auto& [day, count] : facet.day_counts) {
    std::string label = index::FormatDate(day * kDaySeconds).substr(0, width);
    if (!result.buckets.empty() && result.buckets.back().label == label) {
      result.buckets.back().count += count;
    } else {
      result.buckets.push_back({std::move(label), count});
    }
  }
  return result;
}

std::vector<FacetResult> FacetCollector::Finish() && {
  std::vector<FacetResult> results;
  for (Facet& facet : facets_) {
    FacetResult result;
    switch (facet.request.kind) {
      case FacetKind::kTerms:
        result = TermsResult(facet);
        break;
      case FacetKind::kDateHistogram:
        result = HistogramResult(facet);
        break;
      case FacetKind::kRanges:
        for (size_t r = 0; r < facet.bounds.size(); ++r) {
          result.buckets.push_back({RangeLabel(facet.request.ranges[r]), facet.range_counts[r]});
        }
        break;
    }
    result.field = facet.request.field;
    result.kind = facet.request.kind;
    result.missing = facet.missing;
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace trawl::search
