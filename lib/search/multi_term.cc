#include "search/multi_term.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "search/constant_scorers.h"
#include "search/fuzzy_terms.h"
#include "search/regex.h"
#include "segment/term_dictionary.h"
#include "util/status_macros.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace trawl::search {
namespace {

using index::SegmentView;
using index::Snapshot;

// Pattern tokens beyond the code point range.
constexpr char32_t kAnyOne = 0x110000;
constexpr char32_t kAnyRun = 0x110001;

// The matching terms' documents of one segment, all scoring `score`.
class TermSetWeight : public Weight {
 public:
  using PerSegment = absl::flat_hash_map<const segment::SegmentReader*,
                                         std::vector<segment::TermInfo>>;
  TermSetWeight(PerSegment terms, float score) : terms_(std::move(terms)), score_(score) {}

  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    auto found = terms_.find(segment.reader.get());
    if (found == terms_.end() || found->second.empty()) return nullptr;
    DocBitSet docs(segment.reader->doc_count());
    segment::PostingsIterator postings;
    for (const segment::TermInfo& info : found->second) {
      TRAWL_RETURN_IF_ERROR(segment.reader->OpenPostings(info, &postings));
      postings.DocsOnly();
      postings.Next();
      postings.IntoBitSet(docs.size(), 0, docs.words());
      TRAWL_RETURN_IF_ERROR(postings.status());
    }
    return std::unique_ptr<Scorer>(std::make_unique<BitSetScorer>(std::move(docs), score_));
  }

 private:
  PerSegment terms_;  // filled for every segment of the snapshot
  float score_;
};

absl::Status CheckPatternLength(std::string_view what, std::string_view text) {
  if (text.size() <= kMaxPatternBytes) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(util::AsAbsl(what), " longer than ", kMaxPatternBytes, " bytes"));
}

// How errors name a prefix, wildcard or regex node: `wildcard 'w?ld'`.
std::string PatternName(const QueryNode& node) {
  switch (node.kind) {
    case QueryNode::Kind::kPrefix:
      return absl::StrCat("prefix '", node.terms[0], "'");
    case QueryNode::Kind::kWildcard:
      return absl::StrCat("wildcard '", node.terms[0], "'");
    default:
      return absl::StrCat("regular expression /", node.terms[0], "/");
  }
}

// Lucene's FuzzyTermsEnum boost: 1 - edits / min(length of the query term,
// of the match), in code points.
float FuzzyBoost(uint32_t edits, size_t query_length, size_t term_length) {
  if (edits == 0) return 1.0f;
  size_t shorter = std::min(query_length, term_length);
  return shorter == 0 ? 0.0f : 1.0f - static_cast<float>(edits) / static_cast<float>(shorter);
}

struct FuzzyMatch {
  std::string term;
  uint32_t edits = 0;
  float boost = 0;
  uint64_t doc_freq = 0;  // over all segments
};

// Every term of `field` within the node's edits, over all segments.
absl::StatusOr<std::vector<FuzzyMatch>> FuzzyMatches(const QueryNode& node,
                                                     const Snapshot& snapshot, uint32_t field) {
  FuzzyTermWalker walker(node.terms[0], node.prefix_length, node.max_edits, node.transpositions);
  absl::flat_hash_map<std::string, size_t> index;  // term -> position in matches
  std::vector<FuzzyMatch> matches;
  for (const SegmentView& segment : snapshot.segments) {
    TRAWL_RETURN_IF_ERROR(walker.Walk(
        segment.reader->terms(), field,
        [&](std::string_view term, const segment::TermInfo& info, uint32_t edits,
            size_t code_points) {
          float boost = FuzzyBoost(edits, walker.word_length(), code_points);
          if (boost <= 0) return;  // nothing of the term is left
          auto [it, added] = index.try_emplace(std::string(term), matches.size());
          if (added) matches.push_back({std::string(term), edits, boost, 0});
          matches[it->second].doc_freq += info.doc_freq;
        }));
  }
  return matches;
}

}  // namespace

WildcardPattern::WildcardPattern(std::string_view pattern) {
  bool literal_so_far = true;
  for (size_t at = 0; at < pattern.size();) {
    char c = pattern[at];
    if (c == '*' || c == '?') {
      literal_so_far = false;
      if (c == '?') {
        tokens_.push_back(kAnyOne);
      } else if (tokens_.empty() || tokens_.back() != kAnyRun) {
        tokens_.push_back(kAnyRun);
      }
      ++at;
      continue;
    }
    if (c == '\\' && at + 1 < pattern.size()) ++at;
    util::Decoded d = util::DecodeUtf8(pattern, at);
    if (literal_so_far) prefix_.append(pattern.substr(at, d.length));
    tokens_.push_back(d.code_point);
    at += d.length;
  }
}

bool WildcardPattern::Matches(std::string_view term) const {
  const std::u32string text = CodePoints(term);
  const size_t n = text.size(), m = tokens_.size();
  // Greedy matching that, on a mismatch, retries from the last `*` one code
  // point further: each (star, text position) pair is tried at most once.
  size_t i = 0, j = 0, star = std::u32string::npos, mark = 0;
  while (i < n) {
    if (j < m && (tokens_[j] == kAnyOne || tokens_[j] == text[i])) {
      ++i;
      ++j;
    } else if (j < m && tokens_[j] == kAnyRun) {
      star = j++;
      mark = i;
    } else if (star != std::u32string::npos) {
      j = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (j < m && tokens_[j] == kAnyRun) ++j;
  return j == m;
}

std::u32string CodePoints(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    util::Decoded d = util::DecodeUtf8(text, at);
    out.push_back(d.code_point);
    at += d.length;
  }
  return out;
}

std::optional<uint32_t> BoundedEditDistance(std::u32string_view a, std::u32string_view b,
                                            uint32_t max_edits, bool transpositions) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max_edits) return std::nullopt;
  // Rows of the DP table over prefixes of a (i) and b (j); `before` is the
  // row i - 2, needed for transpositions.
  std::vector<uint32_t> before(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<uint32_t>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<uint32_t>(i);
    uint32_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      uint32_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      uint32_t best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      cur[j] = best;
      row_min = std::min(row_min, best);
    }
    // Every later cell descends from this row, and costs never decrease.
    if (row_min > max_edits) return std::nullopt;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  if (prev[m] > max_edits) return std::nullopt;
  return prev[m];
}

absl::Status WalkField(const segment::TermDictionary& dict, uint32_t field,
                       std::string_view start,
                       absl::FunctionRef<bool(std::string_view, const segment::TermInfo&)> visit) {
  const std::string key = segment::TermKey(field, start);
  TRAWL_ASSIGN_OR_RETURN(segment::TermDictionary::Iterator it, dict.Seek(key));
  while (it.Valid() && it.key()[0] == key[0]) {
    if (!visit(it.key().substr(1), it.info())) break;
    TRAWL_RETURN_IF_ERROR(it.Next());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Weight>> CreateTermSetWeight(
    const Snapshot& snapshot, uint32_t field, std::string_view start,
    absl::FunctionRef<TermStep(std::string_view term)> step, size_t max_expansions,
    std::string_view what, float score) {
  TermSetWeight::PerSegment per_segment;
  absl::flat_hash_set<std::string> distinct;
  for (const SegmentView& segment : snapshot.segments) {
    std::vector<segment::TermInfo>& infos = per_segment[segment.reader.get()];
    bool too_many = false;
    TRAWL_RETURN_IF_ERROR(WalkField(
        segment.reader->terms(), field, start,
        [&](std::string_view term, const segment::TermInfo& info) {
          switch (step(term)) {
            case TermStep::kStop:
              return false;
            case TermStep::kSkip:
              return true;
            case TermStep::kMatch:
              break;
          }
          infos.push_back(info);
          too_many = distinct.emplace(term).second && distinct.size() > max_expansions;
          return !too_many;
        }));
    if (too_many) {
      return absl::InvalidArgumentError(absl::StrCat(
          util::AsAbsl(what), " expands to more than ", max_expansions,
          " terms; narrow it or raise SearchOptions::max_expansions"));
    }
  }
  return std::unique_ptr<Weight>(std::make_unique<TermSetWeight>(std::move(per_segment), score));
}

absl::StatusOr<std::unique_ptr<Weight>> CreatePatternWeight(const QueryNode& node,
                                                            const Snapshot& snapshot,
                                                            size_t max_expansions, float score) {
  TRAWL_ASSIGN_OR_RETURN(uint32_t field, TermFieldOf(snapshot, node.field, false));
  const std::string& text = node.terms[0];
  const std::string what = absl::StrCat(PatternName(node), " in field \"", node.field, "\"");
  TRAWL_RETURN_IF_ERROR(CheckPatternLength(what, text));
  auto expand = [&](std::string_view start, absl::FunctionRef<TermStep(std::string_view)> step) {
    return CreateTermSetWeight(snapshot, field, start, step, max_expansions, what, score);
  };
  switch (node.kind) {
    case QueryNode::Kind::kPrefix:
      return expand(text, [&](std::string_view term) {
        return term.substr(0, text.size()) == text ? TermStep::kMatch : TermStep::kStop;
      });
    case QueryNode::Kind::kWildcard: {
      const WildcardPattern pattern(text);
      const std::string& prefix = pattern.literal_prefix();
      return expand(prefix, [&](std::string_view term) {
        if (term.substr(0, prefix.size()) != prefix) return TermStep::kStop;
        return pattern.Matches(term) ? TermStep::kMatch : TermStep::kSkip;
      });
    }
    default: {
      TRAWL_ASSIGN_OR_RETURN(const TermRegex regex, TermRegex::Compile(text));
      return expand(regex.min(), [&](std::string_view term) {
        if (regex.max() && term > *regex.max()) return TermStep::kStop;
        return regex.Matches(term) ? TermStep::kMatch : TermStep::kSkip;
      });
    }
  }
}

absl::StatusOr<std::unique_ptr<Weight>> CreateFuzzyWeight(const QueryNode& node,
                                                          const Snapshot& snapshot,
                                                          const Bm25Params& params, float boost) {
  TRAWL_ASSIGN_OR_RETURN(uint32_t field, TermFieldOf(snapshot, node.field, false));
  if (node.max_edits > kMaxFuzzyEdits) {
    return absl::InvalidArgumentError(absl::StrCat("fuzzy query '", node.terms[0], "' asks for ",
                                                   node.max_edits, " edits; at most ",
                                                   kMaxFuzzyEdits, " are supported"));
  }
  TRAWL_RETURN_IF_ERROR(CheckPatternLength(absl::StrCat("fuzzy term '", node.terms[0], "'"),
                                           node.terms[0]));
  TRAWL_ASSIGN_OR_RETURN(std::vector<FuzzyMatch> matches, FuzzyMatches(node, snapshot, field));
  // The closest first (highest boost), then in term order, as Lucene's
  // TopTermsRewrite keeps them.
  auto closer = [](const FuzzyMatch& a, const FuzzyMatch& b) {
    return a.boost != b.boost ? a.boost > b.boost : a.term < b.term;
  };
  size_t keep = std::min(matches.size(), kFuzzyMaxTerms);
  std::partial_sort(matches.begin(), matches.begin() + static_cast<ptrdiff_t>(keep),
                    matches.end(), closer);
  matches.resize(keep);
  // Lucene's blended frequencies: every term scores with the largest
  // document frequency among them, so a rare misspelling does not outrank
  // the common word it resembles.
  uint64_t blended_df = 0;
  for (const FuzzyMatch& m : matches) blended_df = std::max(blended_df, m.doc_freq);
  const FieldTotals totals = TotalsOf(snapshot, field);
  std::vector<std::unique_ptr<Weight>> terms;
  for (const FuzzyMatch& m : matches) {
    auto weight = MakeTermWeight(field, TermLookup(segment::TermKey(field, m.term)),
                                 StatsOf(blended_df, totals, boost * m.boost, params));
    Query term = Query::Term(node.field, m.term);
    weight->set_query(m.boost == 1.0f ? term : Query::Boost(term, m.boost));
    terms.push_back(std::move(weight));
  }
  return MakeDisjunctionWeight(std::move(terms));
}

}  // namespace trawl::search
