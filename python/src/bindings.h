// bindings.h — the parts of the trawl._trawl module, one per source file.
#ifndef TRAWL_PYTHON_BINDINGS_H_
#define TRAWL_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace trawl::python {

namespace py = pybind11;

void BindSchema(py::module_& m);    // schema.cc: Schema, Field
void BindQuery(py::module_& m);     // query.cc: Query, Term, Phrase, ..., parse_query
void BindAnalyzer(py::module_& m);  // analyzer.cc: Analyzer, analyzer_names
void BindWriter(py::module_& m);    // writer.cc: IndexWriter
void BindSearcher(py::module_& m);  // searcher.cc: Searcher, Results, Hit, Snippet, Facet, ...
void BindIndex(py::module_& m);     // index.cc: Index, IndexStats, SegmentStats

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_BINDINGS_H_
