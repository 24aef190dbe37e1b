// Index: an index on disk or in memory; makes writers and searchers.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bindings.h"
#include "searcher.h"
#include "status.h"
#include "trawl/index.h"
#include "writer.h"

namespace trawl::python {
namespace {

struct PyIndex {
  std::unique_ptr<Index> index;
  std::string path;  // empty for an in-memory index
};

Schema OrDefault(const std::optional<Schema>& schema) {
  return schema ? *schema : Schema::Default();
}

PyIndex Create(const std::filesystem::path& path, const std::optional<Schema>& schema) {
  Schema s = OrDefault(schema);
  return {Unwrap(WithoutGil([&] { return Index::Create(path.string(), s); })), path.string()};
}

PyIndex Open(const std::filesystem::path& path) {
  return {Unwrap(WithoutGil([&] { return Index::Open(path.string()); })), path.string()};
}

PyIndex InMemory(const std::optional<Schema>& schema) {
  return {Unwrap(Index::InMemory(OrDefault(schema))), ""};
}

std::unique_ptr<PyWriter> NewWriter(PyIndex& self, double memory_mb, size_t threads,
                                    size_t merge_factor) {
  if (!(memory_mb > 0 && memory_mb < 1e9)) {
    ThrowIfError(absl::InvalidArgumentError(
        absl::StrCat("memory_mb must be positive, got ", memory_mb)));
  }
  WriterOptions options;
  options.memory_budget_bytes = static_cast<size_t>(memory_mb * (1 << 20));
  options.threads = threads;
  options.merge_factor = merge_factor;
  std::unique_ptr<IndexWriter> writer =
      Unwrap(WithoutGil([&] { return self.index->NewWriter(options); }));
  return std::make_unique<PyWriter>(std::move(writer), self.index->schema());
}

std::unique_ptr<PySearcher> NewSearcher(const PyIndex& self) {
  return std::make_unique<PySearcher>(
      Unwrap(WithoutGil([&] { return self.index->NewSearcher(); })));
}

// SegmentStats::component_bytes as a dict, in the library's order.
py::dict ComponentBytes(const SegmentStats& s) {
  py::dict out;
  for (const auto& [component, bytes] : s.component_bytes) out[py::str(component)] = bytes;
  return out;
}

void BindStats(py::module_& m) {
  py::class_<SegmentStats>(m, "SegmentStats", "What one segment of an index holds.")
      .def_readonly("name", &SegmentStats::name, "The segment's name.")
      .def_readonly("documents", &SegmentStats::documents, "Documents, deleted ones included.")
      .def_readonly("deleted", &SegmentStats::deleted, "Deleted documents.")
      .def_readonly("terms", &SegmentStats::terms, "Distinct terms, over all fields.")
      .def_readonly("file_bytes", &SegmentStats::file_bytes, "Size of the segment file.")
      .def_property_readonly("component_bytes", &ComponentBytes,
                             "Bytes per component: meta, terms, postings, positions, norms, "
                             "stored, fast.")
      .def("__repr__", [](const SegmentStats& s) {
        return absl::StrCat("SegmentStats(name='", s.name, "', documents=", s.documents,
                            ", deleted=", s.deleted, ", terms=", s.terms,
                            ", file_bytes=", s.file_bytes, ")");
      });
  py::class_<IndexStats>(m, "IndexStats", "What an index holds, per segment and in total.")
      .def_readonly("generation", &IndexStats::generation, "The commit described.")
      .def_readonly("documents", &IndexStats::documents, "Live documents.")
      .def_readonly("deleted", &IndexStats::deleted, "Deleted documents not yet merged away.")
      .def_readonly("segments", &IndexStats::segments, "SegmentStats of each segment, in order.")
      .def("__repr__", [](const IndexStats& s) {
        return absl::StrCat("IndexStats(generation=", s.generation, ", documents=", s.documents,
                            ", deleted=", s.deleted, ", segments=", s.segments.size(), ")");
      });
}

std::string IndexRepr(const PyIndex& self) {
  if (self.path.empty()) return "<Index in memory>";
  return absl::StrCat("<Index path=",
                      py::repr(py::str(self.path)).cast<std::string>(), ">");
}

}  // namespace

void BindIndex(py::module_& m) {
  BindStats(m);
  py::class_<PyIndex>(m, "Index", R"doc(
An index on disk (or in memory): open it, write to it, search it.

    index = trawl.Index.create("news-index")          # Schema.default()
    with index.writer() as w:
        w.add_files("seeds/")
    hits = index.searcher().search("zelensky davos")

Paths are str or os.PathLike. Errors: NotFoundError (no index at the path),
AlreadyExistsError (create over an index), CorruptIndexError (a damaged
index file), LockError (a second writer while one is open).)doc")
      .def_static("create", &Create, py::arg("path"), py::arg("schema") = py::none(), R"doc(
Creates an empty index (a first commit holding `schema`, default
Schema.default()) in folder `path`, making the folder if needed. Raises
AlreadyExistsError if it holds an index.)doc")
      .def_static("open", &Open, py::arg("path"),
                  "Opens the index in `path` at its newest commit. Raises NotFoundError when "
                  "there is none, CorruptIndexError for a damaged one.")
      .def_static("in_memory", &InMemory, py::arg("schema") = py::none(),
                  "An index that lives in memory only, gone when the last handle goes.")
      .def_property_readonly("schema", [](const PyIndex& self) { return self.index->schema(); },
                             "The index's schema (a copy).")
      .def_property_readonly(
          "path",
          [](const PyIndex& self) -> py::object {
            return self.path.empty() ? py::object(py::none()) : py::str(self.path);
          },
          "The index folder, or None in memory.")
      .def("writer", &NewWriter, py::kw_only(), py::arg("memory_mb") = 256.0,
           py::arg("threads") = 0, py::arg("merge_factor") = 10, py::keep_alive<0, 1>(), R"doc(
The one writer of this index; use it as a context manager. `threads`
indexing threads (0: one per core) share one memory budget of `memory_mb`;
buffered documents are written as a new segment once their estimated memory
reaches their share. After each commit, runs of `merge_factor` adjacent
segments of similar size are merged in a background thread (0: never).
Raises LockError while another writer (in this or another process) holds the
index's lock.)doc")
      .def("searcher", &NewSearcher, py::keep_alive<0, 1>(), R"doc(
A Searcher over the newest commit at the time of the call; it keeps seeing
that commit however the index changes later. Thread-safe.)doc")
      .def("stats",
           [](const PyIndex& self) {
             return Unwrap(WithoutGil([&] { return self.index->Stats(); }));
           },
           "Statistics of the newest commit, as IndexStats.")
      .def("check",
           [](const PyIndex& self) {
             ThrowIfError(WithoutGil([&] { return self.index->Check(); }));
           },
           R"doc(
Verifies the newest commit completely: every checksum, and every structure
decoded end to end (terms in order, postings in range and increasing, stored
documents readable). Raises CorruptIndexError naming the first problem.
Reads the whole index, with the GIL released.)doc")
      .def("__repr__", &IndexRepr);
}

}  // namespace trawl::python
