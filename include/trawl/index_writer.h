// trawl/index_writer.h — adding, replacing and deleting documents.
//
// Documents added are invisible to searchers until Commit() returns OK; a
// commit is atomic and durable (it survives a crash or power loss). Dropping
// a writer without Commit() discards what it buffered, like Rollback(), and
// waits for the merges earlier commits handed to the background thread.
#ifndef TRAWL_INDEX_WRITER_H_
#define TRAWL_INDEX_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "trawl/document.h"
#include "trawl/query.h"

namespace trawl {

struct WriterOptions {
  // Indexing threads, each filling its own in-memory segment; 0 means one
  // per core. With 1, Add() indexes in the calling thread and documents
  // keep their insertion order in the index.
  size_t threads = 0;
  // How documents reach those threads when threads > 1. false: Add()
  // queues the document for the writer's own indexing threads, so one
  // calling thread keeps them all busy. true: Add() indexes in the calling
  // thread, on one of `threads` in-memory segments it checks out for the
  // call (a caller waits while all are checked out). No document then
  // changes threads, so callers that each parse and add (as `trawl index`
  // does) keep every core on useful work; call Add from up to `threads`
  // threads at once to use them all.
  bool index_in_calling_threads = false;
  // One budget for all threads: a thread writes its buffer out as a segment
  // when it reaches memory_budget_bytes / threads, counting the capacity
  // of everything it holds (the per-term records, which grow in chunks
  // that never move, by what they use) and the 48 bytes per distinct term
  // that writing it out takes (the terms in order and their dictionary;
  // the rest is written as it is made). Beyond the budget the writer holds
  // at most the queue of documents not yet indexed (up to 256 per thread,
  // none with index_in_calling_threads) and, while a merge runs, the term
  // dictionary of the segment it writes and a few bytes per document (its
  // postings and positions are written out term by term).
  size_t memory_budget_bytes = size_t{256} << 20;
  // After each commit, runs of this many adjacent segments of similar size
  // (the largest at most merge_factor times the smallest) are merged into
  // one by a background thread, which commits each merge on its own
  // (deletes made while it ran are carried over). 0 turns automatic
  // merging off.
  size_t merge_factor = 10;
};

class IndexWriter {
 public:
  virtual ~IndexWriter() = default;

  // Buffers `doc`. Fields the schema does not name are ignored. Fails with
  // InvalidArgument for a value its field cannot hold (a bad date, a
  // non-numeric i64), naming the field; the document is then not added.
  // Safe to call from several threads at once; a call made while Commit()
  // or Rollback() runs waits for it. An I/O error met by a queue-fed
  // indexing thread is returned by a later Add() or by Commit(); one met
  // in the calling thread (threads == 1 or index_in_calling_threads) by
  // this Add().
  virtual absl::Status Add(const Document& doc) = 0;

  // Adds `doc` and, at the next commit, deletes every older document with
  // the same unique id. Needs Schema::id_field().
  virtual absl::Status Update(const Document& doc) = 0;

  // At the next commit, deletes every document (older than this call) whose
  // keyword `field` holds exactly `value`.
  virtual absl::Status DeleteTerm(std::string_view field, std::string_view value) = 0;

  // At the next commit, deletes every document (older than this call) that
  // `query` matches. Fails now with InvalidArgument for a query the index
  // cannot run (an unknown field, a multi-term query expanding beyond
  // SearchOptions' default max_expansions on the last commit).
  virtual absl::Status DeleteQuery(const Query& query) = 0;

  // Makes everything since the last commit visible and durable, and hands
  // the merges it calls for to the background thread. Commit, Rollback and
  // ForceMerge must not run concurrently with each other.
  virtual absl::Status Commit() = 0;

  // Forgets everything since the last commit.
  virtual absl::Status Rollback() = 0;

  // Blocks until every merge handed to the background thread is committed.
  // Returns the first error a background merge met since the last call
  // (the index is then left as it was before that merge).
  virtual absl::Status WaitForMerges() = 0;

  // Commits, waits for the background merges, then merges the index down to at most `max_segments` segments
  // (each holding a contiguous run of the old ones, so document order is
  // kept) and drops deleted documents, and commits again. Searchers opened
  // earlier keep their view; the old files go once no commit names them.
  // `progress`, if set, is called from this thread now and then with the
  // share of the work done so far (0 to 1).
  virtual absl::Status ForceMerge(size_t max_segments,
                                  const std::function<void(double)>& progress) = 0;
  absl::Status ForceMerge(size_t max_segments) { return ForceMerge(max_segments, nullptr); }

  // Documents added since the last commit.
  virtual uint64_t pending_documents() const = 0;
};

}  // namespace trawl

#endif  // TRAWL_INDEX_WRITER_H_
