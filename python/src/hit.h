// hit.h — trawl.Hit: a CPython type rather than a pybind11 class.
//
// A search makes one Hit per result, and callers read .doc, .id and .score
// of each: as a plain C type a Hit costs one allocation to make and a struct
// read per attribute, where a pybind11 instance costs a registration, a
// holder and a dispatch per read.
#ifndef TRAWL_PYTHON_HIT_H_
#define TRAWL_PYTHON_HIT_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>

#include "trawl/collector.h"
#include "trawl/searcher.h"

namespace trawl::python {

namespace py = pybind11;

// Adds the type trawl._trawl.Hit to `m`. Called once, when the module loads.
void BindHit(py::module_& m);

// What a Hit holds besides its Python values.
struct HitKey {
  float score = 0;
  DocAddress address;
  std::optional<int64_t> sort_value;  // as the sort column holds it (SearchCursor)
};

// A new Hit. `id`, `sort_value` and `doc` are stored as given (new
// references are taken); `snippets` may be empty (null), read as an empty
// list. Requires the GIL and BindHit() to have run.
py::object MakeHit(const HitKey& key, py::handle id, py::handle sort_value, py::handle doc,
                   py::handle snippets);

// Whether `object` is a Hit.
bool IsHit(py::handle object);

// The key a Hit was made with. Requires IsHit(hit).
const HitKey& KeyOf(py::handle hit);

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_HIT_H_
