#include "values.h"

// datetime.h defines a per-translation-unit PyDateTimeAPI; it is imported
// lazily in ValueToText().
#include <datetime.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "status.h"

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

// Thrown by StrText() for a str that has no UTF-8 form; the public
// functions turn it into InvalidArgumentError.
struct BadText {
  std::string message;
};

// `text` (a str) as UTF-8. ASCII strs are read in place; others through
// the str's cached UTF-8 form. A str CPython cannot encode (a lone
// surrogate) throws BadText naming `field`.
std::string_view StrText(PyObject* text, std::string_view field) {
  if (PyUnicode_IS_ASCII(text)) {
    return {static_cast<const char*>(PyUnicode_DATA(text)),
            static_cast<size_t>(PyUnicode_GET_LENGTH(text))};
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(text, &size);
  if (utf8 == nullptr) {
    PyErr_Clear();
    throw BadText{field.empty()
                      ? std::string("a field name that is not valid Unicode (a lone surrogate)")
                      : absl::StrCat("field \"", std::string(field),
                                     "\": a str that is not valid Unicode (a lone surrogate)")};
  }
  return {utf8, static_cast<size_t>(size)};
}

// Appends `value` (or each item of a list/tuple; None is skipped) to `doc`
// as `field`.
void AddValues(std::string_view field, PyObject* value, Document& doc) {
  if (value == Py_None) return;
  if (PyUnicode_Check(value)) {
    doc.Add(std::string(field), std::string(StrText(value, field)));
    return;
  }
  if (PyList_Check(value) || PyTuple_Check(value)) {
    // By index, holding each item: converting one may run Python code
    // (a __str__, a time zone) that changes the list.
    py::object sequence = py::reinterpret_borrow<py::object>(value);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(value); ++i) {
      py::object item = py::reinterpret_borrow<py::object>(PySequence_Fast_GET_ITEM(value, i));
      if (item.is_none()) continue;
      if (PyUnicode_Check(item.ptr())) {
        doc.Add(std::string(field), std::string(StrText(item.ptr(), field)));
      } else {
        doc.Add(std::string(field), ValueToText(item, std::string(field)));
      }
    }
    return;
  }
  doc.Add(std::string(field), ValueToText(value, std::string(field)));
}

// Adds one field of a mapping to `doc`.
void AddField(PyObject* key, PyObject* value, Document& doc) {
  if (!PyUnicode_Check(key)) {
    throw py::type_error(absl::StrCat("field names must be str, got ", Py_TYPE(key)->tp_name));
  }
  // The field name is copied before any Python code can run.
  const std::string field(StrText(key, ""));
  AddValues(field, value, doc);
}

}  // namespace

std::string ValueToText(py::handle value, const std::string& field) {
  if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
  PyObject* p = value.ptr();
  if (PyUnicode_Check(p)) {
    try {
      return std::string(StrText(p, field));
    } catch (const BadText& e) {
      ThrowIfError(absl::InvalidArgumentError(e.message));
    }
  }
  if (PyBool_Check(p)) return p == Py_True ? "true" : "false";
  if (PyLong_Check(p)) {
    int overflow = 0;
    const long long n = PyLong_AsLongLongAndOverflow(p, &overflow);
    if (overflow == 0 && !(n == -1 && PyErr_Occurred())) return absl::StrCat(n);
    PyErr_Clear();
    return py::str(value).cast<std::string>();
  }
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

namespace {

Document ConvertMapping(py::handle mapping) {
  PyObject* m = mapping.ptr();
  Document doc;
  if (PyDict_Check(m)) {
    Py_ssize_t pos = 0;
    PyObject* key;
    PyObject* value;
    while (PyDict_Next(m, &pos, &key, &value)) {
      // Held while converting: Python code run by a conversion may change
      // the dict.
      py::object k = py::reinterpret_borrow<py::object>(key);
      py::object v = py::reinterpret_borrow<py::object>(value);
      AddField(k.ptr(), v.ptr(), doc);
    }
    return doc;
  }
  if (!py::hasattr(mapping, "items")) {
    throw py::type_error(absl::StrCat("expected a dict of field -> value, got ",
                                      Py_TYPE(m)->tp_name));
  }
  for (py::handle item : mapping.attr("items")()) {
    py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
    AddField(pair[0].ptr(), pair[1].ptr(), doc);
  }
  return doc;
}

}  // namespace

Document DocumentFromDict(py::handle mapping, std::optional<uint64_t> position) {
  const auto where = [&] {
    return position ? absl::StrCat("document ", *position, ": ") : std::string();
  };
  try {
    return ConvertMapping(mapping);
  } catch (const BadText& e) {
    ThrowIfError(absl::InvalidArgumentError(absl::StrCat(where(), e.message)));
  } catch (const py::type_error& e) {
    if (!position) throw;
    throw py::type_error(absl::StrCat(where(), e.what()));
  }
  return Document();  // not reached: ThrowIfError raised
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
