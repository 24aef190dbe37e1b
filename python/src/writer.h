// writer.h — the Python IndexWriter: a C++ IndexWriter behind a mutex.
#ifndef TRAWL_PYTHON_WRITER_H_
#define TRAWL_PYTHON_WRITER_H_

#include <pybind11/pybind11.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <atomic>
#include <mutex>
#include <thread>
#include <string>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "searcher.h"
#include "trawl/index_writer.h"
#include "trawl/schema.h"

namespace trawl::python {

namespace py = pybind11;

// Owns the index's one writer until close(). Every call into the C++ writer
// runs with the GIL released and under `mu_`, so Python threads may share a
// writer (their calls take turns) without racing inside the library.
class PyWriter {
 public:
  PyWriter(std::unique_ptr<IndexWriter> writer, Schema schema)
      : writer_(std::move(writer)), schema_(std::move(schema)) {}

  void Add(py::handle doc);
  uint64_t AddMany(py::iterable docs, size_t batch_size);
  uint64_t AddFiles(py::object paths, const std::string& format, bool lenient);
  void Update(py::handle doc);
  void Delete(py::handle id);
  void DeleteTerm(const std::string& field, py::handle value);
  void DeleteQuery(const QueryArg& query);
  void Commit();
  void Rollback();
  void ForceMerge(size_t max_segments, py::object progress);
  void WaitForMerges();
  uint64_t pending();
  bool closed();
  // Discards what is uncommitted and releases the index's lock. Idempotent.
  void Close();
  // Commits (no exception) or rolls back (an exception), then closes.
  void Exit(py::handle exc_type);

 private:
  // Runs `f` on the writer, GIL released, under `mu_`. Fails with
  // FailedPrecondition once the writer is closed.
  absl::Status Run(absl::FunctionRef<absl::Status(IndexWriter&)> f);
  // FailedPrecondition inside force_merge's progress callback, whose thread
  // holds `mu_`: a call back into the writer would deadlock.
  absl::Status CheckNotReporting() const;

  std::mutex mu_;
  std::atomic<std::thread::id> reporting_thread_{};
  std::unique_ptr<IndexWriter> writer_;  // null once closed
  const Schema schema_;
};

}  // namespace trawl::python

#endif  // TRAWL_PYTHON_WRITER_H_
