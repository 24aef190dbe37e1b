// searcher.h — the Python Searcher and the result objects it returns.
#ifndef TRAWL_PYTHON_SEARCHER_H_
#define TRAWL_PYTHON_SEARCHER_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "trawl/collector.h"
#include "trawl/query.h"
#include "trawl/searcher.h"
#include "trawl/snippet.h"
#include "values.h"

namespace trawl::python {

namespace py = pybind11;

// Query text (parsed with the schema's default fields) or a Query.
using QueryArg = std::variant<Query, std::string>;

// `query` as a Query; text is parsed against `schema`. Needs no GIL.
absl::StatusOr<Query> Resolve(const QueryArg& query, const Schema& schema);
using Address = std::pair<uint32_t, uint32_t>;  // (segment, doc)

// A snippet with its offset converted to str indices of the field's value.
struct PySnippet {
  Snippet snippet;
  uint32_t start = 0;
};

// The results of one search. `hits` holds trawl.Hit objects (hit.h), made
// once when the search returns.
struct PyResults {
  py::list hits;
  uint64_t total = 0;
  bool total_is_exact = true;
  py::dict facets;  // name -> FacetResult, in request order
};

// One facet of a search: what to count, and the key of its result.
struct PyFacet {
  std::string name;
  FacetRequest request;
};

// What Search() needs besides the query, converted from Python arguments.
struct SearchArgs {
  std::optional<QueryArg> filter;
  SearchOptions options;
  std::vector<std::string> facet_names;  // one per options.facets
};

// A Searcher over one commit. Thread-safe; searches run without the GIL.
class PySearcher {
 public:
  explicit PySearcher(std::unique_ptr<Searcher> searcher) : searcher_(std::move(searcher)) {}

  PyResults Search(const QueryArg& query, const SearchArgs& args) const;
  uint64_t Count(const QueryArg& query) const;
  Explanation Explain(const QueryArg& query, py::handle hit_or_address, double k1,
                      double b) const;
  // `key`: a Hit or an address tuple, else a value of the id field.
  py::dict Doc(py::handle key) const;
  const Searcher& searcher() const { return *searcher_; }

 private:
  // Converts one hit of this searcher. Requires the GIL.
  py::object ConvertHit(Hit& hit, FieldType sort_type) const;

  std::unique_ptr<const Searcher> searcher_;
  // The keys of the dicts made for documents. Used with the GIL held only,
  // so threads sharing the searcher do not race on it.
  mutable FieldNames names_;
};

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_SEARCHER_H_
