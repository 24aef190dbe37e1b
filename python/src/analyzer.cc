// Analyzer: text to terms, as the index sees it.
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bindings.h"
#include "status.h"
#include "trawl/analyzer.h"
#include "values.h"

namespace trawl::python {
namespace {

std::unique_ptr<Analyzer> MakeNamed(const std::string& name) {
  return Unwrap(MakeAnalyzer(name));
}

// Every token of `text` as (text, position, start, end); start/end are str
// indices into `text`.
py::list TokensOf(const Analyzer& analyzer, const std::string& text) {
  std::vector<OwnedToken> tokens = WithoutGil([&] { return analyzer.Tokens(text); });
  py::list out;
  uint32_t byte = 0, chars = 0;  // tokens ascend, so offsets convert incrementally
  auto to_chars = [&](uint32_t offset) {
    if (offset < byte) byte = chars = 0;
    chars += CharOffset(std::string_view(text).substr(byte), offset - byte);
    byte = offset;
    return chars;
  };
  for (const OwnedToken& t : tokens) {
    uint32_t start = to_chars(t.start_offset);
    uint32_t end = to_chars(t.end_offset);
    out.append(py::make_tuple(Utf8ToStr(t.text), t.position, start, end));
  }
  return out;
}

}  // namespace

void BindAnalyzer(py::module_& m) {
  py::class_<Analyzer>(m, "Analyzer", R"doc(
Turns text into terms: the same analyzer runs over a field's text at indexing
and over the query text aimed at that field, so both meet on the same terms.

    trawl.Analyzer("english").tokens("Ukraine's leaders")
    # [('ukrain', 0, 0, 9), ('leader', 1, 10, 17)]

Safe to use from many threads at once.)doc")
      .def(py::init(&MakeNamed), py::arg("name"), R"doc(
The named analyzer: "standard", "english", "keyword", "whitespace", or one per
Snowball language ("german", "french", "russian", ...); see analyzer_names().
Raises InvalidArgumentError for an unknown name.)doc")
      .def("tokens", &TokensOf, py::arg("text"), R"doc(
Every token of `text`, in order, as (text, position, start, end) tuples.
Positions are 0-based (a removed stop word leaves a gap); text[start:end] is
the source word. Never fails: invalid UTF-8 is treated as U+FFFD.)doc")
      .def_property_readonly("name", &Analyzer::name,
                             "The analyzer's name, e.g. 'english'.")
      .def("__repr__",
           [](const Analyzer& a) { return absl::StrCat("Analyzer('", a.name(), "')"); });
  m.def("analyzer_names", &AnalyzerNames, "Every name Analyzer() accepts.");
}

}  // namespace trawl::python
