#include "index/index_writer_impl.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "index/segment_merger.h"
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
    : state_(std::move(state)), options_(options), lock_(std::move(lock)), base_(std::move(base)),
      next_segment_(base_.next_segment) {
  size_t threads = options.threads != 0 ? options.threads
                                        : std::max<size_t>(1, std::thread::hardware_concurrency());
  buffers_.resize(threads);
  for (Buffer& b : buffers_) ResetBuffer(b);
  flush_bytes_ = std::max<size_t>(1, options.memory_budget_bytes / threads);
  if (threads > 1) {
    for (size_t w = 0; w < threads; ++w) workers_.emplace_back([this, w] { WorkerLoop(w); });
  }
}

IndexWriterImpl::~IndexWriterImpl() {
  Rollback().IgnoreError();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
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
  // Refuse bad values now, not later in a worker.
  TRAWL_RETURN_IF_ERROR(FastValues(state_->schema(), doc).status());
  std::unique_lock<std::mutex> lock(mu_);
  TRAWL_RETURN_IF_ERROR(worker_error_);
  if (workers_.empty()) return Index(buffers_[0], doc, next_seq_++);
  work_done_.wait(lock, [&] { return queue_.size() < kQueuePerThread * threads(); });
  queue_.push_back({doc, next_seq_++});
  lock.unlock();
  work_ready_.notify_one();
  return absl::OkStatus();
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
    absl::Status s = Index(buffers_[worker], job.doc, job.seq);
    lock.lock();
    --busy_;
    if (!s.ok() && worker_error_.ok()) worker_error_ = s;
    work_done_.notify_all();
  }
}

absl::Status IndexWriterImpl::Index(Buffer& buffer, const Document& doc, uint64_t seq) {
  TRAWL_RETURN_IF_ERROR(buffer.segment->Add(doc));
  buffer.seqs.push_back(seq);
  if (buffer.segment->memory_bytes() >= flush_bytes_) return Flush(buffer);
  return absl::OkStatus();
}

// Writes the buffer as a segment. Segment numbers are taken under
// `segments_mu_` so that workers can flush while Add holds `mu_`.
absl::Status IndexWriterImpl::Flush(Buffer& buffer) {
  if (buffer.segment->doc_count() == 0) return absl::OkStatus();
  std::string name;
  {
    std::lock_guard<std::mutex> lock(segments_mu_);
    name = absl::StrFormat("seg_%08x", next_segment_++);
  }
  TRAWL_RETURN_IF_ERROR(buffer.segment->Flush(state_->dir(), name));
  {
    std::lock_guard<std::mutex> lock(segments_mu_);
    new_segments_.push_back({name, std::move(buffer.seqs)});
  }
  ResetBuffer(buffer);
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  work_done_.wait(lock, [&] { return queue_.empty() && busy_ == 0; });
  return worker_error_;
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

absl::Status IndexWriterImpl::ApplyDeletes(Manifest* manifest) {
  if (deletes_.empty()) return absl::OkStatus();
  std::map<std::string, const std::vector<uint64_t>*> seqs;  // new segments only
  for (const NewSegment& s : new_segments_) seqs[s.name] = &s.seqs;
  for (SegmentEntry& entry : manifest->segments) {
    TRAWL_ASSIGN_OR_RETURN(auto reader, state_->OpenSegment(entry.name));
    segment::DeletedDocs deleted(reader->doc_count());
    if (entry.deletes_generation != 0) {
      std::string file = segment::DeletedDocs::FileName(entry.name, entry.deletes_generation);
      TRAWL_ASSIGN_OR_RETURN(auto data, state_->dir().Read(file));
      TRAWL_ASSIGN_OR_RETURN(deleted, segment::DeletedDocs::Decode(data->data(), file));
    }
    auto seq = seqs.find(entry.name);
    bool changed = false;
    for (const PendingDelete& d : deletes_) {
      TRAWL_ASSIGN_OR_RETURN(auto info, reader->terms().Find(segment::TermKey(d.field, d.value)));
      if (!info) continue;
      segment::PostingsIterator it;
      TRAWL_RETURN_IF_ERROR(reader->OpenPostings(*info, &it));
      for (uint32_t doc = it.Next(); doc != segment::kNoMoreDocs; doc = it.Next()) {
        // Committed segments are older than every pending delete.
        bool older = seq == seqs.end() || (*seq->second)[doc] < d.seq;
        if (older && deleted.Delete(doc)) changed = true;
      }
      TRAWL_RETURN_IF_ERROR(it.status());
    }
    if (!changed) continue;
    std::string file = segment::DeletedDocs::FileName(entry.name, manifest->generation);
    TRAWL_ASSIGN_OR_RETURN(auto out, state_->dir().Create(file));
    TRAWL_RETURN_IF_ERROR(out->Append(deleted.Encode()));
    TRAWL_RETURN_IF_ERROR(out->Sync());
    TRAWL_RETURN_IF_ERROR(out->Close());
    entry.deleted = deleted.count();
    entry.deletes_generation = manifest->generation;
  }
  std::erase_if(manifest->segments,
                [](const SegmentEntry& e) { return e.deleted == e.doc_count; });
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::Commit() {
  TRAWL_RETURN_IF_ERROR(Drain());
  // Every worker is idle: flush their buffers side by side.
  std::vector<absl::Status> results(buffers_.size());
  std::vector<std::thread> flushers;
  for (size_t i = 1; i < buffers_.size(); ++i) {
    flushers.emplace_back([this, i, &results] { results[i] = Flush(buffers_[i]); });
  }
  results[0] = Flush(buffers_[0]);
  for (std::thread& t : flushers) t.join();
  for (const absl::Status& s : results) TRAWL_RETURN_IF_ERROR(s);

  std::lock_guard<std::mutex> lock(mu_);
  Manifest next = base_;
  next.generation = base_.generation + 1;
  next.next_segment = next_segment_;
  for (const NewSegment& s : new_segments_) {
    next.segments.push_back({s.name, static_cast<uint32_t>(s.seqs.size()), 0, 0});
  }
  TRAWL_RETURN_IF_ERROR(ApplyDeletes(&next));
  TRAWL_RETURN_IF_ERROR(WriteManifest(state_->dir(), next));
  base_ = std::move(next);
  new_segments_.clear();
  deletes_.clear();
  next_seq_ = 0;
  RemoveUnreferencedFiles(state_->dir(), base_);
  return MaybeMerge();
}

absl::Status IndexWriterImpl::MergeRange(size_t begin, size_t end) {
  Manifest merged = base_;
  TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot(base_));
  std::vector<SegmentView> inputs(snapshot->segments.begin() + static_cast<std::ptrdiff_t>(begin),
                                  snapshot->segments.begin() + static_cast<std::ptrdiff_t>(end));
  std::string name = absl::StrFormat("seg_%08x", next_segment_++);
  TRAWL_ASSIGN_OR_RETURN(uint32_t docs,
                         MergeSegments(inputs, state_->schema(), state_->dir(), name));
  merged.generation = base_.generation + 1;
  merged.next_segment = next_segment_;
  auto first = merged.segments.begin() + static_cast<std::ptrdiff_t>(begin);
  first = merged.segments.erase(first, merged.segments.begin() + static_cast<std::ptrdiff_t>(end));
  if (docs > 0) merged.segments.insert(first, SegmentEntry{name, docs, 0, 0});
  TRAWL_RETURN_IF_ERROR(WriteManifest(state_->dir(), merged));
  base_ = std::move(merged);
  RemoveUnreferencedFiles(state_->dir(), base_);
  return absl::OkStatus();
}

// Tiered, over adjacent segments only (so ties keep breaking by insertion
// order): merge the first run of merge_factor neighbours whose sizes are
// within a factor merge_factor of each other, until none is left.
absl::Status IndexWriterImpl::MaybeMerge() {
  const size_t factor = options_.merge_factor;
  if (factor < 2) return absl::OkStatus();
  bool merged = true;
  while (merged) {
    merged = false;
    const auto& segs = base_.segments;
    for (size_t begin = 0; begin + factor <= segs.size(); ++begin) {
      uint64_t smallest = UINT64_MAX, largest = 0;
      for (size_t i = begin; i < begin + factor; ++i) {
        uint64_t live = segs[i].doc_count - segs[i].deleted;
        smallest = std::min(smallest, live);
        largest = std::max(largest, live);
      }
      if (largest <= std::max<uint64_t>(smallest, 1) * factor) {
        TRAWL_RETURN_IF_ERROR(MergeRange(begin, begin + factor));
        merged = true;
        break;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status IndexWriterImpl::ForceMerge(size_t max_segments) {
  if (max_segments == 0) return absl::InvalidArgumentError("ForceMerge needs max_segments >= 1");
  TRAWL_RETURN_IF_ERROR(Commit());
  // Contiguous groups of roughly equal live document counts.
  uint64_t total = 0;
  for (const SegmentEntry& s : base_.segments) total += s.doc_count - s.deleted;
  size_t group = 0;
  for (size_t begin = 0; begin < base_.segments.size(); ++group) {
    uint64_t target = (total + max_segments - 1) / max_segments, size = 0;
    size_t end = begin;
    bool has_deletes = false;
    while (end < base_.segments.size() &&
           (end == begin || size + base_.segments[end].doc_count <= target ||
            base_.segments.size() - end > max_segments - group - 1)) {
      size += base_.segments[end].doc_count - base_.segments[end].deleted;
      has_deletes |= base_.segments[end].deleted > 0;
      ++end;
    }
    if (end - begin > 1 || has_deletes) {
      size_t before = base_.segments.size();
      TRAWL_RETURN_IF_ERROR(MergeRange(begin, end));
      end -= before - base_.segments.size();
    }
    begin = end;
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
  }
  new_segments_.clear();
  deletes_.clear();
  next_seq_ = 0;
  worker_error_ = absl::OkStatus();
  return absl::OkStatus();
}

}  // namespace trawl::index
