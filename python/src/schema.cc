// Schema and Field: which fields an index has and how each is indexed.
#include <pybind11/stl.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bindings.h"
#include "status.h"
#include "trawl/schema.h"

namespace trawl::python {
namespace {

std::string TypeName(const FieldSpec& f) { return std::string(FieldTypeName(f.type)); }

std::string FieldRepr(const FieldSpec& f) {
  std::string out = absl::StrCat("Field(name='", f.name, "', type='", TypeName(f),
                                 "', stored=", f.stored ? "True" : "False");
  if (f.type == FieldType::kText) {
    absl::StrAppend(&out, ", analyzer='", f.analyzer, "', boost=", f.boost);
  }
  if (f.default_search) absl::StrAppend(&out, ", default_search=True");
  return out + ")";
}

std::string SchemaRepr(const Schema& s) {
  std::string out = absl::StrCat(
      "Schema([", absl::StrJoin(s.fields(), ", ", [](std::string* o, const FieldSpec& f) {
        absl::StrAppend(o, FieldRepr(f));
      }), "]");
  if (!s.id_field().empty()) absl::StrAppend(&out, ", id_field='", s.id_field(), "'");
  return out + ")";
}

// Adds `spec` to the Schema `self` and returns `self`, for chaining.
py::object AddField(py::object self, FieldSpec spec) {
  ThrowIfError(self.cast<Schema&>().AddField(std::move(spec)));
  return self;
}

// A field of one of the column types (keyword aside), which take no options.
py::object AddColumn(py::object self, std::string name, FieldType type, bool stored) {
  return AddField(std::move(self), {.name = std::move(name), .type = type, .stored = stored});
}

void BindField(py::module_& m) {
  py::class_<FieldSpec>(m, "Field", "One field of a Schema (read-only).")
      .def_readonly("name", &FieldSpec::name, "The field's name ([A-Za-z0-9_.-]).")
      .def_property_readonly(
          "type", &TypeName,
          "'text', 'keyword', 'date', 'i64', 'f64' or 'stored'.")
      .def_readonly("stored", &FieldSpec::stored, "Returned with hits.")
      .def_readonly("analyzer", &FieldSpec::analyzer, "Text fields: the analyzer name.")
      .def_readonly("default_search", &FieldSpec::default_search,
                    "Searched by bare query words.")
      .def_readonly("boost", &FieldSpec::boost, "Weight of this field in default search.")
      .def("__eq__", [](const FieldSpec& a, const FieldSpec& b) { return a == b; },
           py::is_operator())
      .def("__repr__", &FieldRepr);
}

}  // namespace

void BindSchema(py::module_& m) {
  BindField(m);
  py::class_<Schema>(m, "Schema", R"doc(
Which fields an index has and how each is indexed; a builder.

    schema = (trawl.Schema()
              .add_keyword("id").add_text("body", default_search=True)
              .set_id_field("id"))

A schema is fixed when the index is created and stored in every commit.
Every add_* method fails with InvalidArgumentError for an empty or duplicate
name, a name with characters other than [A-Za-z0-9_.-], an unknown analyzer
or more than 255 fields, and returns the schema itself.)doc")
      .def(py::init<>(), "An empty schema.")
      .def_static("default", &Schema::Default, R"doc(
The schema of the news and JSONL corpora (what the CLI uses): `id` (keyword,
unique), `title` and `body` (text, standard analyzer, default search, title
boosted 2x), `date` (date), `source` (keyword).)doc")
      .def("add_text",
           [](py::object self, std::string name, bool stored, std::string analyzer,
              bool default_search, float boost) {
             return AddField(std::move(self), {.name = std::move(name),
                                               .type = FieldType::kText,
                                               .stored = stored,
                                               .analyzer = std::move(analyzer),
                                               .default_search = default_search,
                                               .boost = boost});
           },
           py::arg("name"), py::kw_only(), py::arg("stored") = true,
           py::arg("analyzer") = "standard", py::arg("default_search") = false,
           py::arg("boost") = 1.0f,
           "Adds an analyzed text field (term frequencies and positions; BM25-scored). "
           "`analyzer` is an analyzer_names() name; `boost` weighs the field in default "
           "search.")
      .def("add_keyword",
           [](py::object self, std::string name, bool stored, bool default_search) {
             return AddField(std::move(self), {.name = std::move(name),
                                               .type = FieldType::kKeyword,
                                               .stored = stored,
                                               .default_search = default_search});
           },
           py::arg("name"), py::kw_only(), py::arg("stored") = true,
           py::arg("default_search") = false,
           "Adds a keyword field: the whole value is one exact term (ids, tags, sources).")
      .def("add_date",
           [](py::object self, std::string name, bool stored) {
             return AddColumn(std::move(self), std::move(name), FieldType::kDate, stored);
           },
           py::arg("name"), py::kw_only(), py::arg("stored") = true,
           "Adds a date field: 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS[Z]' (or a "
           "datetime.date / datetime.datetime); a fast column.")
      .def("add_i64",
           [](py::object self, std::string name, bool stored) {
             return AddColumn(std::move(self), std::move(name), FieldType::kI64, stored);
           },
           py::arg("name"), py::kw_only(), py::arg("stored") = true,
           "Adds a signed 64-bit integer field; a fast column.")
      .def("add_f64",
           [](py::object self, std::string name, bool stored) {
             return AddColumn(std::move(self), std::move(name), FieldType::kF64, stored);
           },
           py::arg("name"), py::kw_only(), py::arg("stored") = true,
           "Adds a double field; a fast column.")
      .def("add_stored",
           [](py::object self, std::string name) {
             return AddColumn(std::move(self), std::move(name), FieldType::kStored, true);
           },
           py::arg("name"), "Adds a field kept with the document, not searchable.")
      .def("set_id_field",
           [](py::object self, const std::string& name) {
             ThrowIfError(self.cast<Schema&>().SetIdField(name));
             return self;
           },
           py::arg("name"),
           "Declares the unique-id field used by IndexWriter.update() and delete(id=...). "
           "It must be a keyword field (else InvalidArgumentError).")
      .def_property_readonly("fields", &Schema::fields, "The fields, in order (list of Field).")
      .def_property_readonly(
          "id_field",
          [](const Schema& s) -> py::object {
            return s.id_field().empty() ? py::object(py::none()) : py::str(s.id_field());
          },
          "The unique-id field's name, or None.")
      .def("__contains__",
           [](const Schema& s, const std::string& name) { return s.Find(name) != nullptr; })
      .def("__len__", [](const Schema& s) { return s.fields().size(); })
      .def("__eq__", [](const Schema& a, const Schema& b) { return a == b; }, py::is_operator())
      .def("__repr__", &SchemaRepr);
}

}  // namespace trawl::python
