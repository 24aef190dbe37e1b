// What an open Index shares between its writer and its searchers: the
// directory, the schema with its analyzers, and a cache of open segment
// readers so that a new snapshot re-opens only the segments that changed.
#ifndef TRAWL_INDEX_INDEX_STATE_H_
#define TRAWL_INDEX_INDEX_STATE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "index/manifest.h"
#include "index/memory_segment.h"
#include "io/directory.h"
#include "segment/deletes.h"
#include "segment/segment_reader.h"
#include "trawl/schema.h"

namespace trawl::index {

struct SegmentView {
  std::shared_ptr<const segment::SegmentReader> reader;
  std::shared_ptr<const segment::DeletedDocs> deleted;  // null: none deleted

  bool live(uint32_t doc) const { return !deleted || !deleted->deleted(doc); }
  uint32_t live_count() const {
    return reader->doc_count() - (deleted ? deleted->count() : 0);
  }
};

// One commit, opened: immutable, shared by searchers.
struct Snapshot {
  Manifest manifest;
  std::vector<SegmentView> segments;
  std::shared_ptr<const FieldAnalyzers> analyzers;
};

}  // namespace trawl::index

namespace trawl::internal {

class IndexState {
 public:
  IndexState(std::shared_ptr<io::Directory> dir, Schema schema,
             std::shared_ptr<const index::FieldAnalyzers> analyzers)
      : dir_(std::move(dir)), schema_(std::move(schema)), analyzers_(std::move(analyzers)) {}

  io::Directory& dir() { return *dir_; }
  const Schema& schema() const { return schema_; }
  const std::shared_ptr<const index::FieldAnalyzers>& analyzers() const { return analyzers_; }

  // The newest commit. A segment that a concurrent commit removed between
  // reading the manifest and opening it makes this retry with the next
  // manifest.
  absl::StatusOr<std::shared_ptr<const index::Snapshot>> OpenSnapshot();
  // A snapshot of `manifest`.
  absl::StatusOr<std::shared_ptr<const index::Snapshot>> OpenSnapshot(const index::Manifest& manifest);

  absl::StatusOr<std::shared_ptr<const segment::SegmentReader>> OpenSegment(const std::string& name);

  // The deletions `entry` names; none deleted when it names none.
  absl::StatusOr<segment::DeletedDocs> ReadDeletes(const index::SegmentEntry& entry);

 private:
  std::shared_ptr<io::Directory> dir_;
  Schema schema_;
  std::shared_ptr<const index::FieldAnalyzers> analyzers_;
  std::mutex mu_;
  std::map<std::string, std::weak_ptr<const segment::SegmentReader>> readers_;
};

}  // namespace trawl::internal

#endif  // TRAWL_INDEX_INDEX_STATE_H_
