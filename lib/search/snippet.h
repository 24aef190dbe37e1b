// Snippets: the best fragment(s) of a field's text for a set of query terms.
#ifndef TRAWL_SEARCH_SNIPPET_H_
#define TRAWL_SEARCH_SNIPPET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "search/multi_term.h"
#include "search/regex.h"
#include "trawl/analyzer.h"
#include "trawl/query.h"
#include "trawl/snippet.h"

namespace trawl::search {

// What a query looks for in one field (negated clauses excluded): its
// terms and phrase words, and its prefix, wildcard and fuzzy patterns
// (a fuzzy pattern highlights every term within its edits, not only the
// 50 closest that score).
class QueryTermMatcher {
 public:
  QueryTermMatcher(const Query& query, std::string_view field);
  bool Matches(std::string_view term) const;
  bool empty() const {
    return exact_.empty() && prefixes_.empty() && wildcards_.empty() && regexes_.empty() &&
           fuzzy_.empty();
  }

 private:
  struct Fuzzy {
    std::u32string term;
    std::string prefix;  // the bytes of its first prefix_length code points
    uint32_t max_edits;
    bool transpositions;
  };
  void Collect(const Query& query, std::string_view field);

  absl::flat_hash_set<std::string> exact_;
  std::vector<std::string> prefixes_;
  std::vector<WildcardPattern> wildcards_;
  std::vector<TermRegex> regexes_;
  std::vector<Fuzzy> fuzzy_;
};

// Fragments of `text` with the most distinct matching terms (as
// `analyzer` sees them), best first; without a match, the start of the
// text.
std::vector<Snippet> MakeSnippets(std::string_view field, std::string_view text,
                                  const Analyzer& analyzer, const QueryTermMatcher& terms,
                                  const SnippetOptions& options);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_SNIPPET_H_
