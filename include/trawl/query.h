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
#ifndef TRAWL_QUERY_H_
#define TRAWL_QUERY_H_

#include <cstdint>
#include <memory>
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
  enum class Kind : uint8_t { kTerm, kBool, kPhrase, kAll, kNone, kBoost };
  Kind kind = Kind::kNone;
  std::string field;               // kTerm, kPhrase
  std::vector<std::string> terms;  // kTerm: one; kPhrase: in order
  // kPhrase: the position of each term relative to the first (stop words
  // removed by the analyzer leave gaps); empty means 0, 1, 2, ...
  std::vector<uint32_t> positions;
  uint32_t slop = 0;               // kPhrase
  std::vector<std::pair<Occur, Query>> clauses;  // kBool
  uint32_t min_should_match = 0;   // kBool
  float boost = 1.0f;              // kBoost (child in clauses[0])
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
  // Multiplies the scores of `query` by `boost`.
  static Query Boost(Query query, float boost);

  const QueryNode& node() const { return *node_; }
  QueryNode::Kind kind() const { return node_->kind; }

  // A Lucene-like rendering, e.g. `+body:davos -body:trump`.
  std::string ToString() const;

 private:
  explicit Query(std::shared_ptr<const QueryNode> node) : node_(std::move(node)) {}
  std::shared_ptr<const QueryNode> node_;
};

}  // namespace trawl

#endif  // TRAWL_QUERY_H_
