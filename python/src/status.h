// status.h — the one path from absl::Status to a Python exception, and GIL
// helpers.
//
//   auto index = Unwrap(WithoutGil([&] { return trawl::Index::Open(path); }));
//
// Unwrap() and ThrowIfError() need the GIL: call them after WithoutGil()
// has returned, never inside it.
#ifndef TRAWL_PYTHON_STATUS_H_
#define TRAWL_PYTHON_STATUS_H_

#include <pybind11/pybind11.h>

#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace trawl::python {

namespace py = pybind11;

// What a failing call was doing, for trawl.errors.error_from_status().
inline constexpr std::string_view kParsing = "parse";

// Raises the exception trawl.errors.error_from_status() makes of `status`
// (as a pybind11::error_already_set); does nothing when `status` is OK.
// Requires the GIL.
void ThrowIfError(const absl::Status& status, std::string_view context = {});

// The value of `result`, or raises as ThrowIfError() does.
template <typename T>
T Unwrap(absl::StatusOr<T> result, std::string_view context = {}) {
  ThrowIfError(result.status(), context);
  return *std::move(result);
}

// Runs `f` with the GIL released and returns what it returns. `f` must not
// touch Python objects.
template <typename F>
auto WithoutGil(F&& f) {
  py::gil_scoped_release release;
  return std::forward<F>(f)();
}

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_STATUS_H_
