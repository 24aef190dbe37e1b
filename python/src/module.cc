// The trawl._trawl extension module. The Pythonic surface is re-exported by
// python/trawl/__init__.py; errors are made by python/trawl/errors.py.
#include <pybind11/pybind11.h>

#include "bindings.h"

PYBIND11_MODULE(_trawl, m) {
  m.doc() = "Bindings of the trawl C++ full-text search library.";
  // Classes first that later signatures name.
  trawl::python::BindSchema(m);
  trawl::python::BindQuery(m);
  trawl::python::BindAnalyzer(m);
  trawl::python::BindWriter(m);
  trawl::python::BindSearcher(m);
  trawl::python::BindIndex(m);
}
