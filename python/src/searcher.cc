#include "searcher.h"

#include <pybind11/stl.h>

#include <string_view>

#include "absl/strings/str_cat.h"
#include "bindings.h"
#include "status.h"
#include "trawl/query_parser.h"
#include "values.h"

namespace trawl::python {
namespace {

// `snippets`: None, one field name, or a list of them.
std::vector<std::string> SnippetFields(const py::object& snippets) {
  if (snippets.is_none()) return {};
  if (py::isinstance<py::str>(snippets)) return {snippets.cast<std::string>()};
  return snippets.cast<std::vector<std::string>>();
}

PyHit ConvertHit(Hit& hit, const std::string& id_field) {
  PyHit out;
  out.score = hit.score;
  out.address = {hit.address.segment, hit.address.doc};
  out.doc = DocumentToDict(hit.document);
  const std::string* id = id_field.empty() ? nullptr : hit.document.Get(id_field);
  out.id = id == nullptr ? py::object(py::none()) : Utf8ToStr(*id);
  for (Snippet& s : hit.snippets) {
    const std::string* value = hit.document.Get(s.field);
    const uint32_t start = value == nullptr ? s.start_offset : CharOffset(*value, s.start_offset);
    out.snippets.push_back({std::move(s), start});
  }
  return out;
}

py::list Highlights(const PySnippet& s) {
  py::list out;
  for (const auto& [begin, end] : s.snippet.highlights) {
    out.append(py::make_tuple(CharOffset(s.snippet.text, begin), CharOffset(s.snippet.text, end)));
  }
  return out;
}

std::string HitRepr(const PyHit& h) {
  return absl::StrCat("Hit(score=", h.score, ", id=", py::repr(h.id).cast<std::string>(),
                      ", address=(", h.address.first, ", ", h.address.second, "))");
}

void BindSnippet(py::module_& m) {
  py::class_<PySnippet>(m, "Snippet", "A fragment of a stored text field around the matched words.")
      .def_property_readonly("field", [](const PySnippet& s) { return s.snippet.field; },
                             "The field the snippet was cut from.")
      .def_property_readonly("text", [](const PySnippet& s) { return Utf8ToStr(s.snippet.text); },
                             "A fragment of the field's value.")
      .def_readonly("start", &PySnippet::start,
                    "Where `text` starts in the field's value (a str index).")
      .def_property_readonly("highlights", &Highlights,
                             "Matched words as [begin, end) str indices of `text`, ascending.")
      .def("marked",
           [](const PySnippet& s, std::string_view open, std::string_view close) {
             return Utf8ToStr(s.snippet.Marked(open, close));
           },
           py::arg("open") = "[", py::arg("close") = "]",
           "`text` with every highlight wrapped in `open` ... `close`.")
      .def("__repr__", [](const PySnippet& s) {
        return absl::StrCat("Snippet(field='", s.snippet.field, "', text=",
                            py::repr(Utf8ToStr(s.snippet.Marked())).cast<std::string>(), ")");
      });
}

void BindResults(py::module_& m) {
  py::class_<PyHit>(m, "Hit", "One matching document.")
      .def_readonly("score", &PyHit::score, "BM25 score, summed over the matching clauses.")
      .def_readonly("id", &PyHit::id, "The id field's value, or None.")
      .def_readonly("doc", &PyHit::doc,
                    "Stored fields: field -> str, or list of str for a multi-valued field.")
      .def_readonly("snippets", &PyHit::snippets, "Snippets of the requested fields.")
      .def_readonly("address", &PyHit::address,
                    "(segment, doc): where the document lives; valid only for this searcher.")
      .def("__repr__", &HitRepr);
  py::class_<PyResults>(m, "Results", "The best hits of a search, best first.")
      .def_readonly("hits", &PyResults::hits, "The hits, best first (ties in document order).")
      .def_readonly("total", &PyResults::total, "How many live documents matched.")
      .def("__len__", [](const PyResults& r) { return r.hits.size(); })
      .def("__iter__",
           [](const PyResults& r) { return py::make_iterator(r.hits.begin(), r.hits.end()); },
           py::keep_alive<0, 1>())
      .def("__getitem__",
           [](const PyResults& r, py::ssize_t i) {
             const auto n = static_cast<py::ssize_t>(r.hits.size());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("hit index out of range");
             return r.hits[static_cast<size_t>(i)];
           })
      .def("__repr__", [](const PyResults& r) {
        return absl::StrCat("<Results total=", r.total, " hits=", r.hits.size(), ">");
      });
}

}  // namespace

PyResults PySearcher::Search(const QueryArg& query, size_t k, const py::object& snippets,
                             double k1, double b) const {
  SearchOptions options;
  options.k = k;
  options.k1 = static_cast<float>(k1);
  options.b = static_cast<float>(b);
  options.snippet_fields = SnippetFields(snippets);
  SearchResults found = Unwrap(WithoutGil([&] {
    return std::visit([&](const auto& q) { return searcher_->Search(q, options); }, query);
  }));
  PyResults out;
  out.total = found.total_hits;
  for (Hit& hit : found.hits) out.hits.push_back(ConvertHit(hit, searcher_->schema().id_field()));
  return out;
}

uint64_t PySearcher::Count(const QueryArg& query) const {
  return Unwrap(WithoutGil([&]() -> absl::StatusOr<uint64_t> {
    if (const Query* q = std::get_if<Query>(&query)) return searcher_->Count(*q);
    absl::StatusOr<Query> parsed = ParseQuery(std::get<std::string>(query), searcher_->schema());
    if (!parsed.ok()) return parsed.status();
    return searcher_->Count(*parsed);
  }));
}

py::dict PySearcher::Doc(Address address) const {
  return DocumentToDict(Unwrap(WithoutGil(
      [&] { return searcher_->GetDocument({address.first, address.second}); })));
}

void BindSearcher(py::module_& m) {
  BindSnippet(m);
  BindResults(m);
  py::class_<PySearcher>(m, "Searcher", R"doc(
Ranked search over one point-in-time view of an index: it keeps seeing the
commit that was newest when it was made, however the index changes later.

Scores are BM25 as Lucene computes it, summed over the matching clauses; ties
are broken by document order. Safe to use from many threads at once: searches
run with the GIL released.)doc")
      .def("search", &PySearcher::Search, py::arg("query"), py::kw_only(), py::arg("k") = 10,
           py::arg("snippets") = py::none(), py::arg("k1") = 1.2, py::arg("b") = 0.75, R"doc(
The top `k` live documents matching `query`, as Results.

`query` is a Query, or query text parsed with parse_query() against the
schema's default_search fields (a syntax error raises QuerySyntaxError with
its position). `snippets` names stored text fields (one name or a list) to
cut snippets from. `k1` and `b` are the BM25 parameters (InvalidArgumentError
unless k1 >= 0 and 0 <= b <= 1).)doc")
      .def("count", &PySearcher::Count, py::arg("query"),
           "How many live documents match `query` (a Query or query text).")
      .def("doc", &PySearcher::Doc, py::arg("address"), R"doc(
The stored fields of the document at `address` (a Hit.address of this
searcher) as a dict. Raises InvalidArgumentError for an address out of range.)doc")
      .def_property_readonly("num_docs",
                             [](const PySearcher& s) { return s.searcher().num_documents(); },
                             "Live documents in this view.")
      .def_property_readonly("schema", [](const PySearcher& s) { return s.searcher().schema(); },
                             "The schema of the index (a copy).")
      .def("__repr__", [](const PySearcher& s) {
        return absl::StrCat("<Searcher num_docs=", s.searcher().num_documents(), ">");
      });
}

}  // namespace trawl::python
