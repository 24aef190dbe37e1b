// Regular expressions matched against whole terms, for Query::Regex: the
// semantics of Lucene's RegexpQuery (the pattern must match the entire
// term, no anchors needed), in RE2's syntax, which runs in time linear in
// the term whatever the pattern.
//
//   TRAWL_ASSIGN_OR_RETURN(TermRegex re, TermRegex::Compile("dav[aeiou]s"));
//   re.Matches("davos");  // true
//   re.min();             // "dava": no matching term sorts before it
#ifndef TRAWL_SEARCH_REGEX_H_
#define TRAWL_SEARCH_REGEX_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace trawl::search {

class TermRegex {
 public:
  // `pattern` in RE2 syntax (UTF-8; `.` matches any code point, newline
  // included). Fails with InvalidArgument quoting RE2's complaint for a bad
  // pattern, or for one longer than kMaxPatternBytes.
  static absl::StatusOr<TermRegex> Compile(std::string_view pattern);

  TermRegex(TermRegex&&) noexcept;
  TermRegex& operator=(TermRegex&&) noexcept;
  ~TermRegex();

  // Whether the whole of `term` matches. Safe to call from any thread.
  bool Matches(std::string_view term) const;

  // Bounds on the matching terms in byte order: every match t has
  // min() <= t and, unless max() is std::nullopt, t <= *max(). A term walk
  // seeks to min() and stops past max(), so `davo.*` reads only the terms
  // starting "davo".
  const std::string& min() const { return min_; }
  const std::optional<std::string>& max() const { return max_; }

 private:
  TermRegex(std::unique_ptr<const re2::RE2> re, std::string min, std::optional<std::string> max);

  std::unique_ptr<const re2::RE2> re_;
  std::string min_;
  std::optional<std::string> max_;
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_REGEX_H_
