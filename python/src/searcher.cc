#include "searcher.h"

#include <pybind11/stl.h>

#include <string_view>

#include "absl/strings/str_cat.h"
#include "bindings.h"
#include "hit.h"
#include "status.h"
#include "trawl/query_parser.h"
#include "trawl/schema.h"
#include "values.h"

namespace trawl::python {
namespace {

using py::literals::operator""_a;

// The seconds since 1970 of datetime.datetime's first and last second (years
// 1 and 9999); date columns may hold year 0, which datetime cannot.
constexpr int64_t kMinDatetime = -62135596800;
constexpr int64_t kMaxDatetime = 253402300799;

// `snippets`: None, one field name, or a list of them.
std::vector<std::string> SnippetFields(const py::object& snippets) {
  if (snippets.is_none()) return {};
  if (py::isinstance<py::str>(snippets)) return {snippets.cast<std::string>()};
  return snippets.cast<std::vector<std::string>>();
}

// Hit::sort_value as the natural Python value of a `type` field.
py::object SortValue(const std::optional<int64_t>& value, FieldType type) {
  if (!value) return py::none();
  if (type == FieldType::kF64) return py::float_(SortValueToDouble(*value));
  if (type != FieldType::kDate || *value < kMinDatetime || *value > kMaxDatetime) {
    return py::int_(*value);
  }
  py::module_ datetime = py::module_::import("datetime");
  py::object utc = datetime.attr("timezone").attr("utc");
  py::object epoch = datetime.attr("datetime")(1970, 1, 1, "tzinfo"_a = utc);
  return epoch + datetime.attr("timedelta")("seconds"_a = *value);
}

// The address of a Hit or of a (segment, doc) tuple; std::nullopt for
// anything else.
std::optional<DocAddress> AddressOf(py::handle key) {
  if (IsHit(key)) return KeyOf(key).address;
  if (!py::isinstance<py::tuple>(key)) return std::nullopt;
  try {
    const auto [segment, doc] = key.cast<Address>();
    return DocAddress{segment, doc};
  } catch (const py::cast_error&) {
    throw py::type_error("an address is a (segment, doc) tuple of two ints");
  }
}

const char* FacetKindName(FacetKind kind) {
  switch (kind) {
    case FacetKind::kTerms: return "terms";
    case FacetKind::kDateHistogram: return "date_histogram";
    case FacetKind::kRanges: return "ranges";
  }
  return "?";
}

PyFacet MakeFacet(std::string field, FacetKind kind, const std::optional<std::string>& name) {
  PyFacet facet;
  facet.name = name.value_or(field);
  facet.request.field = std::move(field);
  facet.request.kind = kind;
  return facet;
}

PyFacet TermsFacet(std::string field, size_t size, const std::optional<std::string>& name) {
  PyFacet facet = MakeFacet(std::move(field), FacetKind::kTerms, name);
  facet.request.size = size;
  return facet;
}

PyFacet HistogramFacet(std::string field, const std::string& interval,
                       const std::optional<std::string>& name) {
  PyFacet facet = MakeFacet(std::move(field), FacetKind::kDateHistogram, name);
  if (interval == "day") {
    facet.request.interval = DateInterval::kDay;
  } else if (interval == "month") {
    facet.request.interval = DateInterval::kMonth;
  } else if (interval == "year") {
    facet.request.interval = DateInterval::kYear;
  } else {
    ThrowIfError(absl::InvalidArgumentError(absl::StrCat(
        "interval must be 'day', 'month' or 'year', got '", interval, "'")));
  }
  return facet;
}

PyFacet RangesFacet(std::string field, const py::iterable& ranges,
                    const std::optional<std::string>& name) {
  PyFacet facet = MakeFacet(std::move(field), FacetKind::kRanges, name);
  const std::string& f = facet.request.field;
  for (py::handle item : ranges) {
    const bool sequence = PyTuple_Check(item.ptr()) || PyList_Check(item.ptr());
    const size_t n = sequence ? py::len(item) : 0;
    if (n != 2 && n != 3) {
      ThrowIfError(absl::InvalidArgumentError(
          "each range is a (from, to) or (label, from, to) tuple"));
    }
    auto range = py::reinterpret_borrow<py::sequence>(item);
    FacetRange r;
    if (n == 3) {
      if (!py::isinstance<py::str>(range[0])) throw py::type_error("a range's label must be a str");
      r.label = range[0].cast<std::string>();
    }
    r.from = OptionalValueToText(range[n - 2], f);
    r.to = OptionalValueToText(range[n - 1], f);
    facet.request.ranges.push_back(std::move(r));
  }
  return facet;
}

std::string FacetRepr(const PyFacet& f) {
  const FacetRequest& r = f.request;
  std::string out = absl::StrCat("<Facet ", FacetKindName(r.kind), " '", r.field, "'");
  switch (r.kind) {
    case FacetKind::kTerms:
      absl::StrAppend(&out, " size=", r.size);
      break;
    case FacetKind::kDateHistogram:
      absl::StrAppend(&out, r.interval == DateInterval::kDay     ? " day"
                            : r.interval == DateInterval::kMonth ? " month"
                                                                 : " year");
      break;
    case FacetKind::kRanges:
      absl::StrAppend(&out, " (", r.ranges.size(), " ranges)");
      break;
  }
  if (f.name != r.field) absl::StrAppend(&out, " name='", f.name, "'");
  return out + ">";
}

// Adds `facets` (None, one item or a list of them: a field name, for a terms
// facet of 10 values, or a Facet) to `args`. Raises InvalidArgumentError when
// two facets share a name: results are keyed by it.
void AddFacets(const py::object& facets, SearchArgs& args) {
  if (facets.is_none()) return;
  auto add = [&](py::handle item) {
    PyFacet facet;
    if (py::isinstance<py::str>(item)) {
      facet = TermsFacet(item.cast<std::string>(), 10, std::nullopt);
    } else if (py::isinstance<PyFacet>(item)) {
      facet = item.cast<PyFacet>();
    } else {
      throw py::type_error(absl::StrCat("a facet is a field name or a trawl.Facet, got ",
                                        Py_TYPE(item.ptr())->tp_name));
    }
    for (const std::string& name : args.facet_names) {
      if (name == facet.name) {
        ThrowIfError(absl::InvalidArgumentError(absl::StrCat(
            "two facets named '", name, "': give one another name with name=...")));
      }
    }
    args.facet_names.push_back(std::move(facet.name));
    args.options.facets.push_back(std::move(facet.request));
  };
  if (py::isinstance<py::str>(facets) || py::isinstance<PyFacet>(facets)) {
    add(facets);
    return;
  }
  for (py::handle item : facets) add(item);
}

PyResults SearchWith(const PySearcher& self, const QueryArg& query, size_t k,
                     std::optional<QueryArg> filter, std::optional<std::string> sort,
                     bool descending, const py::object& facets, const py::object& snippets,
                     const py::object& search_after, std::optional<uint64_t> total_hits_threshold,
                     bool load_docs, double k1, double b) {
  if (descending && !sort) {
    ThrowIfError(absl::InvalidArgumentError("descending=True needs a sort field"));
  }
  SearchArgs args;
  args.filter = std::move(filter);
  SearchOptions& options = args.options;
  options.k = k;
  options.k1 = static_cast<float>(k1);
  options.b = static_cast<float>(b);
  options.sort_by = sort.value_or("");
  options.sort_descending = descending;
  options.load_documents = load_docs;
  if (!search_after.is_none()) {
    if (!IsHit(search_after)) {
      throw py::type_error(absl::StrCat("search_after must be a Hit, got ",
                                        Py_TYPE(search_after.ptr())->tp_name));
    }
    const HitKey& key = KeyOf(search_after);
    options.search_after = SearchCursor{key.score, key.sort_value, key.address};
  }
  // With no hits to rank, pruning has nothing to gain: k = 0 asks for the
  // count, so it is exact.
  options.total_hits_threshold = k == 0 ? SearchOptions::kExactTotal
                                        : total_hits_threshold.value_or(SearchOptions::kExactTotal);
  options.snippet_fields = SnippetFields(snippets);
  AddFacets(facets, args);
  return self.Search(query, args);
}

py::list Highlights(const PySnippet& s) {
  py::list out;
  for (const auto& [begin, end] : s.snippet.highlights) {
    out.append(py::make_tuple(CharOffset(s.snippet.text, begin), CharOffset(s.snippet.text, end)));
  }
  return out;
}

py::list Buckets(const FacetResult& r) {
  py::list out;
  for (const FacetBucket& bucket : r.buckets) {
    out.append(py::make_tuple(Utf8ToStr(bucket.label), bucket.count));
  }
  return out;
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

void BindFacets(py::module_& m) {
  py::class_<PyFacet>(m, "Facet", R"doc(
A facet to count over every match of a search (not only the k best). Pass a
list of them (or of field names: a terms facet of 10 values) as
Searcher.search(facets=...); each result comes back in Results.facets under
the facet's name, which is its field unless name= says otherwise.

    facets=["source",
            trawl.Facet.date_histogram("date", "month"),
            trawl.Facet.ranges("date", [("early", None, "2026-01-17"),
                                        ("late", "2026-01-17", None)],
                               name="period")])doc")
      .def_static("terms", &TermsFacet, py::arg("field"), py::arg("size") = 10, py::kw_only(),
                  py::arg("name") = py::none(), R"doc(
The `size` most frequent values of a keyword field, most frequent first (ties
by value).)doc")
      .def_static("date_histogram", &HistogramFacet, py::arg("field"),
                  py::arg("interval") = "day", py::kw_only(), py::arg("name") = py::none(),
                  R"doc(
Matches per day, month or year (`interval`) of a date field, in time order,
non-empty buckets only, labelled "2026-01-31", "2026-01" or "2026".)doc")
      .def_static("ranges", &RangesFacet, py::arg("field"), py::arg("ranges"), py::kw_only(),
                  py::arg("name") = py::none(), R"doc(
Matches per range of a date, i64 or f64 field, in the order given. Each range
is (from, to) or (label, from, to) and counts values v with from <= v < to;
None is unbounded. Endpoints are str as the field's values are written
("2026-01-01", "42", "0.5"), int, float, datetime.date or datetime.datetime.
Without a label a bucket is labelled "from..to".)doc")
      .def_readonly("name", &PyFacet::name, "The key of this facet's result in Results.facets.")
      .def_property_readonly("field", [](const PyFacet& f) { return f.request.field; },
                             "The field counted.")
      .def_property_readonly("kind", [](const PyFacet& f) { return FacetKindName(f.request.kind); },
                             "'terms', 'date_histogram' or 'ranges'.")
      .def("__repr__", &FacetRepr);
  py::class_<FacetResult>(m, "FacetResult", R"doc(
The counts of one facet. `dict(result.buckets)` maps labels to counts.)doc")
      .def_readonly("field", &FacetResult::field, "The field counted.")
      .def_property_readonly("kind", [](const FacetResult& r) { return FacetKindName(r.kind); },
                             "'terms', 'date_histogram' or 'ranges'.")
      .def_property_readonly("buckets", &Buckets, R"doc(
(label, count) pairs. terms: the values, most frequent first (ties by value);
date_histogram: in time order, non-empty buckets only; ranges: in request
order.)doc")
      .def_readonly("other", &FacetResult::other,
                    "terms: the counts of the values beyond the `size` returned, summed.")
      .def_readonly("missing", &FacetResult::missing, "Matches without a value of the field.")
      .def("__repr__", [](const FacetResult& r) {
        return absl::StrCat("FacetResult(field='", r.field, "', kind='", FacetKindName(r.kind),
                            "', buckets=", py::repr(Buckets(r)).cast<std::string>(),
                            ", other=", r.other, ", missing=", r.missing, ")");
      });
}

void BindExplanation(py::module_& m) {
  py::class_<Explanation>(m, "Explanation", R"doc(
Why a document scores what it does: a tree whose root value is the score
search() gives the document, each node's value computed from its details
(BM25 per term: idf, tf, freq, length, avgdl, k1, b, boost). str() renders
one node per line, details indented by two spaces:
"1.234 = weight(body:davos) [BM25], product of:".)doc")
      .def_readonly("value", &Explanation::value, "This node's value (the root's: the score).")
      .def_readonly("match", &Explanation::match, "Whether the document matches.")
      .def_property_readonly("description",
                             [](const Explanation& e) { return Utf8ToStr(e.description); },
                             "What this node computes.")
      .def_readonly("details", &Explanation::details, "The nodes this value is computed from.")
      .def("__str__", [](const Explanation& e) { return Utf8ToStr(e.ToString()); })
      .def("__repr__", [](const Explanation& e) {
        return absl::StrCat("Explanation(value=", e.value, ", match=", e.match ? "True" : "False",
                            ", description=",
                            py::repr(Utf8ToStr(e.description)).cast<std::string>(), ")");
      });
}

void BindResults(py::module_& m) {
  py::class_<PyResults>(m, "Results", "The best hits of a search, best first.")
      .def_property_readonly(
          "hits", [](const PyResults& r) { return py::list(r.hits.attr("copy")()); },
          "The hits, best first (ties in document order): a new list.")
      .def_readonly("total", &PyResults::total,
                    "How many live documents matched (a lower bound unless total_is_exact).")
      .def_readonly("total_is_exact", &PyResults::total_is_exact, R"doc(
Whether `total` is the exact count. False only when more documents matched
than search(total_hits_threshold=...) and the rest were skipped by pruning.)doc")
      .def_readonly("facets", &PyResults::facets,
                    "Facet name -> FacetResult, in the order search(facets=...) asked.")
      .def("__len__", [](const PyResults& r) { return r.hits.size(); })
      .def("__iter__", [](const PyResults& r) { return py::iter(r.hits); })
      .def("__getitem__",
           [](const PyResults& r, py::ssize_t i) -> py::object {
             const auto n = static_cast<py::ssize_t>(r.hits.size());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("hit index out of range");
             return r.hits[static_cast<size_t>(i)];
           })
      .def("__repr__", [](const PyResults& r) {
        return absl::StrCat("<Results total", r.total_is_exact ? "=" : ">=", r.total,
                            " hits=", r.hits.size(), ">");
      });
}

// Searcher.search's docstring; the first lines are its signature for
// inspect.signature() and help().
constexpr char kSearchDoc[] = R"doc(search($self, query, *, k=10, filter=None, sort=None, descending=False, facets=None, snippets=None, search_after=None, total_hits_threshold=1000, load_docs=True, k1=1.2, b=0.75)
--

The top `k` live documents matching `query`, as Results.

`query` is a Query, or query text parsed with parse_query() against the
schema's default_search fields (a syntax error raises QuerySyntaxError with
its position).

`filter` (a Query or query text) must match too but adds nothing to the
scores: the search runs Bool(must=[query], filter=[filter]).

`sort` orders by a date, i64 or f64 field instead of by score, smallest value
first (largest with `descending`); documents without a value come last either
way, ties in document order. Each Hit then has a .sort_value. Another field
raises InvalidArgumentError.

`facets` (see Facet) are counted over every match, into Results.facets; an
unknown field or one of the wrong type raises InvalidArgumentError.

`snippets` names stored text fields (one name or a list) to cut snippets
from.

`search_after` is the last Hit of the previous page: only the hits after it
in the result order come back. It needs this searcher and the same query,
filter, sort and descending.

`total_hits_threshold`: matches are counted exactly up to this many; past it
the top k are found with block-max pruning (much faster for broad queries)
and Results.total is only a lower bound (Results.total_is_exact says which).
None counts every match. Sorting, facets or k=0 count every match anyway, so
the count is then exact.

`load_docs=False` skips reading the hits' stored fields (each hit otherwise
decompresses a block of them): Hit.doc is then empty and Hit.id None, and
searcher.doc(hit) fetches a document when it is needed.

`k1` and `b` are the BM25 parameters (InvalidArgumentError unless k1 >= 0 and
0 <= b <= 1).)doc";

// Searcher.search's parameters, in order; only `query` may be positional.
enum SearchParam {
  kQuery, kK, kFilter, kSort, kDescending, kFacets, kSnippets, kSearchAfter,
  kThreshold, kLoadDocs, kK1, kB, kSearchParams,
};
constexpr const char* kSearchParamNames[kSearchParams] = {
    "query", "k", "filter", "sort", "descending", "facets", "snippets", "search_after",
    "total_hits_threshold", "load_docs", "k1", "b",
};
PyObject* search_param_strs[kSearchParams];  // interned once, kept for the process

// A str as UTF-8; InvalidArgumentError for one with no UTF-8 form (a lone
// surrogate).
std::string StrArg(py::handle value, const char* param) {
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (utf8 == nullptr) {
    PyErr_Clear();
    ThrowIfError(absl::InvalidArgumentError(
        absl::StrCat(param, " is a str that is not valid Unicode (a lone surrogate)")));
  }
  return std::string(utf8, static_cast<size_t>(size));
}

QueryArg ToQueryArg(py::handle value, const char* param) {
  if (PyUnicode_Check(value.ptr())) return StrArg(value, param);
  try {
    return value.cast<Query>();
  } catch (const py::cast_error&) {
    throw py::type_error(absl::StrCat(param, " must be query text (str) or a trawl.Query, got ",
                                      Py_TYPE(value.ptr())->tp_name));
  }
}

uint64_t ToCount(py::handle value, const char* param) {
  if (PyLong_Check(value.ptr())) {
    const unsigned long long n = PyLong_AsUnsignedLongLong(value.ptr());
    if (!(n == static_cast<unsigned long long>(-1) && PyErr_Occurred())) return n;
    PyErr_Clear();
  }
  throw py::type_error(absl::StrCat(param, " must be an int >= 0, got ",
                                    py::repr(value).cast<std::string>()));
}

double ToDouble(py::handle value, const char* param) {
  const double d = PyFloat_AsDouble(value.ptr());
  if (d == -1.0 && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::type_error(absl::StrCat(param, " must be a float, got ",
                                      Py_TYPE(value.ptr())->tp_name));
  }
  return d;
}

bool ToBool(py::handle value) {
  const int truth = PyObject_IsTrue(value.ptr());
  if (truth < 0) throw py::error_already_set();
  return truth != 0;
}

// Searcher.search as a METH_FASTCALL | METH_KEYWORDS method: pybind11's
// dispatcher interns the names of all 12 parameters on every call that
// passes keywords, which cost more than converting the hits of a top-10
// search (callgrind). Arguments are checked as pybind11 checked them.
PyObject* FastSearch(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  try {
    PyObject* values[kSearchParams] = {};
    if (nargs > 1) {
      throw py::type_error(absl::StrCat("search() takes 1 positional argument but ", nargs,
                                        " were given"));
    }
    if (nargs == 1) values[kQuery] = args[0];
    const Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t i = 0; i < nkw; ++i) {
      PyObject* name = PyTuple_GET_ITEM(kwnames, i);
      int found = -1;
      for (int p = 0; p < kSearchParams && found < 0; ++p) {
        if (name == search_param_strs[p]) found = p;
      }
      for (int p = 0; p < kSearchParams && found < 0; ++p) {
        if (PyUnicode_Compare(name, search_param_strs[p]) == 0) found = p;
      }
      if (found < 0) {
        throw py::type_error(absl::StrCat("search() got an unexpected keyword argument ",
                                          py::repr(name).cast<std::string>()));
      }
      if (values[found] != nullptr) {
        throw py::type_error(absl::StrCat("search() got multiple values for argument '",
                                          kSearchParamNames[found], "'"));
      }
      values[found] = args[nargs + i];
    }
    if (values[kQuery] == nullptr) {
      throw py::type_error("search() missing 1 required argument: 'query'");
    }
    auto given = [&](SearchParam p) {
      return values[p] != nullptr && values[p] != Py_None;
    };
    const PySearcher& searcher = py::handle(self).cast<const PySearcher&>();
    QueryArg query = ToQueryArg(values[kQuery], "query");
    std::optional<QueryArg> filter;
    if (given(kFilter)) filter = ToQueryArg(values[kFilter], "filter");
    std::optional<std::string> sort;
    if (given(kSort)) {
      if (!PyUnicode_Check(values[kSort])) throw py::type_error("sort must be a field name (str)");
      sort = StrArg(values[kSort], "sort");
    }
    std::optional<uint64_t> threshold = 1000;
    if (values[kThreshold] != nullptr) {
      threshold = values[kThreshold] == Py_None
                      ? std::nullopt
                      : std::optional<uint64_t>(ToCount(values[kThreshold], "total_hits_threshold"));
    }
    const auto or_none = [&](SearchParam p) {
      return values[p] == nullptr ? py::none() : py::reinterpret_borrow<py::object>(values[p]);
    };
    PyResults results = SearchWith(
        searcher, query, values[kK] == nullptr ? 10 : ToCount(values[kK], "k"), std::move(filter),
        std::move(sort), values[kDescending] != nullptr && ToBool(values[kDescending]),
        or_none(kFacets), or_none(kSnippets), or_none(kSearchAfter), threshold,
        values[kLoadDocs] == nullptr || ToBool(values[kLoadDocs]),
        values[kK1] == nullptr ? 1.2 : ToDouble(values[kK1], "k1"),
        values[kB] == nullptr ? 0.75 : ToDouble(values[kB], "b"));
    return py::cast(std::move(results)).release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (py::builtin_exception& e) {
    e.set_error();
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

// Installs FastSearch as `searcher_class`.search.
void AddFastSearch(py::class_<PySearcher>& searcher_class) {
  for (int p = 0; p < kSearchParams; ++p) {
    search_param_strs[p] = PyUnicode_InternFromString(kSearchParamNames[p]);
    if (search_param_strs[p] == nullptr) throw py::error_already_set();
  }
  static PyMethodDef def = {
      "search",
      reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(&FastSearch)),
      METH_FASTCALL | METH_KEYWORDS,
      kSearchDoc,
  };
  PyObject* method =
      PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(searcher_class.ptr()), &def);
  if (method == nullptr) throw py::error_already_set();
  searcher_class.attr("search") = py::reinterpret_steal<py::object>(method);
}

}  // namespace

absl::StatusOr<Query> Resolve(const QueryArg& query, const Schema& schema) {
  if (const Query* q = std::get_if<Query>(&query)) return *q;
  return ParseQuery(std::get<std::string>(query), schema);
}

PyResults PySearcher::Search(const QueryArg& query, const SearchArgs& args) const {
  SearchResults found = Unwrap(WithoutGil([&]() -> absl::StatusOr<SearchResults> {
    absl::StatusOr<Query> q = Resolve(query, searcher_->schema());
    if (!q.ok()) return q.status();
    if (!args.filter) return searcher_->Search(*q, args.options);
    absl::StatusOr<Query> filter = Resolve(*args.filter, searcher_->schema());
    if (!filter.ok()) return filter.status();
    return searcher_->Search(Query::Bool({{Occur::kMust, *q}, {Occur::kFilter, *filter}}),
                             args.options);
  }));
  const FieldSpec* sort = searcher_->schema().Find(args.options.sort_by);
  const FieldType sort_type = sort == nullptr ? FieldType::kStored : sort->type;
  PyResults out;
  out.total = found.total_hits;
  out.total_is_exact = found.total_is_exact;
  PyObject* hits = PyList_New(static_cast<Py_ssize_t>(found.hits.size()));
  if (hits == nullptr) throw py::error_already_set();
  out.hits = py::reinterpret_steal<py::list>(hits);
  for (size_t i = 0; i < found.hits.size(); ++i) {
    PyList_SET_ITEM(hits, static_cast<Py_ssize_t>(i),
                    ConvertHit(found.hits[i], sort_type).release().ptr());
  }
  for (size_t i = 0; i < found.facets.size(); ++i) {
    out.facets[py::str(args.facet_names[i])] = py::cast(std::move(found.facets[i]));
  }
  return out;
}

uint64_t PySearcher::Count(const QueryArg& query) const {
  return Unwrap(WithoutGil([&]() -> absl::StatusOr<uint64_t> {
    absl::StatusOr<Query> q = Resolve(query, searcher_->schema());
    if (!q.ok()) return q.status();
    return searcher_->Count(*q);
  }));
}

Explanation PySearcher::Explain(const QueryArg& query, py::handle hit_or_address, double k1,
                                double b) const {
  std::optional<DocAddress> address = AddressOf(hit_or_address);
  if (!address) throw py::type_error("explain() needs a Hit or a (segment, doc) address");
  SearchOptions options;
  options.k1 = static_cast<float>(k1);
  options.b = static_cast<float>(b);
  return Unwrap(WithoutGil([&]() -> absl::StatusOr<Explanation> {
    absl::StatusOr<Query> q = Resolve(query, searcher_->schema());
    if (!q.ok()) return q.status();
    return searcher_->Explain(*q, *address, options);
  }));
}

py::dict PySearcher::Doc(py::handle key) const {
  if (std::optional<DocAddress> address = AddressOf(key)) {
    return DocumentToDict(Unwrap(WithoutGil([&] { return searcher_->GetDocument(*address); })),
                          names_);
  }
  const std::string& field = searcher_->schema().id_field();
  if (field.empty()) {
    ThrowIfError(absl::FailedPreconditionError("doc(id) needs a schema with an id field"));
  }
  const std::string id = ValueToText(key, field);
  return DocumentToDict(Unwrap(WithoutGil([&]() -> absl::StatusOr<Document> {
    SearchOptions options;
    options.k = 1;
    absl::StatusOr<SearchResults> found = searcher_->Search(Query::Term(field, id), options);
    if (!found.ok()) return found.status();
    if (found->hits.empty()) {
      return absl::NotFoundError(absl::StrCat("no document with ", field, " \"", id, "\""));
    }
    return std::move(found->hits[0].document);
  })), names_);
}

py::object PySearcher::ConvertHit(Hit& hit, FieldType sort_type) const {
  py::dict doc = DocumentToDict(hit.document, names_);
  // The id is the dict's str (the first one of a multi-valued field).
  py::object id = py::none();
  if (const std::string& id_field = searcher_->schema().id_field(); !id_field.empty()) {
    if (PyObject* value = PyDict_GetItemWithError(doc.ptr(), names_.Get(id_field).ptr())) {
      id = py::reinterpret_borrow<py::object>(PyList_CheckExact(value) ? PyList_GET_ITEM(value, 0)
                                                                        : value);
    } else if (PyErr_Occurred()) {
      throw py::error_already_set();
    }
  }
  py::object snippets;  // null when there are none: the Hit reads that as []
  if (!hit.snippets.empty()) {
    py::list list;
    for (Snippet& s : hit.snippets) {
      const std::string* value = hit.document.Get(s.field);
      const uint32_t start =
          value == nullptr ? s.start_offset : CharOffset(*value, s.start_offset);
      list.append(py::cast(PySnippet{std::move(s), start}));
    }
    snippets = std::move(list);
  }
  return MakeHit({hit.score, hit.address, hit.sort_value}, id, SortValue(hit.sort_value, sort_type),
                 doc, snippets);
}

void BindSearcher(py::module_& m) {
  BindHit(m);
  BindSnippet(m);
  BindFacets(m);
  BindExplanation(m);
  BindResults(m);
  py::class_<PySearcher> searcher(m, "Searcher", R"doc(
Ranked search over one point-in-time view of an index: it keeps seeing the
commit that was newest when it was made, however the index changes later.

Scores are BM25 as Lucene computes it, summed over the matching clauses; ties
are broken by document order. Safe to use from many threads at once: searches
run with the GIL released.)doc");
  AddFastSearch(searcher);
  searcher
      .def("count", &PySearcher::Count, py::arg("query"),
           "How many live documents match `query` (a Query or query text).")
      .def("explain", &PySearcher::Explain, py::arg("query"), py::arg("hit"), py::kw_only(),
           py::arg("k1") = 1.2, py::arg("b") = 0.75, R"doc(
How `query` (a Query or query text) scores the document of `hit` (a Hit of
this searcher, or its (segment, doc) address), as an Explanation whose value
is the score search() gives it with the same `k1` and `b`. A document that
does not match (or is deleted) gives match=False. Raises InvalidArgumentError
for an address outside this view.)doc")
      .def("doc", &PySearcher::Doc, py::arg("key"), R"doc(
The stored fields of one document as a dict. `key` is a (segment, doc)
address (a Hit.address of this searcher; InvalidArgumentError when out of
range), a Hit, or else a value of the schema's id field: the document whose
id equals it (NotFoundError when there is none; FailedPreconditionError
without an id field).)doc")
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
