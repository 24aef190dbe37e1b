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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "trawl/collector.h"
#include "trawl/document.h"
#include "trawl/query.h"
#include "trawl/query_parser.h"
#include "trawl/schema.h"
#include "trawl/snippet.h"

namespace trawl {

struct Hit {
  DocAddress address;
  float score = 0;
  // With SearchOptions::sort_by: the document's value of that field as its
  // column holds it (dates: seconds since 1970-01-01 UTC; i64: the number;
  // f64: an integer in the numbers' order, see SortValueToDouble), or
  // std::nullopt when it has none.
  std::optional<int64_t> sort_value;
  Document document;              // stored fields (when load_documents)
  std::vector<Snippet> snippets;  // for SearchOptions::snippet_fields

  // The cursor to pass as SearchOptions::search_after for the next page.
  SearchCursor cursor() const { return {score, sort_value, address}; }
};

// The number behind Hit::sort_value when sorting by an f64 field.
double SortValueToDouble(int64_t sort_value);

struct SearchOptions {
  static constexpr uint64_t kExactTotal = UINT64_MAX;

  size_t k = 10;
  float k1 = 1.2f;
  float b = 0.75f;
  // Count matches exactly up to this many (as Lucene's totalHitsThreshold).
  // Past it the top k are found with block-max pruning, much faster for
  // broad queries, and total_hits is only a lower bound
  // (SearchResults::total_is_exact says which) unless the count was known
  // without counting (a term, or `+a b`, in segments without deletions).
  // kExactTotal counts every match; 0 prunes from the start. Sorting by a
  // field or asking for facets visits every match anyway, so the count is
  // then exact.
  uint64_t total_hits_threshold = 1000;
  // Order by this date, i64 or f64 field instead of by score; documents
  // without a value come last either way, ties in document order.
  std::string sort_by;
  bool sort_descending = false;  // with sort_by: largest value first
  // Only hits after this one (the last hit of the previous page) in the
  // result order; needs the same query and ordering options.
  std::optional<SearchCursor> search_after;
  // Facets over every match (not only the k best), one result each.
  std::vector<FacetRequest> facets;
  // A prefix, wildcard or term range expanding into more distinct terms
  // than this fails with InvalidArgument rather than running unbounded.
  size_t max_expansions = 1024;
  bool load_documents = true;
  std::vector<std::string> snippet_fields;
  SnippetOptions snippet_options;
  QueryParserOptions parser_options;  // for the query-text overload
};

struct SearchResults {
  std::vector<Hit> hits;      // best first
  uint64_t total_hits = 0;    // live documents that matched
  bool total_is_exact = true; // false: total_hits is a lower bound
  std::vector<FacetResult> facets;  // as SearchOptions::facets asked
};

// Why a document scores what it does: a tree whose root value is the score
// Search() gives the document, each node's value computed from its details
// (BM25 per term: idf, tf, freq, length, avgdl, k1, b, boost).
struct Explanation {
  bool match = false;
  float value = 0;
  std::string description;
  std::vector<Explanation> details;

  // One node per line, details indented by two spaces:
  // "1.234 = weight(body:davos) [BM25], product of:".
  std::string ToString() const;
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

  // How many live documents match (multi-term queries expanding under the
  // default SearchOptions::max_expansions).
  virtual absl::StatusOr<uint64_t> Count(const Query& query) const = 0;

  // How `query` scores the document at `address` (from a Hit of this
  // searcher), with the BM25 parameters and max_expansions of `options`.
  // A document that does not match (or is deleted) gives match = false.
  // Fails with OutOfRange for an address outside this view.
  virtual absl::StatusOr<Explanation> Explain(const Query& query, DocAddress address,
                                              const SearchOptions& options = {}) const = 0;

  // The stored fields of one document.
  virtual absl::StatusOr<Document> GetDocument(DocAddress address) const = 0;

  // Live documents in this view.
  virtual uint64_t num_documents() const = 0;
  virtual const Schema& schema() const = 0;
};

}  // namespace trawl

#endif  // TRAWL_SEARCHER_H_
