#include "writer.h"

#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <thread>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bindings.h"
#include "status.h"
#include "trawl/document.h"
#include "trawl/parse.h"
#include "values.h"

namespace trawl::python {
namespace {

// `paths` (one str/bytes/os.PathLike, or an iterable of them) as file names.
std::vector<std::string> PathList(const py::object& paths) {
  py::object fsdecode = py::module_::import("os").attr("fsdecode");
  std::vector<std::string> out;
  const bool single = py::isinstance<py::str>(paths) || py::isinstance<py::bytes>(paths) ||
                      py::hasattr(paths, "__fspath__");
  if (single) {
    out.push_back(fsdecode(paths).cast<std::string>());
    return out;
  }
  for (py::handle p : paths) out.push_back(fsdecode(p).cast<std::string>());
  return out;
}

// `status` with the number of the document of a batch it is about.
absl::Status AtDocument(const absl::Status& status, uint64_t n) {
  return absl::Status(status.code(), absl::StrCat("document ", n, ": ", status.message()));
}

// Reads every document of `source` into `writer`, counting them in `added`.
// Sets `parsing` when the source failed (rather than the writer).
absl::Status Drain(DocumentSource& source, IndexWriter& writer, uint64_t& added,
                   bool& parsing) {
  for (;;) {
    absl::StatusOr<std::optional<Document>> doc = source.Next();
    if (!doc.ok() || !doc->has_value()) {
      parsing = !doc.ok();
      return doc.status();
    }
    if (absl::Status s = writer.Add(**doc); !s.ok()) return s;
    ++added;
  }
}

}  // namespace

absl::Status PyWriter::CheckNotReporting() const {
  if (reporting_thread_.load() != std::this_thread::get_id()) return absl::OkStatus();
  return absl::FailedPreconditionError("the writer cannot be used from force_merge's progress callback");
}

absl::Status PyWriter::Run(absl::FunctionRef<absl::Status(IndexWriter&)> f) {
  if (absl::Status s = CheckNotReporting(); !s.ok()) return s;
  return WithoutGil([&]() -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    if (writer_ == nullptr) return absl::FailedPreconditionError("the writer is closed");
    return f(*writer_);
  });
}

void PyWriter::Add(py::handle doc) {
  Document d = DocumentFromDict(doc);
  ThrowIfError(Run([&](IndexWriter& w) { return w.Add(d); }));
}

uint64_t PyWriter::AddMany(py::iterable docs, size_t batch_size) {
  if (batch_size == 0) batch_size = 1;
  uint64_t added = 0;
  std::vector<Document> batch;
  batch.reserve(std::min<size_t>(batch_size, 4096));
  // Adds the batch with the GIL released. With indexing threads, Add()
  // only queues a document, so the next batch is converted while the
  // workers index this one; a small batch keeps their queue from running
  // dry during a conversion.
  auto flush = [&] {
    if (batch.empty()) return;
    ThrowIfError(Run([&](IndexWriter& w) {
      for (const Document& d : batch) {
        if (absl::Status s = w.Add(d); !s.ok()) return AtDocument(s, added);
        ++added;
      }
      return absl::OkStatus();
    }));
    batch.clear();
  };
  for (py::handle doc : docs) {
    std::optional<Document> converted;
    try {
      converted = DocumentFromDict(doc, added + batch.size());
    } catch (...) {
      flush();  // the documents before the bad one are added
      throw;
    }
    batch.push_back(*std::move(converted));
    if (batch.size() >= batch_size) flush();
  }
  flush();
  return added;
}

uint64_t PyWriter::AddFiles(py::object paths, const std::string& format, bool lenient) {
  ParseOptions options;
  options.format = Unwrap(FormatFromName(format));
  options.lenient = lenient;
  std::vector<std::string> files = PathList(paths);
  uint64_t added = 0;
  bool parsing = false;
  absl::Status status = Run([&](IndexWriter& w) -> absl::Status {
    absl::StatusOr<std::unique_ptr<DocumentSource>> source = OpenDocuments(files, options);
    if (!source.ok()) {
      parsing = true;
      return source.status();
    }
    return Drain(**source, w, added, parsing);
  });
  ThrowIfError(status, parsing ? kParsing : std::string_view());
  return added;
}

void PyWriter::Update(py::handle doc) {
  Document d = DocumentFromDict(doc);
  ThrowIfError(Run([&](IndexWriter& w) { return w.Update(d); }));
}

void PyWriter::Delete(py::handle id) {
  if (schema_.id_field().empty()) {
    ThrowIfError(absl::FailedPreconditionError("delete(id=...) needs a schema with an id field"));
  }
  DeleteTerm(schema_.id_field(), id);
}

void PyWriter::DeleteTerm(const std::string& field, py::handle value) {
  std::string text = ValueToText(value, field);
  ThrowIfError(Run([&](IndexWriter& w) { return w.DeleteTerm(field, text); }));
}

void PyWriter::DeleteQuery(const QueryArg& query) {
  ThrowIfError(Run([&](IndexWriter& w) -> absl::Status {
    absl::StatusOr<Query> q = Resolve(query, schema_);
    return q.ok() ? w.DeleteQuery(*q) : q.status();
  }));
}

void PyWriter::Commit() {
  ThrowIfError(Run([](IndexWriter& w) { return w.Commit(); }));
}

void PyWriter::Rollback() {
  ThrowIfError(Run([](IndexWriter& w) { return w.Rollback(); }));
}

void PyWriter::ForceMerge(size_t max_segments, py::object progress) {
  if (progress.is_none()) {
    ThrowIfError(Run([&](IndexWriter& w) { return w.ForceMerge(max_segments); }));
    return;
  }
  // The merge cannot be stopped midway: the first exception `progress`
  // raises is kept and raised once the merge is done.
  std::optional<py::error_already_set> raised;
  auto report = [&](double done) {
    py::gil_scoped_acquire gil;
    if (raised) return;
    reporting_thread_ = std::this_thread::get_id();
    try {
      progress(done);
    } catch (py::error_already_set& e) {
      raised = std::move(e);
    }
    reporting_thread_ = std::thread::id();
  };
  absl::Status status = Run([&](IndexWriter& w) { return w.ForceMerge(max_segments, report); });
  if (raised) throw std::move(*raised);
  ThrowIfError(status);
}

void PyWriter::WaitForMerges() {
  ThrowIfError(Run([](IndexWriter& w) { return w.WaitForMerges(); }));
}

uint64_t PyWriter::pending() {
  uint64_t n = 0;
  ThrowIfError(Run([&](IndexWriter& w) {
    n = w.pending_documents();
    return absl::OkStatus();
  }));
  return n;
}

bool PyWriter::closed() {
  ThrowIfError(CheckNotReporting());
  return WithoutGil([&] {
    std::lock_guard<std::mutex> lock(mu_);
    return writer_ == nullptr;
  });
}

void PyWriter::Close() {
  ThrowIfError(CheckNotReporting());
  WithoutGil([&] {
    std::lock_guard<std::mutex> lock(mu_);
    writer_.reset();
  });
}

void PyWriter::Exit(py::handle exc_type) {
  ThrowIfError(CheckNotReporting());
  const bool commit = exc_type.is_none();
  absl::Status status = WithoutGil([&]() -> absl::Status {
    std::lock_guard<std::mutex> lock(mu_);
    if (writer_ == nullptr) return absl::OkStatus();  // closed inside the block
    absl::Status s = commit ? writer_->Commit() : writer_->Rollback();
    writer_.reset();
    return s;
  });
  // A failed rollback must not hide the exception that caused it.
  if (commit) ThrowIfError(status);
}

void BindWriter(py::module_& m) {
  py::class_<PyWriter>(m, "IndexWriter", R"doc(
The one writer of an index: adds, replaces and deletes documents.

    with index.writer() as w:      # commits on normal exit,
        w.add({"id": "a", "body": "text"})   # rolls back on an exception
        w.add_many(dicts)

Documents added are invisible to searchers until commit() returns; a commit
is atomic and durable (it survives a crash or power loss). Closing a writer
without commit() discards what it buffered, like rollback(). Python threads
may share a writer: their calls take turns, with the GIL released while the
library works.

Document values are str, int, float, bool, datetime.date, datetime.datetime,
or a list of those (one value each: a multi-valued field); None is skipped.
The schema decides what a field means; fields it does not name are ignored.)doc")
      .def("add", &PyWriter::Add, py::arg("doc"), R"doc(
Buffers `doc` (a dict of field -> value). Raises InvalidArgumentError for a
value its field cannot hold (a bad date, a non-numeric i64), naming the field;
the document is then not added. Raises TypeError for an unsupported value.)doc")
      .def("add_many", &PyWriter::AddMany, py::arg("docs"), py::kw_only(),
           py::arg("batch_size") = 128, R"doc(
Buffers every dict of the iterable `docs`; returns how many were added. Dicts
are converted `batch_size` at a time with the GIL held, then the batch is
added with the GIL released (with indexing threads, the next batch is
converted while they index this one). Stops at the first bad document: its
index in `docs` starts the message (TypeError for a value of an unsupported
type, InvalidArgumentError for one its field cannot hold or a str that is not
valid Unicode); the documents before it are added and stay pending.)doc")
      .def("add_files", &PyWriter::AddFiles, py::arg("paths"), py::kw_only(),
           py::arg("format") = "auto", py::arg("lenient") = false, R"doc(
Parses files and folders (recursively, in sorted order) and buffers their
documents; returns how many were added. `paths` is one path or a list of
them; ".gz" and ".zst" files are decompressed on the fly. `format` is "auto"
(by extension, then content), "news", "jsonl", "trec", "html" or "text".
With `lenient`, a JSONL line that is not a JSON object is skipped.

Raises NotFoundError for a missing path and ParseError (with .line where the
input has lines) for malformed input; documents before the error stay
pending. Runs with the GIL released.)doc")
      .def("update", &PyWriter::Update, py::arg("doc"), R"doc(
Adds `doc` and, at the next commit, deletes every older document with the
same unique id. Needs a schema with an id field (else
FailedPreconditionError).)doc")
      .def("delete", &PyWriter::Delete, py::arg("id"), R"doc(
At the next commit, deletes every document (older than this call) whose id
field holds exactly `id`. Needs a schema with an id field (else
FailedPreconditionError).)doc")
      .def("delete_term", &PyWriter::DeleteTerm, py::arg("field"), py::arg("value"), R"doc(
At the next commit, deletes every document (older than this call) whose
keyword `field` holds exactly `value`.)doc")
      .def("delete_query", &PyWriter::DeleteQuery, py::arg("query"), R"doc(
At the next commit, deletes every document (older than this call) that
`query` matches: a trawl.Query, or query text parsed as Searcher.search
parses it. Raises QuerySyntaxError for broken text and InvalidArgumentError
for a query the index cannot run (an unknown field, a prefix expanding to
too many terms).)doc")
      .def("commit", &PyWriter::Commit, R"doc(
Makes everything since the last commit visible and durable, and hands the
merges it calls for to a background thread.)doc")
      .def("wait_for_merges", &PyWriter::WaitForMerges, R"doc(
Blocks until the background merges are committed; raises the first error
one of them met since the last call.)doc")
      .def("rollback", &PyWriter::Rollback, "Forgets everything since the last commit.")
      .def("force_merge", &PyWriter::ForceMerge, py::arg("max_segments") = 1,
           py::arg("progress") = py::none(), R"doc(
Commits, then merges the index down to at most `max_segments` segments (each
holding a contiguous run of the old ones, so document order is kept), drops
deleted documents, and commits again. Searchers opened earlier keep their
view. `progress`, if given, is called now and then with the share done (a
float from 0 to 1); an exception it raises is raised once the merge is done.
Raises InvalidArgumentError when max_segments is 0.)doc")
      .def("close", &PyWriter::Close, R"doc(
Discards what is uncommitted and releases the index's lock, so another writer
may open. Idempotent; any later call but close() raises
FailedPreconditionError.)doc")
      .def_property_readonly("pending", &PyWriter::pending,
                             "Documents added since the last commit.")
      .def_property_readonly("closed", &PyWriter::closed, "Whether close() has run.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__",
           [](PyWriter& w, py::handle type, py::handle, py::handle) {
             w.Exit(type);
             return false;
           },
           "Commits when the block ends normally, rolls back when it raises; then closes.")
      .def("__repr__", [](PyWriter& w) -> std::string {
        if (w.closed()) return "<IndexWriter closed>";
        return absl::StrCat("<IndexWriter pending=", w.pending(), ">");
      });
}

}  // namespace trawl::python
