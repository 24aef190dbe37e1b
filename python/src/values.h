// values.h — Python values <-> the text a trawl::Document holds.
//
// The one converter between dicts and Documents: the writer's add(),
// add_many(), update() and delete() all go through it, and every document
// returned by a searcher comes back through DocumentToDict().
#ifndef TRAWL_PYTHON_VALUES_H_
#define TRAWL_PYTHON_VALUES_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trawl/document.h"

namespace trawl::python {

namespace py = pybind11;

// The text form of one field value: str as is; bool as "true"/"false"; int
// in decimal; float as repr() (round-trips); datetime.date as YYYY-MM-DD;
// datetime.datetime as YYYY-MM-DDTHH:MM:SS, with "Z" after conversion to UTC
// when it has a time zone. Raises TypeError naming `field` for anything
// else. Requires the GIL.
std::string ValueToText(py::handle value, const std::string& field);

// std::nullopt for None, else ValueToText(value, field): an endpoint of a
// range, where None is unbounded. Requires the GIL.
std::optional<std::string> OptionalValueToText(py::handle value, const std::string& field);

// A Document from a mapping of field name -> value or list/tuple of values
// (one Document value each, in order). None values are skipped. Raises
// TypeError for a non-str key or an unsupported value, and
// InvalidArgumentError for a str with no UTF-8 form (a lone surrogate);
// with `position`, their messages start with "document <position>: ".
// Requires the GIL.
Document DocumentFromDict(py::handle mapping, std::optional<uint64_t> position = std::nullopt);

// Field name -> one interned str, so that the dicts made for many
// documents share their keys (and their hashes) instead of decoding each
// name per document. Holds at most kMaxNames names; past that, names are
// decoded per call. Not thread-safe: use it with the GIL held.
class FieldNames {
 public:
  static constexpr size_t kMaxNames = 256;

  // `name` as a str: a new reference.
  py::str Get(std::string_view name);

 private:
  std::vector<std::pair<std::string, py::str>> names_;
};

// The fields of `doc` as a dict: field -> str, or list of str when the
// field has several values (in the document's order). Keys come from
// `names`. Requires the GIL.
py::dict DocumentToDict(const Document& doc, FieldNames& names);

// `text` decoded as UTF-8, invalid bytes replaced by U+FFFD (ASCII text is
// copied without decoding). Requires the GIL.
py::str Utf8ToStr(std::string_view text);

// The code-point index in `text` of byte offset `byte_offset`, so that byte
// ranges from the C++ library become Python str indices.
uint32_t CharOffset(std::string_view text, uint32_t byte_offset);

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_VALUES_H_
