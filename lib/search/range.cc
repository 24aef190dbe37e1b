#include "search/range.h"

#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "index/field_values.h"
#include "search/constant_scorers.h"
#include "search/multi_term.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace trawl::search {
namespace {

using index::SegmentView;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kDaySeconds = 86400;

// Documents of a segment whose column value lies in [lower, upper].
class FastRangeWeight : public Weight {
 public:
  FastRangeWeight(uint32_t field, int64_t lower, int64_t upper, float score)
      : field_(field), lower_(lower), upper_(upper), score_(score) {}
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    const segment::FastFields& fast = segment.reader->fast_fields();
    if (lower_ > upper_ || !fast.has(field_)) return nullptr;
    return std::unique_ptr<Scorer>(std::make_unique<FastRangeScorer>(
        &fast, field_, lower_, upper_, segment.reader->doc_count(), score_));
  }

 private:
  uint32_t field_;
  int64_t lower_, upper_;
  float score_;
};

bool IsDateOnly(std::string_view text) {
  return util::AsStd(absl::StripAsciiWhitespace(util::AsAbsl(text))).size() == 10;
}

// RangeBound of an endpoint, or `open` for a range without that end.
absl::StatusOr<std::optional<int64_t>> BoundOrOpen(const FieldSpec& spec,
                                                   const std::optional<std::string>& endpoint,
                                                   RangeEnd end, int64_t open) {
  if (!endpoint) return open;
  return RangeBound(spec, *endpoint, end);
}

absl::StatusOr<std::unique_ptr<Weight>> CreateValueRangeWeight(const QueryNode& node,
                                                               const FieldSpec& spec,
                                                               uint32_t field, float score) {
  TRAWL_ASSIGN_OR_RETURN(
      std::optional<int64_t> lower,
      BoundOrOpen(spec, node.lower,
                  node.include_lower ? RangeEnd::kLowerIncluded : RangeEnd::kLowerExcluded, kMin));
  TRAWL_ASSIGN_OR_RETURN(
      std::optional<int64_t> upper,
      BoundOrOpen(spec, node.upper,
                  node.include_upper ? RangeEnd::kUpperIncluded : RangeEnd::kUpperExcluded, kMax));
  if (!lower || !upper) {  // an end nothing lies beyond: matches nothing
    lower = kMax;
    upper = kMin;
  }
  return std::unique_ptr<Weight>(std::make_unique<FastRangeWeight>(field, *lower, *upper, score));
}

absl::StatusOr<std::unique_ptr<Weight>> CreateTermRangeWeight(const QueryNode& node,
                                                              const index::Snapshot& snapshot,
                                                              size_t max_expansions, float score) {
  TRAWL_ASSIGN_OR_RETURN(uint32_t field, TermFieldOf(snapshot, node.field, false));
  const std::optional<std::string>& lower = node.lower;
  const std::optional<std::string>& upper = node.upper;
  return CreateTermSetWeight(
      snapshot, field, lower.value_or(""),
      [&](std::string_view term) {
        if (upper && (term > *upper || (!node.include_upper && term == *upper))) {
          return TermStep::kStop;
        }
        if (lower && !node.include_lower && term == *lower) return TermStep::kSkip;
        return TermStep::kMatch;
      },
      max_expansions, absl::StrCat("range ", Query::Range(node.field, lower, upper,
                                                          node.include_lower,
                                                          node.include_upper).ToString()),
      score);
}

}  // namespace

bool HasFastValues(FieldType type) {
  return type == FieldType::kDate || type == FieldType::kI64 || type == FieldType::kF64;
}

absl::StatusOr<std::optional<int64_t>> RangeBound(const FieldSpec& field, std::string_view text,
                                                  RangeEnd end) {
  TRAWL_ASSIGN_OR_RETURN(int64_t v, index::FastValue(field, text));
  if (field.type == FieldType::kDate && IsDateOnly(text)) {
    // The day's first and last second; FastValue accepted it, so it is far
    // from the int64 limits.
    switch (end) {
      case RangeEnd::kLowerIncluded: return v;
      case RangeEnd::kLowerExcluded: return v + kDaySeconds;
      case RangeEnd::kUpperIncluded: return v + kDaySeconds - 1;
      case RangeEnd::kUpperExcluded: return v - 1;
    }
  }
  switch (end) {
    case RangeEnd::kLowerIncluded:
    case RangeEnd::kUpperIncluded:
      return v;
    case RangeEnd::kLowerExcluded:
      if (v == kMax) return std::nullopt;
      return v + 1;
    case RangeEnd::kUpperExcluded:
      if (v == kMin) return std::nullopt;
      return v - 1;
  }
  return v;
}

absl::StatusOr<std::unique_ptr<Weight>> CreateRangeWeight(const QueryNode& node,
                                                          const index::Snapshot& snapshot,
                                                          size_t max_expansions, float score) {
  const Schema& schema = snapshot.manifest.schema;
  const FieldSpec* spec = schema.Find(node.field);
  if (spec == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown field \"", node.field, "\""));
  }
  if (HasFastValues(spec->type)) {
    return CreateValueRangeWeight(node, *spec, static_cast<uint32_t>(schema.FieldId(node.field)),
                                  score);
  }
  return CreateTermRangeWeight(node, snapshot, max_expansions, score);
}

}  // namespace trawl::search
