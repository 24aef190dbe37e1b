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

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "trawl/index_writer.h"
#include "trawl/schema.h"
#include "trawl/searcher.h"

namespace trawl {

namespace internal {
class IndexState;
}  // namespace internal

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

  // A searcher over the newest commit at the time of the call; it keeps
  // seeing that commit however the index changes later. Thread-safe.
  absl::StatusOr<std::unique_ptr<Searcher>> NewSearcher() const;

 private:
  explicit Index(std::shared_ptr<internal::IndexState> state);
  std::shared_ptr<internal::IndexState> state_;
};

}  // namespace trawl

#endif  // TRAWL_INDEX_H_
