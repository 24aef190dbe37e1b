#include "index/index_writer_impl.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "index/segment_merger.h"
#include "search/query_matches.h"
#include "segment/deletes.h"
#include "segment/postings.h"
#include "segment/segment_reader.h"
#include "util/status_macros.h"

namespace trawl::index {
namespace {
// Documents queued per indexing thread before Add() waits.
constexpr size_t kQueuePerThread = 256;
}  // namespace

absl::StatusOr<std::unique_ptr<IndexWriter>> IndexWriterImpl::Open(
    std::shared_ptr<internal::IndexState> state, const WriterOptions& options) {
  TRAWL_ASSIGN_OR_RETURN(auto lock, state->dir().Lock("write.lock"));
  TRAWL_ASSIGN_OR_RETURN(Manifest base, ReadNewestManifest(state->dir()));
  // Left-overs of a writer that crashed or rolled back are never needed.
  RemoveUnreferencedFiles(state->dir(), base);
  return std::unique_ptr<IndexWriter>(
      new IndexWriterImpl(std::move(state), options, std::move(lock), std::move(base)));
}

IndexWriterImpl::IndexWriterImpl(std::shared_ptr<internal::IndexState> state,
                                 const WriterOptions& options,
                                 std::unique_ptr<io::DirectoryLock> lock, Manifest base)
    : state_(std::move(state)), options_(options), lock_(std::move(lock)),
      next_segment_(base.next_segment), base_(std::move(base)) {
  size_t threads = options.threads != 0 ? options.threads
                                        : std::max<size_t>(1, std::thread::hardware_concurrency());
  buffers_.resize(threads);
  for (Buffer& b : buffers_) ResetBuffer(b);
  flush_bytes_ = std::max<size_t>(1, options.memory_budget_bytes / threads);
  if (threads > 1 && options.index_in_calling_threads) {
    for (size_t b = threads; b-- > 0;) free_.push_back(b);
  } else if (threads > 1) {
    for (size_t w = 0; w < threads; ++w) workers_.emplace_back([this, w] { WorkerLoop(w); });
  }
  if (options.merge_factor >= 2) merge_thread_ = std::thread([this] { MergeLoop(); });
}

IndexWriterImpl::~IndexWriterImpl() {
  Rollback().IgnoreError();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  StopMerging();
}

void IndexWriterImpl::ResetBuffer(Buffer& buffer) {
  buffer.segment = std::make_unique<MemorySegment>(state_->schema(), *state_->analyzers());
  buffer.seqs.clear();
}

uint64_t IndexWriterImpl::pending_documents() const {
  std::lock_guard<std::mutex> lock(mu_);
  return next_seq_;
}

absl::Status IndexWriterImpl::Add(const Document& doc) {
  // Refuse bad values now, not later in a worker; the buffer reuses them.
  TRAWL_ASSIGN_OR_RETURN(FastFieldValues fast, FastValues(state_->schema(), doc));
  if (threads() > 1 && options_.index_in_calling_threads) return AddInCallingThread(doc, fast);
  std::unique_lock<std::mutex> lock(mu_);
  TRAWL_RETURN_IF_ERROR(worker_error_);
  if (workers_.empty()) return Index(buffers_[0], doc, fast, next_seq_++);
  work_done_.wait(lock, [&] { return queue_.size() < kQueuePerThread * threads(); });
  queue_.push_back({doc, std::move(fast), next_seq_++});
  lock.unlock();
  work_ready_.notify_one();
  return absl::OkStatus();
}

// The sequence number is taken with the buffer, so a buffer's documents
// keep ascending numbers and a delete made before this call returns (as
// Update's) still sees the document as newer. A flush this document
// triggers runs here too.
absl::Status IndexWriterImpl::AddInCallingThread(const Document& doc,
                                                 const FastFieldValues& fast) {
  std::unique_lock<std::mutex> lock(mu_);
  work_done_.wait(lock, [&] { return !free_.empty(); });
  const size_t b = free_.back();
  free_.pop_back();
  const uint64_t seq = next_seq_++;
  ++busy_;
  lock.unlock();
  absl::Status s = Index(buffers_[b], doc, fast, seq);
  lock.lock();
  free_.push_back(b);
  --busy_;
  lock.unlock();
  work_done_.notify_all();
  return s;
}

void IndexWriterImpl::WorkerLoop(size_t worker) {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping
    Job job = std::move(queue_.front());
    queue_.pop_front();
    ++busy_;
    lock.unlock();
    work_done_.notify_all();  // room in the queue
    absl::Status s = Index(buffers_[worker], job.doc, job.fast, job.seq);
    lock.lock();
    --busy_;
    if (!s.ok() && worker_error_.ok()) worker_error_ = s;
    work_done_.notify_all();
  }
}

absl::Status IndexWriterImpl::Index(Buffer& buffer, const Document& doc,
                                    const FastFieldValues& fast, uint64_t seq) {
  TRAWL_RETURN_IF_ERROR(buffer.segment->Add(doc, fast));
  buffer.seqs.push_back(seq);
  if (buffer.segment->memory_bytes() >= flush_bytes_) return Flush(buffer);
  return absl::OkStatus();
}

// Writes the buffer as a segment. Segment numbers are taken under
// `segments_mu_` so that workers can flush while Add holds `mu_`.
absl::Status IndexWriterImpl::Flush(Buffer& buffer) {
  if (buffer.segment->doc_count() == 0) return absl::OkStatus();
  std::string name = NewSegmentName();
  TRAWL_RETURN_IF_ERROR(buffer.segment->Flush(state_->dir(), name));
  {
    std::lock_guard<std::mutex> lock(segments_mu_);
    new_segments_.push_back({name, std::move(buffer.seqs)});
  }
  ResetBuffer(buffer);
  return absl::OkStatus();
}

std::string IndexWriterImpl::NewSegmentName() {
  std::lock_guard<std::mutex> lock(segments_mu_);
  std::string name = absl::StrFormat("seg_%08x", next_segment_++);
  unsettled_.insert(name);
  return name;
}

uint64_t IndexWriterImpl::NextSegmentNumber() {
  std::lock_guard<std::mutex> lock(segments_mu_);
  return next_segment_;
}

void IndexWriterImpl::Settle(const std::string& name) {
  std::lock_guard<std::mutex> lock(segments_mu_);
  unsettled_.erase(name);
}

absl::Status IndexWriterImpl::Publish(Manifest manifest) {
  TRAWL_RETURN_IF_ERROR(WriteManifest(state_->dir(), manifest));
  base_ = std::move(manifest);
  {
    std::lock_guard<std::mutex> lock(segments_mu_);
    for (const SegmentEntry& s : base_.segments) unsettled_.erase(s.name);
  }
  RemoveUnreferencedFiles(state_->dir(), base_, [this] {
    std::lock_guard<std::mutex> lock(segments_mu_);
    return unsettled_;
  });
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::Update(const Document& doc) {
  const std::string& id_field = state_->schema().id_field();
  if (id_field.empty()) {
    return absl::FailedPreconditionError("Update needs a schema with an id field");
  }
  const std::string* id = doc.Get(id_field);
  if (id == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("document has no id field \"", id_field, "\""));
  }
  // Validate first, so that a refused document does not delete the old one.
  TRAWL_RETURN_IF_ERROR(FastValues(state_->schema(), doc).status());
  TRAWL_RETURN_IF_ERROR(DeleteTerm(id_field, *id));
  return Add(doc);
}

absl::Status IndexWriterImpl::DeleteTerm(std::string_view field, std::string_view value) {
  int id = state_->schema().FieldId(field);
  if (id < 0 || state_->schema().fields()[static_cast<size_t>(id)].type != FieldType::kKeyword) {
    return absl::InvalidArgumentError(
        absl::StrCat("delete needs a keyword field; \"", std::string(field), "\" is not one"));
  }
  std::lock_guard<std::mutex> lock(mu_);
  deletes_.push_back({static_cast<uint32_t>(id), std::string(value), next_seq_});
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::DeleteQuery(const Query& query) {
  {
    // Refuse now what the commit could not run.
    std::lock_guard<std::mutex> lock(commit_mu_);
    TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot(base_));
    TRAWL_RETURN_IF_ERROR(search::QueryMatches::Create(query, *snapshot).status());
  }
  std::lock_guard<std::mutex> lock(mu_);
  query_deletes_.push_back({query, next_seq_});
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::WriteDeletes(SegmentEntry& entry, uint64_t generation,
                                           const segment::DeletedDocs& deleted) {
  std::string file = segment::DeletedDocs::FileName(entry.name, generation);
  TRAWL_ASSIGN_OR_RETURN(auto out, state_->dir().Create(file));
  TRAWL_RETURN_IF_ERROR(out->Append(deleted.Encode()));
  TRAWL_RETURN_IF_ERROR(out->Sync());
  TRAWL_RETURN_IF_ERROR(out->Close());
  entry.deleted = deleted.count();
  entry.deletes_generation = generation;
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::ApplyDeletes(Manifest* manifest) {
  if (deletes_.empty() && query_deletes_.empty()) return absl::OkStatus();
  std::map<std::string, const std::vector<uint64_t>*> seqs;  // new segments only
  for (const NewSegment& s : new_segments_) seqs[s.name] = &s.seqs;
  TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot(*manifest));
  std::vector<search::QueryMatches> queries;
  for (const PendingQueryDelete& d : query_deletes_) {
    TRAWL_ASSIGN_OR_RETURN(search::QueryMatches matches,
                           search::QueryMatches::Create(d.query, *snapshot));
    queries.push_back(std::move(matches));
  }
  for (size_t i = 0; i < manifest->segments.size(); ++i) {
    SegmentEntry& entry = manifest->segments[i];
    const SegmentView& view = snapshot->segments[i];
    segment::DeletedDocs deleted =
        view.deleted ? *view.deleted : segment::DeletedDocs(entry.doc_count);
    auto seq = seqs.find(entry.name);
    bool changed = false;
    auto delete_older = [&](uint32_t doc, uint64_t before) {
      // Committed segments are older than every pending delete.
      bool older = seq == seqs.end() || (*seq->second)[doc] < before;
      if (older && deleted.Delete(doc)) changed = true;
    };
    for (const PendingDelete& d : deletes_) {
      TRAWL_ASSIGN_OR_RETURN(auto info,
                             view.reader->terms().Find(segment::TermKey(d.field, d.value)));
      if (!info) continue;
      segment::PostingsIterator it;
      TRAWL_RETURN_IF_ERROR(view.reader->OpenPostings(*info, &it));
      for (uint32_t doc = it.Next(); doc != segment::kNoMoreDocs; doc = it.Next()) {
        delete_older(doc, d.seq);
      }
      TRAWL_RETURN_IF_ERROR(it.status());
    }
    for (size_t q = 0; q < queries.size(); ++q) {
      const uint64_t before = query_deletes_[q].seq;
      TRAWL_RETURN_IF_ERROR(
          queries[q].ForEach(view, [&](uint32_t doc) { delete_older(doc, before); }));
    }
    if (changed) TRAWL_RETURN_IF_ERROR(WriteDeletes(entry, manifest->generation, deleted));
  }
  std::erase_if(manifest->segments,
                [](const SegmentEntry& e) { return e.deleted == e.doc_count; });
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::Commit() {
  // Held throughout, so that an Add() made meanwhile waits for the commit.
  std::unique_lock<std::mutex> lock(mu_);
  work_done_.wait(lock, [&] { return queue_.empty() && busy_ == 0; });
  TRAWL_RETURN_IF_ERROR(worker_error_);
  // Every worker and caller is idle: flush the buffers side by side.
  std::vector<absl::Status> results(buffers_.size());
  std::vector<std::thread> flushers;
  for (size_t i = 1; i < buffers_.size(); ++i) {
    flushers.emplace_back([this, i, &results] { results[i] = Flush(buffers_[i]); });
  }
  results[0] = Flush(buffers_[0]);
  for (std::thread& t : flushers) t.join();
  for (const absl::Status& s : results) TRAWL_RETURN_IF_ERROR(s);

  std::lock_guard<std::mutex> commit_lock(commit_mu_);
  Manifest next = base_;
  next.generation = base_.generation + 1;
  next.next_segment = NextSegmentNumber();
  for (const NewSegment& s : new_segments_) {
    next.segments.push_back({s.name, static_cast<uint32_t>(s.seqs.size()), 0, 0});
  }
  TRAWL_RETURN_IF_ERROR(ApplyDeletes(&next));
  TRAWL_RETURN_IF_ERROR(Publish(std::move(next)));
  // Segments deleted whole before their first commit are abandoned.
  for (const NewSegment& s : new_segments_) Settle(s.name);
  new_segments_.clear();
  deletes_.clear();
  query_deletes_.clear();
  next_seq_ = 0;
  QueueMerges();
  return absl::OkStatus();
}

absl::StatusOr<IndexWriterImpl::Merge> IndexWriterImpl::PrepareMerge(size_t begin, size_t end) {
  Merge merge;
  merge.entries.assign(base_.segments.begin() + static_cast<std::ptrdiff_t>(begin),
                       base_.segments.begin() + static_cast<std::ptrdiff_t>(end));
  Manifest part = base_;
  part.segments = merge.entries;
  TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot(part));
  merge.inputs = snapshot->segments;
  return merge;
}

absl::StatusOr<IndexWriterImpl::Merged> IndexWriterImpl::RunMerge(const Merge& merge,
                                                                  const MergeProgress& progress) {
  Merged merged{NewSegmentName(), 0};
  auto docs = MergeSegments(merge.inputs, state_->schema(), state_->dir(), merged.name, progress);
  if (!docs.ok()) {
    state_->dir().Remove(segment::SegmentFileName(merged.name)).IgnoreError();
    Settle(merged.name);
    return docs.status();
  }
  merged.docs = *docs;
  return merged;
}

// The inputs may have lost documents to commits made while the merge ran
// (or, deleted whole, have left the manifest): those deletes are mapped onto
// the merged segment, whose docs are the inputs' then live docs in order.
absl::Status IndexWriterImpl::InstallMerge(const Merge& merge, const Merged& merged) {
  // Published or not, the output is no longer protected: unreferenced, it
  // goes with the next cleanup.
  absl::Cleanup settle = [&] { Settle(merged.name); };
  Manifest next = base_;
  next.generation = base_.generation + 1;
  next.next_segment = NextSegmentNumber();
  segment::DeletedDocs deleted(merged.docs);
  uint32_t merged_doc = 0;
  auto position = next.segments.end();
  for (size_t i = 0; i < merge.entries.size(); ++i) {
    const SegmentEntry& then = merge.entries[i];
    auto now = std::find_if(next.segments.begin(), next.segments.end(),
                            [&](const SegmentEntry& e) { return e.name == then.name; });
    segment::DeletedDocs now_deleted;
    if (now != next.segments.end() && !(*now == then)) {
      TRAWL_ASSIGN_OR_RETURN(now_deleted, state_->ReadDeletes(*now));
    }
    for (uint32_t doc = 0; doc < then.doc_count; ++doc) {
      if (!merge.inputs[i].live(doc)) continue;
      if (now == next.segments.end() || now_deleted.deleted(doc)) deleted.Delete(merged_doc);
      ++merged_doc;
    }
    if (now != next.segments.end()) position = next.segments.erase(now);
  }
  if (merged.docs > deleted.count()) {
    SegmentEntry entry{merged.name, merged.docs, 0, 0};
    if (deleted.count() > 0) TRAWL_RETURN_IF_ERROR(WriteDeletes(entry, next.generation, deleted));
    next.segments.insert(position, std::move(entry));
  }
  return Publish(std::move(next));
}

// Tiered, over adjacent segments only (so ties keep breaking by insertion
// order): runs of merge_factor neighbours whose live sizes are within a
// factor merge_factor of each other. A finished merge queues the next
// level, so merged segments merge again in turn. An error is the merges'
// to report (WaitForMerges): the commit that asked for them stands.
void IndexWriterImpl::QueueMerges() {
  const size_t factor = options_.merge_factor;
  if (factor < 2 || stop_merging_) return;
  const auto& segs = base_.segments;
  for (size_t begin = 0; begin + factor <= segs.size();) {
    uint64_t smallest = UINT64_MAX, largest = 0;
    bool busy = false;
    for (size_t i = begin; i < begin + factor; ++i) {
      uint64_t live = segs[i].doc_count - segs[i].deleted;
      smallest = std::min(smallest, live);
      largest = std::max(largest, live);
      busy |= merging_.count(segs[i].name) > 0;
    }
    if (busy || largest > std::max<uint64_t>(smallest, 1) * factor) {
      ++begin;
      continue;
    }
    absl::StatusOr<Merge> merge = PrepareMerge(begin, begin + factor);
    if (!merge.ok()) {
      if (merge_error_.ok()) merge_error_ = merge.status();
      break;
    }
    for (const SegmentEntry& e : merge->entries) merging_.insert(e.name);
    merge_queue_.push_back(*std::move(merge));
    begin += factor;
  }
  merges_changed_.notify_all();
}

void IndexWriterImpl::MergeLoop() {
  std::unique_lock<std::mutex> lock(commit_mu_);
  while (true) {
    merges_changed_.wait(lock, [&] { return stop_merging_ || !merge_queue_.empty(); });
    if (merge_queue_.empty()) return;  // stopping
    Merge merge = std::move(merge_queue_.front());
    merge_queue_.pop_front();
    merge_running_ = true;
    lock.unlock();
    absl::StatusOr<Merged> merged = RunMerge(merge);
    lock.lock();
    absl::Status s = merged.ok() ? InstallMerge(merge, *merged) : merged.status();
    for (const SegmentEntry& e : merge.entries) merging_.erase(e.name);
    if (!s.ok() && merge_error_.ok()) merge_error_ = s;
    merge_running_ = false;
    if (s.ok()) QueueMerges();
    merges_changed_.notify_all();
  }
}

// Queued merges are finished first, as Lucene's IndexWriter.close() does:
// a short-lived writer (one CLI run) would otherwise never merge.
void IndexWriterImpl::StopMerging() {
  {
    std::unique_lock<std::mutex> lock(commit_mu_);
    merges_changed_.wait(lock, [&] { return merge_queue_.empty() && !merge_running_; });
    stop_merging_ = true;
  }
  merges_changed_.notify_all();
  if (merge_thread_.joinable()) merge_thread_.join();
}

absl::Status IndexWriterImpl::WaitForMerges() {
  std::unique_lock<std::mutex> lock(commit_mu_);
  merges_changed_.wait(lock, [&] { return merge_queue_.empty() && !merge_running_; });
  return std::exchange(merge_error_, absl::OkStatus());
}

absl::Status IndexWriterImpl::ForceMerge(size_t max_segments,
                                         const std::function<void(double)>& progress) {
  if (max_segments == 0) return absl::InvalidArgumentError("ForceMerge needs max_segments >= 1");
  TRAWL_RETURN_IF_ERROR(Commit());
  TRAWL_RETURN_IF_ERROR(WaitForMerges());
  // Commits queue no merges while this holds the lock, and none is queued.
  std::lock_guard<std::mutex> lock(commit_mu_);
  // Contiguous groups of roughly equal live document counts; only those of
  // several segments, or with deletes, need merging.
  struct Group {
    size_t begin, end;
    uint64_t live;
  };
  std::vector<Group> groups;
  uint64_t total = 0, to_merge = 0;
  for (const SegmentEntry& s : base_.segments) total += s.doc_count - s.deleted;
  for (size_t begin = 0, group = 0; begin < base_.segments.size(); ++group) {
    const size_t later_groups = max_segments - std::min(max_segments, group + 1);
    uint64_t target = (total + max_segments - 1) / max_segments, live = 0;
    size_t end = begin;
    bool has_deletes = false;
    while (end < base_.segments.size() &&
           (end == begin || live + base_.segments[end].doc_count <= target ||
            base_.segments.size() - end > later_groups)) {
      live += base_.segments[end].doc_count - base_.segments[end].deleted;
      has_deletes |= base_.segments[end].deleted > 0;
      ++end;
    }
    if (end - begin > 1 || has_deletes) {
      groups.push_back({begin, end, live});
      to_merge += live;
    }
    begin = end;
  }
  // Last group first: a merge shifts only the segments after its own.
  uint64_t merged_live = 0;
  for (auto g = groups.rbegin(); g != groups.rend(); ++g) {
    TRAWL_ASSIGN_OR_RETURN(Merge merge, PrepareMerge(g->begin, g->end));
    MergeProgress merge_progress;
    if (progress) {
      const double input_bytes = static_cast<double>(std::max<uint64_t>(1, MergeInputBytes(merge.inputs)));
      merge_progress = [&, input_bytes](uint64_t read) {
        const double in_group = static_cast<double>(read) / input_bytes;
        progress((static_cast<double>(merged_live) + in_group * static_cast<double>(g->live)) /
                 static_cast<double>(std::max<uint64_t>(1, to_merge)));
      };
    }
    TRAWL_ASSIGN_OR_RETURN(Merged merged, RunMerge(merge, merge_progress));
    TRAWL_RETURN_IF_ERROR(InstallMerge(merge, merged));
    merged_live += g->live;
  }
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::Rollback() {
  std::unique_lock<std::mutex> lock(mu_);
  queue_.clear();
  work_done_.wait(lock, [&] { return busy_ == 0; });
  for (Buffer& b : buffers_) ResetBuffer(b);
  for (const NewSegment& s : new_segments_) {
    state_->dir().Remove(segment::SegmentFileName(s.name)).IgnoreError();
    Settle(s.name);
  }
  new_segments_.clear();
  deletes_.clear();
  query_deletes_.clear();
  next_seq_ = 0;
  worker_error_ = absl::OkStatus();
  return absl::OkStatus();
}

}  // namespace trawl::index
