// Snippets: the best fragment(s) of a field's text for a set of query terms.
#ifndef TRAWL_SEARCH_SNIPPET_H_
#define TRAWL_SEARCH_SNIPPET_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "trawl/analyzer.h"
#include "trawl/query.h"
#include "trawl/snippet.h"

namespace trawl::search {

// The terms a query looks for in `field` (negated clauses excluded).
absl::flat_hash_set<std::string> QueryTerms(const Query& query, std::string_view field);

// Fragments of `text` with the most distinct `terms` (as `analyzer` sees
// them), best first; without a match, the start of the text.
std::vector<Snippet> MakeSnippets(std::string_view field, std::string_view text,
                                  const Analyzer& analyzer,
                                  const absl::flat_hash_set<std::string>& terms,
                                  const SnippetOptions& options);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_SNIPPET_H_
