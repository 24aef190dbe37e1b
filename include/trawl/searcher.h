// trawl/searcher.h — ranked search over one point-in-time view of an index.
//
//   trawl::SearchOptions options;
//   options.k = 10;
//   options.snippet_fields = {"body"};
//   auto results = searcher->Search("zelensky davos", options);
//   for (const trawl::Hit& hit : results->hits) { ... hit.score, hit.document ... }
//
// Scores are BM25 as Lucene computes it (idf = ln(1 + (N - df + 0.5) /
// (df + 0.5)), lengths quantized to one byte per document), summed over the
// matching clauses. Ties are broken by document order.
#ifndef TRAWL_SEARCHER_H_
#define TRAWL_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "trawl/document.h"
#include "trawl/query.h"
#include "trawl/query_parser.h"
#include "trawl/schema.h"
#include "trawl/snippet.h"

namespace trawl {

// Where a document lives in the searcher's view; valid only for the
// Searcher that returned it.
struct DocAddress {
  uint32_t segment = 0;
  uint32_t doc = 0;
  friend bool operator==(const DocAddress&, const DocAddress&) = default;
};

struct Hit {
  DocAddress address;
  float score = 0;
  Document document;              // stored fields (when load_documents)
  std::vector<Snippet> snippets;  // for SearchOptions::snippet_fields
};

struct SearchOptions {
  size_t k = 10;
  float k1 = 1.2f;
  float b = 0.75f;
  // Count every match exactly. When false the top k are found with
  // block-max pruning (much faster for broad queries) and total_hits is
  // only a lower bound.
  bool exact_total = true;
  bool load_documents = true;
  std::vector<std::string> snippet_fields;
  SnippetOptions snippet_options;
  QueryParserOptions parser_options;  // for the query-text overload
};

struct SearchResults {
  std::vector<Hit> hits;      // best first
  uint64_t total_hits = 0;    // live documents that matched
  bool total_is_exact = true; // false: total_hits is a lower bound
};

class Searcher {
 public:
  virtual ~Searcher() = default;

  // The top `options.k` live documents matching `query`. Safe to call from
  // many threads at once.
  virtual absl::StatusOr<SearchResults> Search(
      const Query& query, const SearchOptions& options = {}) const = 0;

  // Parses `query_text` with ParseQuery() first; a syntax error comes back
  // as InvalidArgument with its position.
  virtual absl::StatusOr<SearchResults> Search(
      std::string_view query_text, const SearchOptions& options = {}) const = 0;

  // How many live documents match.
  virtual absl::StatusOr<uint64_t> Count(const Query& query) const = 0;

  // The stored fields of one document.
  virtual absl::StatusOr<Document> GetDocument(DocAddress address) const = 0;

  // Live documents in this view.
  virtual uint64_t num_documents() const = 0;
  virtual const Schema& schema() const = 0;
};

}  // namespace trawl

#endif  // TRAWL_SEARCHER_H_
