#include "search/regex.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "search/multi_term.h"

namespace trawl::search {
namespace {

// How long min() and max() may get. Longer bounds only narrow the walk
// further for patterns whose first 64 bytes are all fixed.
constexpr int kMaxBoundBytes = 64;

}  // namespace

absl::StatusOr<TermRegex> TermRegex::Compile(std::string_view pattern) {
  if (pattern.size() > kMaxPatternBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("regular expression longer than ", kMaxPatternBytes, " bytes"));
  }
  RE2::Options options;
  options.set_log_errors(false);  // the error goes into the status instead
  options.set_dot_nl(true);       // a term is one unit: `.` is any code point
  options.set_never_capture(true);
  auto re = std::make_unique<const RE2>(re2::StringPiece(pattern.data(), pattern.size()),
                                        options);
  if (!re->ok()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid regular expression /",
                                                   std::string(pattern), "/: ", re->error()));
  }
  std::string min, max;
  // Without a range (RE2 finds none for some patterns) the walk covers the
  // whole field.
  if (!re->PossibleMatchRange(&min, &max, kMaxBoundBytes)) {
    return TermRegex(std::move(re), "", std::nullopt);
  }
  return TermRegex(std::move(re), std::move(min), std::move(max));
}

TermRegex::TermRegex(std::unique_ptr<const re2::RE2> re, std::string min,
                     std::optional<std::string> max)
    : re_(std::move(re)), min_(std::move(min)), max_(std::move(max)) {}

TermRegex::TermRegex(TermRegex&&) noexcept = default;
TermRegex& TermRegex::operator=(TermRegex&&) noexcept = default;
TermRegex::~TermRegex() = default;

bool TermRegex::Matches(std::string_view term) const {
  return RE2::FullMatch(re2::StringPiece(term.data(), term.size()), *re_);
}

}  // namespace trawl::search
