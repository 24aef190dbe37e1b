// searcher.h — the Python Searcher and the result objects it returns.
#ifndef TRAWL_PYTHON_SEARCHER_H_
#define TRAWL_PYTHON_SEARCHER_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "trawl/query.h"
#include "trawl/searcher.h"
#include "trawl/snippet.h"

namespace trawl::python {

namespace py = pybind11;

// Query text (parsed with the schema's default fields) or a Query.
using QueryArg = std::variant<Query, std::string>;
using Address = std::pair<uint32_t, uint32_t>;  // (segment, doc)

// A snippet with its offset converted to str indices of the field's value.
struct PySnippet {
  Snippet snippet;
  uint32_t start = 0;
};

struct PyHit {
  float score = 0;
  py::object id;   // the id field's value, or None
  py::dict doc;
  std::vector<PySnippet> snippets;
  Address address;
};

struct PyResults {
  std::vector<PyHit> hits;
  uint64_t total = 0;
};

// A Searcher over one commit. Thread-safe; searches run without the GIL.
class PySearcher {
 public:
  explicit PySearcher(std::unique_ptr<Searcher> searcher) : searcher_(std::move(searcher)) {}

  PyResults Search(const QueryArg& query, size_t k, const py::object& snippets, double k1,
                   double b) const;
  uint64_t Count(const QueryArg& query) const;
  py::dict Doc(Address address) const;
  const Searcher& searcher() const { return *searcher_; }

 private:
  std::unique_ptr<const Searcher> searcher_;
};

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_SEARCHER_H_
