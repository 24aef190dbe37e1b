// Query objects and the query parser.
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "bindings.h"
#include "status.h"
#include "trawl/query.h"
#include "trawl/query_parser.h"
#include "trawl/schema.h"
#include "values.h"

namespace trawl::python {
namespace {

using Clauses = std::vector<std::pair<Occur, Query>>;

// Limits on query trees built from Python. The library walks a tree
// recursively and expands shared subtrees (compiling, rendering, destroying
// it), so a deeper tree would overflow the stack and a DAG like
// `q = q | q` repeated would take exponential time.
constexpr uint32_t kMaxDepth = 1000;
constexpr uint64_t kMaxNodes = uint64_t{1} << 22;

struct Shape {
  uint32_t depth = 0;
  uint64_t nodes = 0;  // counted as the tree it expands to, saturating
};

// The shape of `n`, memoized per shared node. Recursion is bounded: every
// child was itself checked by Checked() (or built by the parser, or a leaf).
Shape ShapeOf(const QueryNode& n, std::unordered_map<const QueryNode*, Shape>& memo) {
  if (n.clauses.empty()) return {1, 1};  // a leaf: not worth a memo entry
  if (auto it = memo.find(&n); it != memo.end()) return it->second;
  Shape shape{1, 1};
  for (const auto& [occur, child] : n.clauses) {
    Shape c = ShapeOf(child.node(), memo);
    shape.depth = std::max(shape.depth, c.depth + 1);
    shape.nodes = std::min(kMaxNodes + 1, shape.nodes + c.nodes);
  }
  memo[&n] = shape;
  return shape;
}

// `q`, a new node, or InvalidArgumentError when it nests too deeply or
// expands to too many nodes.
Query Checked(Query q) {
  std::unordered_map<const QueryNode*, Shape> memo;
  Shape shape = ShapeOf(q.node(), memo);
  if (shape.depth > kMaxDepth || shape.nodes > kMaxNodes) {
    ThrowIfError(absl::InvalidArgumentError(absl::StrCat(
        "query too large: more than ", kMaxDepth, " levels deep or ", kMaxNodes, " nodes")));
  }
  return q;
}

const char* KindName(QueryNode::Kind kind) {
  switch (kind) {
    case QueryNode::Kind::kTerm: return "term";
    case QueryNode::Kind::kBool: return "bool";
    case QueryNode::Kind::kPhrase: return "phrase";
    case QueryNode::Kind::kAll: return "all";
    case QueryNode::Kind::kNone: return "none";
    case QueryNode::Kind::kBoost: return "boost";
    case QueryNode::Kind::kPrefix: return "prefix";
    case QueryNode::Kind::kWildcard: return "wildcard";
    case QueryNode::Kind::kFuzzy: return "fuzzy";
    case QueryNode::Kind::kRange: return "range";
    case QueryNode::Kind::kConstantScore: return "constant_score";
    case QueryNode::Kind::kRegex: return "regex";
  }
  return "?";
}

bool IsAll(const Query& q) { return q.kind() == QueryNode::Kind::kAll; }

// Whether `n` is what `~q` makes: All() with must_not clauses.
bool IsNegation(const QueryNode& n) {
  if (n.kind != QueryNode::Kind::kBool || n.min_should_match != 0 || n.clauses.size() < 2) {
    return false;
  }
  if (n.clauses[0].first != Occur::kMust || !IsAll(n.clauses[0].second)) return false;
  for (size_t i = 1; i < n.clauses.size(); ++i) {
    if (n.clauses[i].first != Occur::kMustNot) return false;
  }
  return true;
}

// Whether the clauses of Bool `n` can join an enclosing `occur` Bool
// unchanged: `(a & b) & c` is `a & b & c`, `(a | b) | c` is `a | b | c`.
bool Splices(const QueryNode& n, Occur occur) {
  if (n.kind != QueryNode::Kind::kBool || n.min_should_match != 0) return false;
  bool positive = false;
  for (const auto& [o, q] : n.clauses) {
    if (o == occur) positive = true;
    else if (!(occur == Occur::kMust && o == Occur::kMustNot)) return false;
  }
  return positive;
}

// Appends `q` to `clauses` with `occur`, splicing in a Bool of the same kind
// and, for `&`, the exclusions of a `~x`.
void AppendFlat(const Query& q, Occur occur, Clauses& clauses) {
  const QueryNode& n = q.node();
  if (occur == Occur::kMust && IsNegation(n)) {
    clauses.insert(clauses.end(), n.clauses.begin() + 1, n.clauses.end());
  } else if (Splices(n, occur)) {
    clauses.insert(clauses.end(), n.clauses.begin(), n.clauses.end());
  } else {
    clauses.emplace_back(occur, q);
  }
}

// `a & b` or `a | b` as one flat Bool. Exclusions alone keep an All() to
// exclude from.
Query Combine(const Query& a, const Query& b, Occur occur) {
  Clauses clauses;
  AppendFlat(a, occur, clauses);
  AppendFlat(b, occur, clauses);
  bool positive = false;
  for (const auto& clause : clauses) positive = positive || clause.first != Occur::kMustNot;
  if (!positive) clauses.insert(clauses.begin(), {Occur::kMust, Query::All()});
  return Checked(Query::Bool(std::move(clauses)));
}

Query MakeBool(const std::vector<Query>& must, const std::vector<Query>& should,
               const std::vector<Query>& must_not, const std::vector<Query>& filter,
               uint32_t minimum_should_match) {
  Clauses clauses;
  for (const Query& q : must) clauses.emplace_back(Occur::kMust, q);
  for (const Query& q : should) clauses.emplace_back(Occur::kShould, q);
  for (const Query& q : must_not) clauses.emplace_back(Occur::kMustNot, q);
  for (const Query& q : filter) clauses.emplace_back(Occur::kFilter, q);
  return Checked(Query::Bool(std::move(clauses), minimum_should_match));
}

// Phrase positions must pair with the terms, ascend and start at 0.
absl::Status CheckPositions(size_t terms, const std::vector<uint32_t>& positions) {
  if (positions.empty()) return absl::OkStatus();
  if (positions.size() != terms) {
    return absl::InvalidArgumentError(absl::StrCat(
        "phrase has ", terms, " terms but ", positions.size(), " positions"));
  }
  if (positions[0] != 0) return absl::InvalidArgumentError("phrase positions must start at 0");
  for (size_t i = 1; i < positions.size(); ++i) {
    if (positions[i] < positions[i - 1]) {
      return absl::InvalidArgumentError("phrase positions must be ascending");
    }
  }
  return absl::OkStatus();
}

Query MakePhrase(std::string field, std::vector<std::string> terms, uint32_t slop,
                 std::optional<std::vector<uint32_t>> positions) {
  std::vector<uint32_t> at = positions.value_or(std::vector<uint32_t>{});
  ThrowIfError(CheckPositions(terms.size(), at));
  return Query::Phrase(std::move(field), std::move(terms), slop, std::move(at));
}

Query MakeBoost(const Query& q, float boost) {
  if (!std::isfinite(boost) || boost < 0) {
    ThrowIfError(absl::InvalidArgumentError(
        absl::StrCat("boost must be finite and >= 0, got ", boost)));
  }
  return Checked(Query::Boost(q, boost));
}

Query MakeConstantScore(const Query& q, float score) {
  if (!std::isfinite(score) || score < 0) {
    ThrowIfError(absl::InvalidArgumentError(
        absl::StrCat("score must be finite and >= 0, got ", score)));
  }
  return Checked(Query::ConstantScore(q, score));
}

Query MakeRange(std::string field, py::handle lower, py::handle upper, bool include_lower,
                bool include_upper) {
  std::optional<std::string> from = OptionalValueToText(lower, field);
  std::optional<std::string> to = OptionalValueToText(upper, field);
  return Query::Range(std::move(field), std::move(from), std::move(to), include_lower,
                      include_upper);
}

Query Parse(std::string_view text, const Schema& schema,
            std::optional<std::vector<std::string>> default_fields,
            const std::string& default_operator) {
  QueryParserOptions options;
  if (default_operator == "and" || default_operator == "AND") {
    options.default_operator = Occur::kMust;
  } else if (default_operator != "or" && default_operator != "OR") {
    ThrowIfError(absl::InvalidArgumentError(
        absl::StrCat("default_operator must be 'or' or 'and', got '", default_operator, "'")));
  }
  options.default_fields = default_fields.value_or(std::vector<std::string>{});
  return Unwrap(ParseQuery(text, schema, options));
}

void BindQueryClass(py::module_& m) {
  py::class_<Query>(m, "Query", R"doc(
A query: a pure, immutable tree, compiled per segment at search time.

Build one with Term, Phrase, Prefix, Wildcard, Regex, Fuzzy, Range, All,
MatchNone, Bool, ConstantScore, parse_query(), and combine them:
`a & b` (both required), `a | b` (either), `~a` (every document but a's),
`a.boost(2.0)`. Chaining `|` or `&` copies the clause list each time: for
hundreds of clauses, build one Bool(should=[...]) instead. A tree may nest at
most 1000 levels (else InvalidArgumentError). Term texts are matched exactly: they must already be analyzed
(lower-cased, stemmed...) the way the field's analyzer does; parse_query()
does that for you from query text. Query() matches nothing.)doc")
      .def(py::init<>(), "A query that matches nothing.")
      .def("boost", &MakeBoost, py::arg("factor"),
           "This query with its scores multiplied by `factor` (finite, >= 0).")
      .def_property_readonly(
          "kind", [](const Query& q) { return KindName(q.kind()); },
          "'term', 'phrase', 'bool', 'all', 'none', 'boost', 'prefix', 'wildcard', 'fuzzy', 'range', 'constant_score' or 'regex'.")
      .def("__and__", [](const Query& a, const Query& b) { return Combine(a, b, Occur::kMust); },
           py::is_operator(), "Both required: Bool(must=[a, b]).")
      .def("__or__", [](const Query& a, const Query& b) { return Combine(a, b, Occur::kShould); },
           py::is_operator(), "Either (scores add up): Bool(should=[a, b]).")
      .def("__invert__",
           [](const Query& q) {
             return Checked(Query::Bool({{Occur::kMust, Query::All()}, {Occur::kMustNot, q}}));
           },
           "Every live document not matching this query: Bool(must=[All()], must_not=[q]).")
      .def("__str__", &Query::ToString, "A Lucene-like rendering, e.g. `+body:davos -body:trump`.")
      .def("__repr__", [](const Query& q) { return absl::StrCat("<Query ", q.ToString(), ">"); });
}

}  // namespace

void BindQuery(py::module_& m) {
  BindQueryClass(m);
  m.def("Term", [](std::string field, std::string text) { return Query::Term(field, text); },
        py::arg("field"), py::arg("text"),
        "Documents whose `field` holds the exact (already analyzed) term `text`.");
  m.def("Phrase", &MakePhrase, py::arg("field"), py::arg("terms"), py::arg("slop") = 0,
        py::arg("positions") = py::none(), R"doc(
Terms at consecutive positions of `field`, or at `positions` relative to the
first (same length as `terms`, ascending, starting at 0; else
InvalidArgumentError). `slop` is how many position moves in total a match may
be off by.)doc");
  m.def("All", &Query::All, "Every live document, score 1.");
  m.def("MatchNone", &Query::None, "No document (the same as Query()).");
  m.def("Prefix", &Query::Prefix, py::arg("field"), py::arg("prefix"), R"doc(
Terms of `field` starting with `prefix` (matched exactly: give it case-folded
for an analyzed field). Constant score 1. A prefix expanding into more than
1024 distinct terms raises InvalidArgumentError when searched.)doc");
  m.def("Wildcard", &Query::Wildcard, py::arg("field"), py::arg("pattern"), R"doc(
Terms of `field` matching `pattern`, where `?` is any one character, `*` any
run of them (empty included), and a backslash makes the next character
literal. Constant score 1. A pattern expanding into more than 1024 distinct
terms raises InvalidArgumentError when searched.)doc");
  m.def("Regex", &Query::Regex, py::arg("field"), py::arg("pattern"), R"doc(
Terms of `field` that `pattern`, a regular expression in RE2 syntax, matches
as a whole (as Lucene's RegexpQuery: `dav[aeiou]s` matches "davos", not
"davoss"). Case-sensitive unless the pattern starts `(?i)`; `.` is any
character. Constant score 1. A bad pattern, one longer than 1024 bytes, or one
expanding into more than 1024 distinct terms raises InvalidArgumentError when
searched.)doc");
  m.def("Fuzzy", &Query::Fuzzy, py::arg("field"), py::arg("term"), py::arg("max_edits") = 2,
        py::arg("prefix_length") = 0, py::arg("transpositions") = true, R"doc(
Terms of `field` within `max_edits` (0..2; more raises InvalidArgumentError
when searched) insertions, deletions, substitutions and, with
`transpositions`, swaps of adjacent characters of `term`, sharing its first
`prefix_length` characters. Scored like Lucene's FuzzyQuery: the best 50
terms, each BM25 with the largest document frequency among them, times
1 - edits / min(length of term, of the match).)doc");
  m.def("Range", &MakeRange, py::arg("field"), py::arg("lower") = py::none(),
        py::arg("upper") = py::none(), py::arg("include_lower") = true,
        py::arg("include_upper") = true, R"doc(
Documents whose value of `field` lies between `lower` and `upper` (None:
unbounded), each end included or not. Endpoints are str, int, float,
datetime.date or datetime.datetime (an aware one converted to UTC), written as
the field's values are. Date, i64 and f64 fields compare values; a date
without a time stands for its whole day, so Range("date", "2026-01-01",
"2026-01-31") is all of January. Keyword and text fields compare term bytes.
Constant score 1. Bad endpoints raise InvalidArgumentError when searched.)doc");
  m.def("ConstantScore", &MakeConstantScore, py::arg("query"), py::arg("score") = 1.0f,
        "The documents of `query`, each scoring `score` (finite, >= 0; times enclosing boosts).");
  m.def("Bool", &MakeBool, py::kw_only(), py::arg("must") = std::vector<Query>{},
        py::arg("should") = std::vector<Query>{}, py::arg("must_not") = std::vector<Query>{},
        py::arg("filter") = std::vector<Query>{}, py::arg("minimum_should_match") = 0, R"doc(
A boolean combination. `must` clauses are required and scored, `should`
optional and scored, `must_not` excluded, `filter` required and not scored.
With only `should` clauses a document must match at least
max(1, minimum_should_match) of them; with `must` or `filter` clauses the
`should` ones only add to the score unless minimum_should_match > 0.)doc");
  m.def("parse_query", &Parse, py::arg("text"), py::arg("schema"), py::kw_only(),
        py::arg("default_fields") = py::none(), py::arg("default_operator") = "or", R"doc(
Parses query text into a Query.

Syntax: words are OR-ed by default (default_operator="and" requires them);
`+w` required, `-w` excluded; `a AND b`, `a OR b`, `NOT c`; parentheses;
`field:word`; "a phrase". Every word goes through the analyzer of each field
it is aimed at; bare words search `default_fields`, or else the schema's
default_search fields (each boosted by its Field.boost).

Raises QuerySyntaxError (with .position, a byte offset) for bad syntax. Never
crashes or recurses without bound, whatever the input.)doc");
}

}  // namespace trawl::python
