#include "status.h"

#include <string>

namespace trawl::python {

void ThrowIfError(const absl::Status& status, std::string_view context) {
  if (status.ok()) return;
  py::object make = py::module_::import("trawl.errors").attr("error_from_status");
  py::object error = make(absl::StatusCodeToString(status.code()),
                          std::string(status.message()), std::string(context));
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  throw py::error_already_set();
}

}  // namespace trawl::python
