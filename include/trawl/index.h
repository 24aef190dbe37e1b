// trawl/index.h — an index on disk (or in memory): open it, write to it,
// search it.
//
//   auto index = trawl::Index::Create("news-index", trawl::Schema::Default());
//   if (!index.ok()) return index.status();
//   auto writer = (*index)->NewWriter();
//   ... (*writer)->Add(doc); (*writer)->Commit();
//   auto searcher = (*index)->NewSearcher();
//   auto results = (*searcher)->Search("zelensky davos");
//
// Errors: NotFound (no index at the path), AlreadyExists (Create over an
// index), DataLoss (a damaged index file: the message starts "corruption"),
// FailedPrecondition (a second writer while one is open).
#ifndef TRAWL_INDEX_H_
#define TRAWL_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "trawl/index_writer.h"
#include "trawl/schema.h"
#include "trawl/searcher.h"

namespace trawl {

namespace internal {
class IndexState;
}  // namespace internal

// What an index holds, per segment and in total (`trawl stats`).
struct SegmentStats {
  std::string name;
  uint64_t documents = 0;  // including deleted
  uint64_t deleted = 0;
  uint64_t terms = 0;
  uint64_t file_bytes = 0;
  // Bytes per component: meta, terms, postings, positions, norms, stored, fast.
  std::vector<std::pair<std::string, uint64_t>> component_bytes;
};
struct IndexStats {
  uint64_t generation = 0;  // of the commit described
  uint64_t documents = 0;   // live
  uint64_t deleted = 0;
  std::vector<SegmentStats> segments;
};

class Index {
 public:
  // Creates an empty index (a first commit holding `schema`) in folder
  // `path`, making the folder if needed. Fails with AlreadyExists if it
  // holds an index.
  static absl::StatusOr<std::unique_ptr<Index>> Create(const std::string& path,
                                                       const Schema& schema);
  // Opens the index in `path` at its newest commit.
  static absl::StatusOr<std::unique_ptr<Index>> Open(const std::string& path);
  // An index that lives in memory only, gone when the last handle goes.
  static absl::StatusOr<std::unique_ptr<Index>> InMemory(const Schema& schema);

  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  const Schema& schema() const;

  // The one writer of this index. Fails with FailedPrecondition while
  // another writer (in this or another process) holds the index's lock.
  absl::StatusOr<std::unique_ptr<IndexWriter>> NewWriter(
      const WriterOptions& options = {});

  // Statistics of the newest commit.
  absl::StatusOr<IndexStats> Stats() const;

  // Verifies the newest commit completely: every checksum, and every
  // structure decoded end to end (terms in order, postings in range and
  // increasing, stored documents readable). DataLoss names the first
  // problem. Reads the whole index.
  absl::Status Check() const;

  // A searcher over the newest commit at the time of the call; it keeps
  // seeing that commit however the index changes later. Thread-safe.
  absl::StatusOr<std::unique_ptr<Searcher>> NewSearcher() const;

 private:
  explicit Index(std::shared_ptr<internal::IndexState> state);
  std::shared_ptr<internal::IndexState> state_;
};

}  // namespace trawl

#endif  // TRAWL_INDEX_H_
