#include "search/snippet.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace trawl {

std::string Snippet::Marked(std::string_view open, std::string_view close) const {
  std::string out;
  uint32_t at = 0;
  for (const auto& [begin, end] : highlights) {
    out.append(text, at, begin - at);
    out.append(open);
    out.append(text, begin, end - begin);
    out.append(close);
    at = end;
  }
  out.append(std::string_view(text).substr(at));
  return out;
}

namespace search {
namespace {

struct Match {
  uint32_t start, end;
  std::string term;
};

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Moves `at` back to the start of its word.
uint32_t WordStart(std::string_view text, uint32_t at) {
  while (at > 0 && !IsSpace(text[at - 1])) --at;
  return at;
}
// Moves `at` forward to the end of its word.
uint32_t WordEnd(std::string_view text, uint32_t at) {
  while (at < text.size() && !IsSpace(text[at])) ++at;
  return at;
}

Snippet Build(std::string_view field, std::string_view text, uint32_t begin, uint32_t end,
              const std::vector<Match>& matches) {
  // Trim surrounding white space.
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  Snippet s;
  s.field = std::string(field);
  s.text = std::string(text.substr(begin, end - begin));
  s.start_offset = begin;
  for (const Match& m : matches) {
    if (m.start >= begin && m.end <= end) s.highlights.emplace_back(m.start - begin, m.end - begin);
  }
  return s;
}

}  // namespace

QueryTermMatcher::QueryTermMatcher(const Query& query, std::string_view field) {
  Collect(query, field);
}

void QueryTermMatcher::Collect(const Query& q, std::string_view field) {
  const QueryNode& n = q.node();
  if (n.field == field) {
    switch (n.kind) {
      case QueryNode::Kind::kTerm:
      case QueryNode::Kind::kPhrase:
        exact_.insert(n.terms.begin(), n.terms.end());
        break;
      case QueryNode::Kind::kPrefix:
        prefixes_.push_back(n.terms[0]);
        break;
      case QueryNode::Kind::kWildcard:
        wildcards_.emplace_back(n.terms[0]);
        break;
      case QueryNode::Kind::kRegex:
        // A pattern RE2 refuses has already failed the search.
        if (auto re = TermRegex::Compile(n.terms[0]); re.ok()) regexes_.push_back(*std::move(re));
        break;
      case QueryNode::Kind::kFuzzy: {
        std::u32string term = CodePoints(n.terms[0]);
        std::string prefix;
        for (size_t i = 0; i < std::min<size_t>(n.prefix_length, term.size()); ++i) {
          util::AppendUtf8(term[i], &prefix);
        }
        fuzzy_.push_back({std::move(term), std::move(prefix), n.max_edits, n.transpositions});
        break;
      }
      default:
        break;
    }
  }
  for (const auto& [occur, child] : n.clauses) {
    if (occur != Occur::kMustNot) Collect(child, field);
  }
}

bool QueryTermMatcher::Matches(std::string_view term) const {
  if (exact_.contains(util::AsAbsl(term))) return true;
  for (const std::string& p : prefixes_) {
    if (term.substr(0, p.size()) == p) return true;
  }
  for (const WildcardPattern& w : wildcards_) {
    if (w.Matches(term)) return true;
  }
  for (const TermRegex& re : regexes_) {
    if (re.Matches(term)) return true;
  }
  if (fuzzy_.empty()) return false;
  const std::u32string code_points = CodePoints(term);
  for (const Fuzzy& f : fuzzy_) {
    if (term.substr(0, f.prefix.size()) == f.prefix &&
        BoundedEditDistance(f.term, code_points, f.max_edits, f.transpositions)) {
      return true;
    }
  }
  return false;
}

std::vector<Snippet> MakeSnippets(std::string_view field, std::string_view text,
                                  const Analyzer& analyzer, const QueryTermMatcher& terms,
                                  const SnippetOptions& options) {
  std::vector<Match> matches;
  if (!terms.empty()) {
    analyzer.Analyze(text, [&](const Token& t) {
      if (terms.Matches(t.text)) matches.push_back({t.start_offset, t.end_offset, std::string(t.text)});
    });
  }
  const uint32_t width = static_cast<uint32_t>(std::max<size_t>(options.fragment_bytes, 16));
  std::vector<Snippet> out;
  if (matches.empty()) {
    if (!text.empty()) {
      uint32_t end = std::min<uint32_t>(static_cast<uint32_t>(text.size()), width);
      if (end < text.size()) end = std::max(WordStart(text, end), std::min<uint32_t>(end, 1));
      out.push_back(Build(field, text, 0, end, matches));
    }
    return out;
  }
  // Each candidate fragment starts a little before a match; its worth is
  // the number of distinct terms it covers, then the number of matches.
  std::vector<std::pair<uint32_t, uint32_t>> taken;  // chosen [begin, end)
  for (size_t f = 0; f < options.max_fragments; ++f) {
    int best_distinct = 0, best_count = 0;
    uint32_t best_begin = 0, best_end = 0;
    for (size_t i = 0; i < matches.size(); ++i) {
      uint32_t begin = WordStart(text, matches[i].start > width / 4 ? matches[i].start - width / 4 : 0);
      uint32_t end = std::min<uint32_t>(static_cast<uint32_t>(text.size()), begin + width);
      end = WordEnd(text, std::max(end, matches[i].end));
      bool overlaps = std::any_of(taken.begin(), taken.end(), [&](const auto& t) {
        return begin < t.second && t.first < end;
      });
      if (overlaps) continue;
      absl::flat_hash_set<std::string_view> distinct;
      int count = 0;
      for (size_t j = i; j < matches.size() && matches[j].end <= end; ++j) {
        distinct.insert(matches[j].term);
        ++count;
      }
      int d = static_cast<int>(distinct.size());
      if (d > best_distinct || (d == best_distinct && count > best_count)) {
        best_distinct = d;
        best_count = count;
        best_begin = begin;
        best_end = end;
      }
    }
    if (best_distinct == 0) break;
    taken.emplace_back(best_begin, best_end);
    out.push_back(Build(field, text, best_begin, best_end, matches));
  }
  return out;
}

}  // namespace search
}  // namespace trawl
