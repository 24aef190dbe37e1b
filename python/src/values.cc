#include "values.h"

// datetime.h defines a per-translation-unit PyDateTimeAPI; it is imported
// lazily in ValueToText().
#include <datetime.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace trawl::python {
namespace {

std::string DateText(PyObject* date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", PyDateTime_GET_YEAR(date),
                PyDateTime_GET_MONTH(date), PyDateTime_GET_DAY(date));
  return buf;
}

// A datetime in UTC when it is aware, as is when it is naive.
std::string DateTimeText(py::handle value) {
  py::object dt = py::reinterpret_borrow<py::object>(value);
  const bool aware = !dt.attr("tzinfo").is_none();
  if (aware) {
    dt = dt.attr("astimezone")(py::module_::import("datetime").attr("timezone").attr("utc"));
  }
  PyObject* p = dt.ptr();
  char buf[24];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d%s", PyDateTime_DATE_GET_HOUR(p),
                PyDateTime_DATE_GET_MINUTE(p), PyDateTime_DATE_GET_SECOND(p),
                aware ? "Z" : "");
  return DateText(p) + buf;
}

bool IsSequence(py::handle value) {
  return PyList_Check(value.ptr()) || PyTuple_Check(value.ptr());
}

// Appends `value` (or each item of a list/tuple) to `doc` as `field`.
void AddValues(const std::string& field, py::handle value, Document& doc) {
  if (value.is_none()) return;
  if (!IsSequence(value)) {
    doc.Add(field, ValueToText(value, field));
    return;
  }
  for (py::handle item : value) {
    if (!item.is_none()) doc.Add(field, ValueToText(item, field));
  }
}

}  // namespace

std::string ValueToText(py::handle value, const std::string& field) {
  if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
  PyObject* p = value.ptr();
  if (PyUnicode_Check(p)) return value.cast<std::string>();
  if (PyBool_Check(p)) return p == Py_True ? "true" : "false";
  if (PyLong_Check(p)) return py::str(value).cast<std::string>();
  if (PyFloat_Check(p)) return py::repr(value).cast<std::string>();
  if (PyIndex_Check(p)) return py::str(py::int_(py::reinterpret_borrow<py::object>(value))).cast<std::string>();  // numpy ints
  if (PyDateTime_Check(p)) return DateTimeText(value);
  if (PyDate_Check(p)) return DateText(p);
  throw py::type_error(absl::StrCat("field \"", field, "\": cannot index a value of type ",
                                    Py_TYPE(p)->tp_name,
                                    " (expected str, int, float, bool, date or datetime)"));
}

std::optional<std::string> OptionalValueToText(py::handle value, const std::string& field) {
  if (value.is_none()) return std::nullopt;
  return ValueToText(value, field);
}

Document DocumentFromDict(py::handle mapping) {
  if (!PyDict_Check(mapping.ptr()) && !py::hasattr(mapping, "items")) {
    throw py::type_error(absl::StrCat("expected a dict of field -> value, got ",
                                      Py_TYPE(mapping.ptr())->tp_name));
  }
  py::object items = PyDict_Check(mapping.ptr())
                         ? py::reinterpret_borrow<py::dict>(mapping).attr("items")()
                         : mapping.attr("items")();
  Document doc;
  for (py::handle item : items) {
    py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
    if (!PyUnicode_Check(pair[0].ptr())) {
      throw py::type_error(absl::StrCat("field names must be str, got ",
                                        Py_TYPE(pair[0].ptr())->tp_name));
    }
    AddValues(pair[0].cast<std::string>(), pair[1], doc);
  }
  return doc;
}

py::str FieldNames::Get(std::string_view name) {
  for (const auto& [text, str] : names_) {
    if (text == name) return str;
  }
  py::str str = Utf8ToStr(name);
  if (names_.size() < kMaxNames) {
    PyObject* p = str.release().ptr();
    PyUnicode_InternInPlace(&p);
    str = py::reinterpret_steal<py::str>(p);
    names_.emplace_back(std::string(name), str);
  }
  return str;
}

py::dict DocumentToDict(const Document& doc, FieldNames& names) {
  py::dict out;
  PyObject* d = out.ptr();
  for (const auto& [field, value] : doc.fields()) {
    py::str key = names.Get(field);
    py::str text = Utf8ToStr(value);
    PyObject* old = PyDict_GetItemWithError(d, key.ptr());  // borrowed
    int failed = 0;
    if (old == nullptr) {
      if (PyErr_Occurred()) throw py::error_already_set();
      failed = PyDict_SetItem(d, key.ptr(), text.ptr());
    } else if (PyList_CheckExact(old)) {
      failed = PyList_Append(old, text.ptr());
    } else {
      PyObject* values = PyList_New(2);
      if (values == nullptr) throw py::error_already_set();
      Py_INCREF(old);
      PyList_SET_ITEM(values, 0, old);
      PyList_SET_ITEM(values, 1, text.release().ptr());
      failed = PyDict_SetItem(d, key.ptr(), values);
      Py_DECREF(values);
    }
    if (failed != 0) throw py::error_already_set();
  }
  return out;
}

namespace {

bool IsAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t high = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    high |= word;
  }
  for (; n > 0; ++p, --n) high |= static_cast<unsigned char>(*p);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

py::str Utf8ToStr(std::string_view text) {
  const auto size = static_cast<Py_ssize_t>(text.size());
  PyObject* s;
  if (size > 1 && IsAscii(text)) {  // 0 and 1 characters: CPython's shared strs
    s = PyUnicode_New(size, 127);
    if (s != nullptr) std::memcpy(PyUnicode_DATA(s), text.data(), text.size());
  } else {
    s = PyUnicode_DecodeUTF8(text.data(), size, "replace");
  }
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

uint32_t CharOffset(std::string_view text, uint32_t byte_offset) {
  uint32_t chars = 0;
  const size_t end = std::min<size_t>(byte_offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

}  // namespace trawl::python
