// The IndexWriter behind Index::NewWriter: buffers documents in a
// MemorySegment, flushes it to a segment file when the memory budget is
// reached, resolves deletes and writes the manifest on Commit.
#ifndef TRAWL_INDEX_INDEX_WRITER_IMPL_H_
#define TRAWL_INDEX_INDEX_WRITER_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "index/index_state.h"
#include "index/manifest.h"
#include "index/memory_segment.h"
#include "io/directory.h"
#include "trawl/index_writer.h"

namespace trawl::index {

class IndexWriterImpl : public IndexWriter {
 public:
  static absl::StatusOr<std::unique_ptr<IndexWriter>> Open(
      std::shared_ptr<internal::IndexState> state, const WriterOptions& options);
  ~IndexWriterImpl() override;

  absl::Status Add(const Document& doc) override;
  absl::Status Update(const Document& doc) override;
  absl::Status DeleteTerm(std::string_view field, std::string_view value) override;
  absl::Status Commit() override;
  absl::Status Rollback() override;
  absl::Status ForceMerge(size_t max_segments) override;
  uint64_t pending_documents() const override { return added_; }

 private:
  // A segment written since the last commit; its docs have sequence
  // numbers first_seq, first_seq + 1, ...
  struct NewSegment {
    std::string name;
    uint32_t doc_count;
    uint64_t first_seq;
  };
  // Deletes docs with `field` == `value` added before sequence number `seq`.
  struct PendingDelete {
    uint32_t field;
    std::string value;
    uint64_t seq;
  };

  IndexWriterImpl(std::shared_ptr<internal::IndexState> state, const WriterOptions& options,
                  std::unique_ptr<io::DirectoryLock> lock, Manifest base);
  absl::Status FlushBuffer();
  absl::Status ApplyDeletes(Manifest* manifest);
  // Replaces base_.segments[begin, end) by their merge and commits.
  absl::Status MergeRange(size_t begin, size_t end);
  absl::Status MaybeMerge();
  void ResetBuffer();

  std::shared_ptr<internal::IndexState> state_;
  WriterOptions options_;
  std::unique_ptr<io::DirectoryLock> lock_;
  Manifest base_;  // the last commit
  std::unique_ptr<MemorySegment> buffer_;
  uint64_t buffer_first_seq_ = 0;
  std::vector<NewSegment> new_segments_;
  std::vector<PendingDelete> deletes_;
  uint64_t added_ = 0;  // also the next sequence number
};

}  // namespace trawl::index

#endif  // TRAWL_INDEX_INDEX_WRITER_IMPL_H_
