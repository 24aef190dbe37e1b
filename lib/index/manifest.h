// The commit manifest: which segments (and which generation of each one's
// deletions) make up the index at one commit, with the schema. A commit is
// the atomic rename of a new manifest into place; the newest manifest is the
// index. File "commit_<generation, 16 hex digits>": "TRAWLCMT", fixed32
// version, fixed64 generation, fixed64 next segment number,
// length-prefixed schema text, varint segment count, per segment
// length-prefixed name, varint doc count, varint deleted count, varint
// deletion generation (0: none), then fixed64 checksum of all before it.
#ifndef TRAWL_INDEX_MANIFEST_H_
#define TRAWL_INDEX_MANIFEST_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "io/directory.h"
#include "trawl/schema.h"

namespace trawl::index {

struct SegmentEntry {
  std::string name;
  uint32_t doc_count = 0;
  uint32_t deleted = 0;
  uint64_t deletes_generation = 0;
  friend bool operator==(const SegmentEntry&, const SegmentEntry&) = default;
};

struct Manifest {
  uint64_t generation = 0;
  uint64_t next_segment = 1;
  Schema schema;
  std::vector<SegmentEntry> segments;

  static std::string FileName(uint64_t generation);
  std::string Encode() const;
  static absl::StatusOr<Manifest> Decode(std::string_view bytes, std::string_view file);
};

// The generation of the newest manifest in `dir`, std::nullopt if none.
absl::StatusOr<std::optional<uint64_t>> NewestGeneration(io::Directory& dir);

// Reads the newest manifest. NotFound when there is no index.
absl::StatusOr<Manifest> ReadNewestManifest(io::Directory& dir);

// Writes `manifest` durably and atomically (io::WriteFileAtomically).
absl::Status WriteManifest(io::Directory& dir, const Manifest& manifest);

// Removes every index file that `manifest` does not reference (old
// manifests, merged or rolled-back segments, old deletions, temporaries),
// except the files of the segments `in_progress` returns (being written or
// not yet committed). It is asked after the folder is listed, so a segment
// named (and listed by it) before its file appears cannot be missed.
// Readers still using a removed segment keep their mapping.
void RemoveUnreferencedFiles(
    io::Directory& dir, const Manifest& manifest,
    const std::function<std::set<std::string>()>& in_progress = nullptr);

}  // namespace trawl::index

#endif  // TRAWL_INDEX_MANIFEST_H_
