#include "util/strings.h"
#include "trawl/query_parser.h"

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/synchronization/mutex.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "search/multi_term.h"
#include "search/range.h"
#include "search/regex.h"
#include "trawl/analyzer.h"
#include "util/status_macros.h"

namespace trawl {
namespace {

// Analyzers are immutable and thread-safe, and building one (tokenizer,
// filters, stemmer) cost more than parsing a short query: 10K of the 64K
// instructions of a one-word top-10 search (callgrind). Each distinct name
// is built once per process; `name` is empty for the query normalizer.
absl::StatusOr<std::shared_ptr<const Analyzer>> SharedAnalyzer(const std::string& name) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* built = new absl::flat_hash_map<std::string, std::shared_ptr<const Analyzer>>();
  absl::MutexLock lock(&mu);
  if (auto it = built->find(name); it != built->end()) return it->second;
  absl::StatusOr<std::unique_ptr<Analyzer>> made;
  if (name.empty()) {
    AnalyzerSpec spec;
    spec.tokenizer = "keyword";
    spec.max_token_bytes = SIZE_MAX;
    made = MakeAnalyzer(spec);
  } else {
    made = MakeAnalyzer(name);
  }
  if (!made.ok()) return made.status();
  std::shared_ptr<const Analyzer> shared = *std::move(made);
  built->emplace(name, shared);
  return shared;
}

// Parentheses nest at most this deep; deeper input is refused rather than
// risking the stack.
constexpr int kMaxDepth = 100;

bool IsSpecial(char c) {
  return c == '(' || c == ')' || c == '"' || c == ':' || c == '^' || c == '~' || c == '\\';
}
bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

// The most edits a fuzzy term of `length` code points may have for the
// parser's `~similarity`, as Lucene's FuzzyQuery.floatToEdits computes it
// (org.apache.lucene.search.FuzzyQuery): a whole number >= 1 is the edits
// itself, 0 is exact, and a similarity s in (0, 1) allows
// floor((1 - s) * length) edits, capped at 2. Like Lucene, s stays a float
// widened to double, so `davos~0.8` allows 0 edits (0.99999994), not 1.
uint32_t FloatToEdits(float similarity, size_t length) {
  if (similarity >= 1) return std::min(static_cast<uint32_t>(similarity), search::kMaxFuzzyEdits);
  if (similarity == 0) return 0;
  double edits = (1.0 - static_cast<double>(similarity)) * static_cast<double>(length);
  return std::min(static_cast<uint32_t>(edits), search::kMaxFuzzyEdits);
}

// Whether `raw` (query text, backslash escapes intact) has a `*` or `?`
// that is not escaped.
bool HasWildcard(std::string_view raw) {
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '*' || raw[i] == '?') {
      return true;
    }
  }
  return false;
}

// Whether `raw` is a prefix query: one unescaped `*`, at the end.
bool IsPrefixPattern(std::string_view raw) {
  return raw.size() >= 2 && raw.back() == '*' && raw[raw.size() - 2] != '\\' &&
         !HasWildcard(raw.substr(0, raw.size() - 1));
}

// `raw` with its backslash escapes resolved.
std::string Unescape(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    out.push_back(raw[i]);
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, const Schema& schema, const QueryParserOptions& options)
      : text_(text), schema_(schema), options_(options) {}

  absl::StatusOr<Query> Parse() {
    TRAWL_RETURN_IF_ERROR(LoadAnalyzers());
    TRAWL_RETURN_IF_ERROR(LoadNormalizers());
    SkipSpace();
    if (pos_ == text_.size()) return Error("expected a query");
    TRAWL_ASSIGN_OR_RETURN(Query q, ParseClauses(/*fields=*/{}, /*depth=*/0));
    if (pos_ < text_.size()) return Error("unexpected ')'");
    return q;
  }

 private:
  struct Clause {
    Occur occur;
    Query query;
    bool explicit_occur;  // had + - or NOT
  };

  absl::Status LoadAnalyzers() {
    for (const FieldSpec& f : schema_.fields()) {
      std::shared_ptr<const Analyzer> a;
      if (f.type == FieldType::kText) {
        TRAWL_ASSIGN_OR_RETURN(a, SharedAnalyzer(f.analyzer));
      }
      analyzers_.push_back(std::move(a));
    }
    if (options_.default_fields.empty()) {
      for (const FieldSpec& f : schema_.fields()) {
        if (f.default_search) default_fields_.push_back(f.name);
      }
    } else {
      for (const std::string& name : options_.default_fields) {
        if (schema_.FieldId(name) < 0) {
          return absl::InvalidArgumentError(absl::StrCat("unknown default field \"", name, "\""));
        }
        default_fields_.push_back(name);
      }
    }
    if (default_fields_.empty()) {
      return absl::InvalidArgumentError("no default search fields: name a field (field:word)");
    }
    return absl::OkStatus();
  }

  // Prefix, wildcard, fuzzy and range terms are not analyzed (a stemmer
  // would mangle `univers*`); like Lucene's Analyzer.normalize they are
  // only case-folded, for text fields whose analyzer folds case.
  absl::Status LoadNormalizers() {
    for (const FieldSpec& f : schema_.fields()) {
      std::shared_ptr<const Analyzer> n;
      if (f.type == FieldType::kText && f.analyzer != "keyword" && f.analyzer != "whitespace") {
        TRAWL_ASSIGN_OR_RETURN(n, SharedAnalyzer(/*normalizer=*/""));
      }
      normalizers_.push_back(std::move(n));
    }
    return absl::OkStatus();
  }

  std::string Normalize(int field, std::string_view text) const {
    const Analyzer* n = normalizers_[static_cast<size_t>(field)].get();
    if (n == nullptr) return std::string(text);
    std::string out;
    n->Analyze(text, [&](const Token& t) { out.append(t.text); });
    return out;
  }

  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("query syntax error at position ", pos_, ": ", std::string(what)));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }

  bool AtKeyword(std::string_view word) const {
    if (text_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    return end == text_.size() || IsSpace(text_[end]) || text_[end] == '(' || text_[end] == '"';
  }

  // Clauses until ')' or the end, combined Lucene-style: AND makes both
  // neighbours required, OR makes them optional, NOT/- excludes.
  absl::StatusOr<Query> ParseClauses(const std::vector<std::string>& fields, int depth) {
    if (depth > kMaxDepth) return Error("parentheses nested too deeply");
    std::vector<Clause> clauses;
    enum { kNone, kAnd, kOr } conj = kNone;
    while (true) {
      SkipSpace();
      if (pos_ == text_.size() || text_[pos_] == ')') break;
      if (AtKeyword("AND") || AtKeyword("&&")) {
        if (clauses.empty()) return Error("AND needs a clause before it");
        pos_ += text_[pos_] == 'A' ? 3 : 2;
        conj = kAnd;
        continue;
      }
      if (AtKeyword("OR") || AtKeyword("||")) {
        if (clauses.empty()) return Error("OR needs a clause before it");
        pos_ += 2;
        conj = kOr;
        continue;
      }
      TRAWL_ASSIGN_OR_RETURN(Clause c, ParseClause(fields, depth));
      if (conj == kAnd) {
        Clause& prev = clauses.back();
        if (!prev.explicit_occur) prev.occur = Occur::kMust;
        if (!c.explicit_occur) c.occur = Occur::kMust;
      } else if (conj == kOr) {
        Clause& prev = clauses.back();
        if (!prev.explicit_occur) prev.occur = Occur::kShould;
        if (!c.explicit_occur) c.occur = Occur::kShould;
      }
      conj = kNone;
      clauses.push_back(std::move(c));
    }
    if (conj != kNone) return Error("expected a clause after AND/OR");
    if (clauses.size() == 1 && clauses[0].occur != Occur::kMustNot) {
      return std::move(clauses[0].query);
    }
    std::vector<std::pair<Occur, Query>> parts;
    for (Clause& c : clauses) {
      if (c.query.kind() != QueryNode::Kind::kNone) parts.emplace_back(c.occur, std::move(c.query));
    }
    if (parts.empty()) return Query::None();
    return Query::Bool(std::move(parts));
  }

  absl::StatusOr<Clause> ParseClause(const std::vector<std::string>& fields, int depth) {
    Clause c{options_.default_operator, Query(), false};
    if (text_[pos_] == '+' || text_[pos_] == '-') {
      c.occur = text_[pos_] == '+' ? Occur::kMust : Occur::kMustNot;
      c.explicit_occur = true;
      ++pos_;
    } else if (AtKeyword("NOT")) {
      c.occur = Occur::kMustNot;
      c.explicit_occur = true;
      pos_ += 3;
      SkipSpace();
    }
    if (pos_ == text_.size() || IsSpace(text_[pos_])) return Error("expected a term");
    TRAWL_ASSIGN_OR_RETURN(c.query, ParsePrimary(fields, depth));
    if (pos_ < text_.size() && text_[pos_] == '^') {
      ++pos_;
      size_t start = pos_;
      while (pos_ < text_.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_])) ||
                                     text_[pos_] == '.')) {
        ++pos_;
      }
      float boost;
      if (!absl::SimpleAtof(util::AsAbsl(text_.substr(start, pos_ - start)), &boost) || !(boost > 0)) {
        pos_ = start;
        return Error("expected a positive number after '^'");
      }
      if (c.query.kind() != QueryNode::Kind::kNone) c.query = Query::Boost(std::move(c.query), boost);
    }
    return c;
  }

  absl::StatusOr<Query> ParsePrimary(const std::vector<std::string>& fields, int depth) {
    char c = text_[pos_];
    if (c == '(') {
      size_t open = pos_++;
      TRAWL_ASSIGN_OR_RETURN(Query q, ParseClauses(fields, depth + 1));
      if (pos_ >= text_.size()) {
        pos_ = open;
        return Error("'(' is never closed (expected ')')");
      }
      ++pos_;  // ')'
      return q;
    }
    if (c == '"') return ParsePhrase(fields);
    if (c == '/') return ParseRegex(fields.empty() ? default_fields_ : fields);
    if (c == ')' ) return Error("unexpected ')'");
    if (c == '[' || c == '{') {
      if (fields.size() != 1) return Error("a range needs a field, as in date:[a TO b]");
      return ParseRange(fields[0]);
    }
    if ((c == '<' || c == '>') && fields.size() == 1) return ParseComparison(fields[0]);
    if (fields.empty() && text_.substr(pos_, 3) == "*:*") {
      pos_ += 3;
      return Query::All();
    }
    if (IsSpecial(c) && c != '\\') return Error(absl::StrCat("unexpected '", std::string(1, c), "'"));
    size_t start = pos_;
    std::string word = ReadWord();
    if (pos_ == start) return Error("a '\\' must escape a character");
    std::string_view raw = text_.substr(start, pos_ - start);
    if (pos_ < text_.size() && text_[pos_] == ':') {
      if (!fields.empty()) return Error("unexpected ':' after a field name");
      if (schema_.FieldId(word) < 0) {
        pos_ = start;
        return Error(absl::StrCat("unknown field \"", word, "\""));
      }
      ++pos_;
      if (pos_ == text_.size() || IsSpace(text_[pos_])) return Error("expected a term after ':'");
      if (text_[pos_] == ':') return Error("unexpected ':'");
      return ParsePrimary({word}, depth);
    }
    const std::vector<std::string>& targets = fields.empty() ? default_fields_ : fields;
    if (pos_ < text_.size() && text_[pos_] == '~') {
      if (HasWildcard(raw)) return Error("a wildcard term cannot be fuzzy");
      TRAWL_ASSIGN_OR_RETURN(float similarity, ParseFuzzySimilarity());
      return PerField(targets, start, [&](const std::string& field, int id) {
        std::string term = Normalize(id, word);
        uint32_t edits = FloatToEdits(similarity, search::CodePoints(term).size());
        return Query::Fuzzy(field, std::move(term), edits);
      });
    }
    if (HasWildcard(raw)) {
      return PerField(targets, start, [&](const std::string& field, int id) {
        std::string pattern = Normalize(id, raw);
        if (IsPrefixPattern(pattern)) {
          return Query::Prefix(field, Unescape(pattern.substr(0, pattern.size() - 1)));
        }
        return Query::Wildcard(field, std::move(pattern));
      });
    }
    return WordQuery(word, targets);
  }

  // After `word~`: nothing (2 edits), the number of edits (0 to 2, `2.0`
  // too), or Lucene's legacy minimum similarity, strictly between 0 and 1.
  // Returned the way Lucene's parser keeps it, for FloatToEdits().
  absl::StatusOr<float> ParseFuzzySimilarity() {
    size_t start = ++pos_;
    while (pos_ < text_.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '.')) {
      ++pos_;
    }
    if (pos_ == start) return 2.0f;
    float value;
    if (!absl::SimpleAtof(util::AsAbsl(text_.substr(start, pos_ - start)), &value) ||
        !(value <= 1 || value == 2)) {
      pos_ = start;
      return Error("expected 0, 1 or 2 edits, or a similarity between 0 and 1, after '~'");
    }
    return value;
  }

  // `/regex/`, delimited as in Lucene's classic parser: the pattern runs to
  // the next `/` not escaped by a backslash and goes to RE2 verbatim (RE2
  // reads `\/` as `/`). Checked here so that a bad one is reported at its
  // position.
  absl::StatusOr<Query> ParseRegex(const std::vector<std::string>& fields) {
    const size_t open = pos_;
    size_t close = open + 1;
    while (close < text_.size() && text_[close] != '/') close += text_[close] == '\\' ? 2 : 1;
    if (close >= text_.size()) return Error("regular expression is never closed (expected '/')");
    const std::string pattern(text_.substr(open + 1, close - open - 1));
    if (auto compiled = search::TermRegex::Compile(pattern); !compiled.ok()) {
      return Error(util::AsStd(compiled.status().message()));
    }
    pos_ = close + 1;
    return PerField(fields, open, [&](const std::string& field, int id) {
      // Rather than case-folding the pattern, which would turn `\D` into
      // `\d`, letters match either case on a field whose terms are folded.
      bool folds = Normalize(id, pattern) != pattern;
      return Query::Regex(field, folds ? "(?i)" + pattern : pattern);
    });
  }

  // A multi-term query per target field (text or keyword), combined like
  // a word's; `make` gets the field's name and number.
  template <typename MakeQuery>
  absl::StatusOr<Query> PerField(const std::vector<std::string>& fields, size_t start,
                                 MakeQuery make) {
    std::vector<std::pair<Occur, Query>> per_field;
    for (const std::string& field : fields) {
      int id = schema_.FieldId(field);
      const FieldSpec& spec = schema_.fields()[static_cast<size_t>(id)];
      if (spec.type != FieldType::kText && spec.type != FieldType::kKeyword) {
        pos_ = start;
        return Error(absl::StrCat("wildcard, fuzzy and regex terms need a text or keyword ",
                                  "field; \"", field, "\" is ",
                                  std::string(FieldTypeName(spec.type))));
      }
      Query q = make(field, id);
      if (spec.boost != 1.0f) q = Query::Boost(std::move(q), spec.boost);
      per_field.emplace_back(Occur::kShould, std::move(q));
    }
    return Combine(std::move(per_field));
  }

  // `[lower TO upper]`, `{...}` or mixed; `*` is an open end.
  absl::StatusOr<Query> ParseRange(const std::string& field) {
    size_t open = pos_;
    bool include_lower = text_[pos_++] == '[';
    SkipSpace();
    TRAWL_ASSIGN_OR_RETURN(std::optional<std::string> lower, ReadEndpoint(field, "]}"));
    SkipSpace();
    if (!AtKeyword("TO")) return Error("expected 'TO' in a range");
    pos_ += 2;
    SkipSpace();
    TRAWL_ASSIGN_OR_RETURN(std::optional<std::string> upper, ReadEndpoint(field, "]}"));
    SkipSpace();
    if (pos_ == text_.size() || (text_[pos_] != ']' && text_[pos_] != '}')) {
      pos_ = open;
      return Error("range is never closed (expected ']' or '}')");
    }
    bool include_upper = text_[pos_++] == ']';
    return Query::Range(field, std::move(lower), std::move(upper), include_lower, include_upper);
  }

  // `>v`, `>=v`, `<v`, `<=v`.
  absl::StatusOr<Query> ParseComparison(const std::string& field) {
    bool greater = text_[pos_++] == '>';
    bool inclusive = pos_ < text_.size() && text_[pos_] == '=';
    if (inclusive) ++pos_;
    TRAWL_ASSIGN_OR_RETURN(std::optional<std::string> value, ReadEndpoint(field, ")"));
    if (!value) return Error("expected a value, not '*'");
    if (greater) return Query::Range(field, std::move(value), std::nullopt, inclusive, true);
    return Query::Range(field, std::nullopt, std::move(value), true, inclusive);
  }

  // A range endpoint: a quoted string, or characters up to white space or
  // one of `stops` (backslash escapes one); an unquoted `*` is an open end
  // (std::nullopt). Checked against the field's type here, so that a bad
  // date is reported at its position.
  absl::StatusOr<std::optional<std::string>> ReadEndpoint(const std::string& field,
                                                          std::string_view stops) {
    size_t start = pos_;
    std::string value;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) return Error("unterminated quoted value (expected '\"')");
      value = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
    } else {
      while (pos_ < text_.size() && !IsSpace(text_[pos_]) &&
             stops.find(text_[pos_]) == std::string_view::npos) {
        ++pos_;
      }
      std::string_view raw = text_.substr(start, pos_ - start);
      if (raw.empty()) return Error("expected a range value");
      if (raw == "*") return std::nullopt;
      value = Unescape(raw);
    }
    int id = schema_.FieldId(field);
    const FieldSpec& spec = schema_.fields()[static_cast<size_t>(id)];
    if (spec.type == FieldType::kStored) {
      pos_ = start;
      return Error(absl::StrCat("field \"", field, "\" is stored only, not searchable"));
    }
    if (search::HasFastValues(spec.type)) {
      auto bound = search::RangeBound(spec, value, search::RangeEnd::kLowerIncluded);
      if (!bound.ok()) {
        pos_ = start;
        return Error(util::AsStd(bound.status().message()));
      }
      return value;
    }
    return Normalize(id, value);
  }

  // A run of non-space, non-special characters; backslash escapes one.
  std::string ReadWord() {
    std::string word;
    while (pos_ < text_.size() && !IsSpace(text_[pos_])) {
      char c = text_[pos_];
      if (c == '\\' && pos_ + 1 < text_.size()) {
        word.push_back(text_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      if (IsSpecial(c)) break;
      word.push_back(c);
      ++pos_;
    }
    return word;
  }

  absl::StatusOr<Query> ParsePhrase(const std::vector<std::string>& fields) {
    size_t open = pos_++;
    size_t close = text_.find('"', pos_);
    if (close == std::string_view::npos) {
      pos_ = open;
      return Error("unterminated phrase (expected '\"')");
    }
    std::string_view inner = text_.substr(pos_, close - pos_);
    pos_ = close + 1;
    uint32_t slop = 0;
    if (pos_ < text_.size() && text_[pos_] == '~') {
      size_t start = ++pos_;
      while (pos_ < text_.size() && absl::ascii_isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (!absl::SimpleAtoi(util::AsAbsl(text_.substr(start, pos_ - start)), &slop)) {
        pos_ = start;
        return Error("expected a number after '~'");
      }
    }
    std::vector<std::pair<Occur, Query>> per_field;
    for (const std::string& field : fields.empty() ? default_fields_ : fields) {
      Query q = FieldQuery(field, inner, slop);
      if (q.kind() != QueryNode::Kind::kNone) per_field.emplace_back(Occur::kShould, std::move(q));
    }
    return Combine(std::move(per_field));
  }

  absl::StatusOr<Query> WordQuery(const std::string& word, const std::vector<std::string>& fields) {
    std::vector<std::pair<Occur, Query>> per_field;
    for (const std::string& field : fields) {
      Query q = FieldQuery(field, word, 0);
      if (q.kind() != QueryNode::Kind::kNone) per_field.emplace_back(Occur::kShould, std::move(q));
    }
    return Combine(std::move(per_field));
  }

  // `text` as the field's analyzer sees it: one term, a phrase of several
  // (with the analyzer's position gaps), or none; boosted by the field's
  // boost when searched by default.
  Query FieldQuery(const std::string& field, std::string_view text, uint32_t slop) {
    int id = schema_.FieldId(field);
    const FieldSpec& spec = schema_.fields()[static_cast<size_t>(id)];
    Query q;
    if (search::HasFastValues(spec.type)) {
      q = Query::Range(field, std::string(text), std::string(text));  // date:2026-01-16: that day
    } else if (spec.type != FieldType::kText) {
      q = Query::Term(field, std::string(text));
    } else {
      std::vector<std::string> terms;
      std::vector<uint32_t> positions;
      analyzers_[static_cast<size_t>(id)]->Analyze(text, [&](const Token& t) {
        terms.emplace_back(t.text);
        positions.push_back(t.position);
      });
      for (uint32_t& p : positions) p -= positions.front();
      q = Query::Phrase(field, std::move(terms), slop, std::move(positions));
    }
    if (spec.boost != 1.0f && q.kind() != QueryNode::Kind::kNone) q = Query::Boost(std::move(q), spec.boost);
    return q;
  }

  static Query Combine(std::vector<std::pair<Occur, Query>> per_field) {
    if (per_field.empty()) return Query::None();
    if (per_field.size() == 1) return std::move(per_field[0].second);
    return Query::Bool(std::move(per_field));
  }

  std::string_view text_;
  const Schema& schema_;
  const QueryParserOptions& options_;
  std::vector<std::shared_ptr<const Analyzer>> analyzers_;
  std::vector<std::shared_ptr<const Analyzer>> normalizers_;  // null: terms as typed
  std::vector<std::string> default_fields_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<Query> ParseQuery(std::string_view text, const Schema& schema,
                                 const QueryParserOptions& options) {
  return Parser(text, schema, options).Parse();
}

}  // namespace trawl
