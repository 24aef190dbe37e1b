// The IndexWriter behind Index::NewWriter. Documents go to indexing workers,
// each with its own MemorySegment, or are indexed by the calling thread on a
// MemorySegment it checks out (WriterOptions::index_in_calling_threads); a worker writes its buffer out as a
// segment when it reaches its share of the memory budget. Commit drains the
// workers, resolves deletes into per-segment bitsets and writes the
// manifest, then queues the merges the new commit calls for. One merge
// thread runs them, each against the commit that chose it, and installs
// its result as a commit of its own on top of the then newest one.
#ifndef TRAWL_INDEX_INDEX_WRITER_IMPL_H_
#define TRAWL_INDEX_INDEX_WRITER_IMPL_H_

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index/index_state.h"
#include "index/manifest.h"
#include "index/segment_merger.h"
#include "index/memory_segment.h"
#include "io/directory.h"
#include "segment/deletes.h"
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
  absl::Status DeleteQuery(const Query& query) override;
  absl::Status Commit() override;
  absl::Status WaitForMerges() override;
  absl::Status Rollback() override;
  using IndexWriter::ForceMerge;
  absl::Status ForceMerge(size_t max_segments,
                          const std::function<void(double)>& progress) override;
  uint64_t pending_documents() const override;

 private:
  // A segment written since the last commit, with the sequence number of
  // each of its docs (the order of Add calls), for resolving deletes.
  struct NewSegment {
    std::string name;
    std::vector<uint64_t> seqs;
  };
  // Deletes docs with `field` == `value` added before sequence number `seq`.
  struct PendingDelete {
    uint32_t field;
    std::string value;
    uint64_t seq;
  };
  // Deletes docs matching `query` added before sequence number `seq`.
  struct PendingQueryDelete {
    Query query;
    uint64_t seq;
  };
  // Adjacent segments of one commit, to be merged into one.
  struct Merge {
    std::vector<SegmentEntry> entries;  // as that commit had them
    std::vector<SegmentView> inputs;
  };
  struct Merged {
    std::string name;
    uint32_t docs;  // 0: nothing live, no file written
  };
  struct Job {
    Document doc;
    FastFieldValues fast;  // of doc, checked by Add
    uint64_t seq;
  };
  // One indexing thread's buffer. Touched only by its thread, or by the
  // committing thread while every worker is idle.
  struct Buffer {
    std::unique_ptr<MemorySegment> segment;
    std::vector<uint64_t> seqs;
  };

  IndexWriterImpl(std::shared_ptr<internal::IndexState> state, const WriterOptions& options,
                  std::unique_ptr<io::DirectoryLock> lock, Manifest base);
  size_t threads() const { return buffers_.size(); }
  // Add() with index_in_calling_threads: checks a buffer out of free_
  // and indexes `doc` on it in this thread.
  absl::Status AddInCallingThread(const Document& doc, const FastFieldValues& fast);
  absl::Status Index(Buffer& buffer, const Document& doc, const FastFieldValues& fast,
                     uint64_t seq);
  absl::Status Flush(Buffer& buffer);
  void ResetBuffer(Buffer& buffer);
  void WorkerLoop(size_t worker);
  absl::Status ApplyDeletes(Manifest* manifest);
  absl::Status WriteDeletes(SegmentEntry& entry, uint64_t generation,
                            const segment::DeletedDocs& deleted);
  // Writes `manifest` as the new last commit and removes what it no longer
  // needs. Needs commit_mu_.
  absl::Status Publish(Manifest manifest);

  std::string NewSegmentName();
  uint64_t NextSegmentNumber();
  // The segment is committed or abandoned: its files are no longer kept
  // out of reach of RemoveUnreferencedFiles.
  void Settle(const std::string& name);

  // Merging. Everything but RunMerge needs commit_mu_.
  absl::StatusOr<Merge> PrepareMerge(size_t begin, size_t end);
  absl::StatusOr<Merged> RunMerge(const Merge& merge, const MergeProgress& progress = nullptr);
  absl::Status InstallMerge(const Merge& merge, const Merged& merged);
  // Queues the tiered policy's merges over segments not already merging.
  void QueueMerges();
  void MergeLoop();
  void StopMerging();

  std::shared_ptr<internal::IndexState> state_;
  WriterOptions options_;
  std::unique_ptr<io::DirectoryLock> lock_;
  std::vector<Buffer> buffers_;
  size_t flush_bytes_;  // per buffer

  // Guards everything below, and the queue between Add and the workers.
  mutable std::mutex mu_;
  std::condition_variable work_ready_;   // workers wait for jobs
  std::condition_variable work_done_;    // Add waits for room or a buffer, Commit
                                         // and Rollback for idleness
  std::deque<Job> queue_;
  size_t busy_ = 0;                      // workers or callers indexing a doc
  std::vector<size_t> free_;             // buffers no caller has checked out
                                         // (index_in_calling_threads)
  bool stopping_ = false;
  absl::Status worker_error_;
  uint64_t next_seq_ = 0;                // documents added since the last commit
  std::vector<PendingDelete> deletes_;
  std::vector<PendingQueryDelete> query_deletes_;
  std::vector<std::thread> workers_;     // empty when Add indexes in the caller

  // Guards the segments written since the last commit (workers add to it
  // while Add may hold mu_).
  std::mutex segments_mu_;
  uint64_t next_segment_;                // number for the next segment name
  std::vector<NewSegment> new_segments_;
  std::set<std::string> unsettled_;      // named, not yet committed or abandoned

  // Guards the last commit and the merges. Taken after mu_, never before.
  std::mutex commit_mu_;
  std::condition_variable merges_changed_;
  Manifest base_;                        // the last commit
  std::deque<Merge> merge_queue_;
  std::set<std::string> merging_;        // segments queued or being merged
  bool merge_running_ = false;
  bool stop_merging_ = false;
  absl::Status merge_error_;
  std::thread merge_thread_;
};

}  // namespace trawl::index

#endif  // TRAWL_INDEX_INDEX_WRITER_IMPL_H_
