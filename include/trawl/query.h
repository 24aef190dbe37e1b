// trawl/query.h — query objects: a pure tree, compiled per segment at search
// time.
//
//   using trawl::Query;
//   Query q = Query::Bool({{trawl::Occur::kMust, Query::Term("body", "davos")},
//                          {trawl::Occur::kMustNot, Query::Term("body", "trump")}});
//
// Term texts are matched exactly: they must already be analyzed (lower-cased,
// stemmed...) the way the field's analyzer does. ParseQuery() does that for
// you from query text.
//
// Multi-term queries (Prefix, Wildcard, Regex, Fuzzy, and Range on keyword or
// text fields) expand into the index's terms when searched; see
// docs/query-syntax.md for how each is scored and the expansion limits.
#ifndef TRAWL_QUERY_H_
#define TRAWL_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace trawl {

enum class Occur : uint8_t {
  kMust,     // required, scored
  kShould,   // optional, scored
  kMustNot,  // excluded
  kFilter,   // required, not scored
};

class Query;

// The node behind a Query. Read-only once built.
struct QueryNode {
  enum class Kind : uint8_t {
    kTerm, kBool, kPhrase, kAll, kNone, kBoost,
    kPrefix, kWildcard, kFuzzy, kRange, kConstantScore, kRegex,
  };
  Kind kind = Kind::kNone;
  // kTerm, kPhrase, kPrefix, kWildcard, kRegex, kFuzzy, kRange
  std::string field;
  // kTerm, kFuzzy: one term; kPhrase: in order; kPrefix: the prefix;
  // kWildcard, kRegex: the pattern.
  std::vector<std::string> terms;
  // kPhrase: the position of each term relative to the first (stop words
  // removed by the analyzer leave gaps); empty means 0, 1, 2, ...
  std::vector<uint32_t> positions;
  uint32_t slop = 0;               // kPhrase
  std::vector<std::pair<Occur, Query>> clauses;  // kBool
  uint32_t min_should_match = 0;   // kBool
  // kBoost: the factor; kConstantScore: the score (the child is clauses[0]).
  float boost = 1.0f;
  uint32_t max_edits = 2;          // kFuzzy
  uint32_t prefix_length = 0;      // kFuzzy: leading code points that must match
  bool transpositions = true;      // kFuzzy
  std::optional<std::string> lower, upper;  // kRange; std::nullopt: open end
  bool include_lower = true, include_upper = true;  // kRange; moot at an open end
  uint32_t depth = 1;              // levels in this tree, itself included
};

// Searching refuses trees deeper than this with InvalidArgument rather than
// recursing without bound.
inline constexpr uint32_t kMaxQueryDepth = 1000;

class Query {
 public:
  // Matches nothing.
  Query();

  static Query Term(std::string field, std::string term);
  // Terms at consecutive positions, or at `positions` relative to the first
  // (same length as `terms`, ascending, starting at 0); `slop` is how many
  // position moves in total a match may be off by.
  static Query Phrase(std::string field, std::vector<std::string> terms,
                      uint32_t slop = 0, std::vector<uint32_t> positions = {});
  // Every live document, score 1.
  static Query All();
  static Query None();
  // With only kShould clauses a document must match at least
  // max(1, min_should_match) of them; with kMust or kFilter clauses the
  // kShould ones only add to the score unless min_should_match > 0.
  static Query Bool(std::vector<std::pair<Occur, Query>> clauses,
                    uint32_t min_should_match = 0);
  // Multiplies the scores of `query` by `boost`. A search fails with
  // InvalidArgument unless boost (or a ConstantScore's score) is finite and
  // >= 0.
  static Query Boost(Query query, float boost);
  // The documents of `query`, each scoring `score` (times enclosing boosts).
  static Query ConstantScore(Query query, float score = 1.0f);

  // Terms of `field` starting with `prefix` (bytes, matched exactly: give it
  // case-folded for an analyzed field). Constant score 1.
  static Query Prefix(std::string field, std::string prefix);
  // Terms of `field` matching `pattern`, where `?` is any one code point,
  // `*` any run of them (empty included), and `\` makes the next
  // character literal. Constant score 1.
  static Query Wildcard(std::string field, std::string pattern);
  // Terms of `field` that `pattern`, a regular expression in RE2 syntax
  // (https://github.com/google/re2/wiki/Syntax), matches as a whole, as in
  // Lucene's RegexpQuery: `dav[aeiou]s` matches "davos", not "davoss".
  // Matched against term bytes as UTF-8, case-sensitively unless the pattern
  // says `(?i)`; `.` is any code point. Constant score 1. A bad pattern, or
  // one longer than 1024 bytes, fails at search time with InvalidArgument.
  static Query Regex(std::string field, std::string pattern);
  // Terms of `field` within `max_edits` (0..2; more fails at search time)
  // insertions, deletions, substitutions and, with `transpositions`, swaps
  // of adjacent code points (optimal string alignment) of `term`, sharing
  // its first `prefix_length` code points. Scored like Lucene's FuzzyQuery:
  // the best 50 terms, each BM25 with the largest document frequency among
  // them, times 1 - edits / min(length of term, of the match).
  static Query Fuzzy(std::string field, std::string term, uint32_t max_edits = 2,
                     uint32_t prefix_length = 0, bool transpositions = true);
  // Documents whose value of `field` lies between `lower` and `upper`
  // (std::nullopt: unbounded), each end included or not. Date, i64 and f64
  // fields compare values, the endpoints written as the field's values are
  // ("2026-01-31", "42", "0.5"); a date without a time stands for its whole
  // day, so ["2026-01-01", "2026-01-31"] is all of January and
  // {"2026-01-01", *} starts on January 2. Keyword and text fields compare
  // term bytes. Constant score 1. Bad endpoints fail at search time with
  // InvalidArgument.
  static Query Range(std::string field, std::optional<std::string> lower,
                     std::optional<std::string> upper, bool include_lower = true,
                     bool include_upper = true);

  const QueryNode& node() const { return *node_; }
  QueryNode::Kind kind() const { return node_->kind; }

  // A Lucene-like rendering, e.g. `+body:davos -body:trump`,
  // `date:[2026-01-01 TO *}`, `body:davos~1`.
  std::string ToString() const;

 private:
  explicit Query(std::shared_ptr<const QueryNode> node) : node_(std::move(node)) {}
  std::shared_ptr<const QueryNode> node_;
};

}  // namespace trawl

#endif  // TRAWL_QUERY_H_
