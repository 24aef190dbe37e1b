#include "util/strings.h"
#include "index/index_state.h"

#include "util/status_macros.h"

namespace trawl::internal {

absl::StatusOr<std::shared_ptr<const segment::SegmentReader>> IndexState::OpenSegment(
    const std::string& name) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto cached = readers_[name].lock()) return cached;
  }
  TRAWL_ASSIGN_OR_RETURN(auto reader, segment::SegmentReader::Open(*dir_, name));
  std::lock_guard<std::mutex> lock(mu_);
  readers_[name] = reader;
  return reader;
}

absl::StatusOr<segment::DeletedDocs> IndexState::ReadDeletes(const index::SegmentEntry& entry) {
  if (entry.deletes_generation == 0) return segment::DeletedDocs(entry.doc_count);
  std::string file = segment::DeletedDocs::FileName(entry.name, entry.deletes_generation);
  TRAWL_ASSIGN_OR_RETURN(auto data, dir_->Read(file));
  TRAWL_ASSIGN_OR_RETURN(segment::DeletedDocs deleted,
                         segment::DeletedDocs::Decode(data->data(), file));
  if (deleted.count() != entry.deleted) {
    return segment::Corruption(file, "deleted count differs from the manifest");
  }
  return deleted;
}

absl::StatusOr<std::shared_ptr<const index::Snapshot>> IndexState::OpenSnapshot(
    const index::Manifest& manifest) {
  auto snapshot = std::make_shared<index::Snapshot>();
  snapshot->manifest = manifest;
  snapshot->analyzers = analyzers_;
  for (const index::SegmentEntry& entry : manifest.segments) {
    index::SegmentView view;
    TRAWL_ASSIGN_OR_RETURN(view.reader, OpenSegment(entry.name));
    if (view.reader->doc_count() != entry.doc_count) {
      return segment::Corruption(entry.name, "document count differs from the manifest");
    }
    if (entry.deletes_generation != 0) {
      TRAWL_ASSIGN_OR_RETURN(segment::DeletedDocs deleted, ReadDeletes(entry));
      view.deleted = std::make_shared<const segment::DeletedDocs>(std::move(deleted));
    }
    snapshot->segments.push_back(std::move(view));
  }
  return snapshot;
}

absl::StatusOr<std::shared_ptr<const index::Snapshot>> IndexState::OpenSnapshot() {
  TRAWL_ASSIGN_OR_RETURN(index::Manifest manifest, index::ReadNewestManifest(*dir_));
  while (true) {
    auto snapshot = OpenSnapshot(manifest);
    if (snapshot.ok() || !absl::IsNotFound(snapshot.status())) return snapshot;
    // A missing file is a race with a commit only if a newer commit exists.
    TRAWL_ASSIGN_OR_RETURN(index::Manifest newer, index::ReadNewestManifest(*dir_));
    if (newer.generation == manifest.generation) {
      return segment::Corruption(index::Manifest::FileName(manifest.generation),
                                 std::string(snapshot.status().message()));
    }
    manifest = std::move(newer);
  }
}

}  // namespace trawl::internal
