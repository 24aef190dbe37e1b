#include "util/strings.h"
#include "trawl/query.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace trawl {
namespace {

std::shared_ptr<const QueryNode> NoneNode() {
  static const auto* none = new std::shared_ptr<const QueryNode>(std::make_shared<QueryNode>());
  return *none;
}

std::string_view OccurPrefix(Occur occur) {
  switch (occur) {
    case Occur::kMust: return "+";
    case Occur::kShould: return "";
    case Occur::kMustNot: return "-";
    case Occur::kFilter: return "#";
  }
  return "";
}

// A node of `kind` on one field with one text: a term, prefix or pattern.
std::shared_ptr<QueryNode> FieldNode(QueryNode::Kind kind, std::string field, std::string text) {
  auto node = std::make_shared<QueryNode>();
  node->kind = kind;
  node->field = std::move(field);
  node->terms.push_back(std::move(text));
  return node;
}

}  // namespace

Query::Query() : node_(NoneNode()) {}

Query Query::Term(std::string field, std::string term) {
  return Query(FieldNode(QueryNode::Kind::kTerm, std::move(field), std::move(term)));
}

Query Query::Phrase(std::string field, std::vector<std::string> terms, uint32_t slop,
                     std::vector<uint32_t> positions) {
  if (terms.size() == 1) return Term(std::move(field), std::move(terms[0]));
  auto node = std::make_shared<QueryNode>();
  node->kind = terms.empty() ? QueryNode::Kind::kNone : QueryNode::Kind::kPhrase;
  node->field = std::move(field);
  node->terms = std::move(terms);
  node->slop = slop;
  if (positions.size() == node->terms.size()) node->positions = std::move(positions);
  return Query(std::move(node));
}

Query Query::All() {
  auto node = std::make_shared<QueryNode>();
  node->kind = QueryNode::Kind::kAll;
  return Query(std::move(node));
}

Query Query::None() { return Query(); }

Query Query::Bool(std::vector<std::pair<Occur, Query>> clauses, uint32_t min_should_match) {
  auto node = std::make_shared<QueryNode>();
  node->kind = QueryNode::Kind::kBool;
  node->clauses = std::move(clauses);
  node->min_should_match = min_should_match;
  for (const auto& [occur, child] : node->clauses) {
    node->depth = std::max(node->depth, child.node().depth + 1);
  }
  return Query(std::move(node));
}

Query Query::Boost(Query query, float boost) {
  auto node = std::make_shared<QueryNode>();
  node->kind = QueryNode::Kind::kBoost;
  node->boost = boost;
  node->depth = query.node().depth + 1;
  node->clauses.emplace_back(Occur::kMust, std::move(query));
  return Query(std::move(node));
}

Query Query::ConstantScore(Query query, float score) {
  auto node = std::make_shared<QueryNode>();
  node->kind = QueryNode::Kind::kConstantScore;
  node->boost = score;
  node->depth = query.node().depth + 1;
  node->clauses.emplace_back(Occur::kFilter, std::move(query));
  return Query(std::move(node));
}

Query Query::Prefix(std::string field, std::string prefix) {
  return Query(FieldNode(QueryNode::Kind::kPrefix, std::move(field), std::move(prefix)));
}

Query Query::Wildcard(std::string field, std::string pattern) {
  return Query(FieldNode(QueryNode::Kind::kWildcard, std::move(field), std::move(pattern)));
}

Query Query::Regex(std::string field, std::string pattern) {
  return Query(FieldNode(QueryNode::Kind::kRegex, std::move(field), std::move(pattern)));
}

Query Query::Fuzzy(std::string field, std::string term, uint32_t max_edits,
                   uint32_t prefix_length, bool transpositions) {
  auto node = FieldNode(QueryNode::Kind::kFuzzy, std::move(field), std::move(term));
  node->max_edits = max_edits;
  node->prefix_length = prefix_length;
  node->transpositions = transpositions;
  return Query(std::move(node));
}

Query Query::Range(std::string field, std::optional<std::string> lower,
                   std::optional<std::string> upper, bool include_lower, bool include_upper) {
  auto node = std::make_shared<QueryNode>();
  node->kind = QueryNode::Kind::kRange;
  node->field = std::move(field);
  node->lower = std::move(lower);
  node->upper = std::move(upper);
  node->include_lower = include_lower;
  node->include_upper = include_upper;
  return Query(std::move(node));
}

std::string Query::ToString() const {
  const QueryNode& n = *node_;
  if (n.depth > kMaxQueryDepth) return "<query nested too deeply>";
  switch (n.kind) {
    case QueryNode::Kind::kTerm:
      return absl::StrCat(n.field, ":", n.terms[0]);
    case QueryNode::Kind::kPhrase:
      return absl::StrCat(n.field, ":\"", absl::StrJoin(n.terms, " "), "\"",
                          n.slop ? absl::StrCat("~", n.slop) : "");
    case QueryNode::Kind::kAll:
      return "*:*";
    case QueryNode::Kind::kNone:
      return "<none>";
    case QueryNode::Kind::kBoost:
      return absl::StrCat("(", n.clauses[0].second.ToString(), ")^", n.boost);
    case QueryNode::Kind::kConstantScore:
      return absl::StrCat("ConstantScore(", n.clauses[0].second.ToString(), ")",
                          n.boost != 1.0f ? absl::StrCat("^", n.boost) : "");
    case QueryNode::Kind::kPrefix:
      return absl::StrCat(n.field, ":", n.terms[0], "*");
    case QueryNode::Kind::kWildcard:
      return absl::StrCat(n.field, ":", n.terms[0]);
    case QueryNode::Kind::kRegex:
      return absl::StrCat(n.field, ":/", n.terms[0], "/");
    case QueryNode::Kind::kFuzzy:
      return absl::StrCat(n.field, ":", n.terms[0], "~", n.max_edits);
    case QueryNode::Kind::kRange:
      return absl::StrCat(n.field, ":", n.include_lower ? "[" : "{", n.lower.value_or("*"), " TO ",
                          n.upper.value_or("*"), n.include_upper ? "]" : "}");
    case QueryNode::Kind::kBool: {
      std::vector<std::string> parts;
      for (const auto& [occur, q] : n.clauses) {
        bool nested = q.kind() == QueryNode::Kind::kBool;
        parts.push_back(absl::StrCat(std::string(OccurPrefix(occur)), nested ? "(" : "", q.ToString(),
                                     nested ? ")" : ""));
      }
      std::string s = absl::StrJoin(parts, " ");
      if (n.min_should_match > 0) absl::StrAppend(&s, "~", n.min_should_match);
      return s;
    }
  }
  return "";
}

}  // namespace trawl
