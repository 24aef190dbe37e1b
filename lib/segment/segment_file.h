// The container of one segment: a single file of checksummed sections, one
// per component (term dictionary, postings, positions, norms, stored fields,
// fast fields, meta). docs/format.md gives the layout byte by byte.
//
// A segment is written once and never modified; deletions live beside it.
#ifndef TRAWL_SEGMENT_SEGMENT_FILE_H_
#define TRAWL_SEGMENT_SEGMENT_FILE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "io/directory.h"
#include "util/checksum.h"

namespace trawl::segment {

// Written by this code; readers also take every version from
// kOldestSegmentFormatVersion on (docs/format.md lists what changed).
inline constexpr uint32_t kSegmentFormatVersion = 4;
inline constexpr uint32_t kOldestSegmentFormatVersion = 1;

enum class Section : uint32_t {
  kMeta = 1,
  kTerms = 2,
  kPostings = 3,
  kPositions = 4,
  kNorms = 5,
  kStored = 6,
  kFast = 7,
};
inline constexpr uint32_t kMaxSection = 7;

// "corruption in <file>: <what>" as a DataLoss status: the one error every
// reader returns for a damaged file.
absl::Status Corruption(std::string_view file, std::string_view what);

class SegmentFileWriter {
 public:
  explicit SegmentFileWriter(std::unique_ptr<io::WritableFile> file);

  // Appends one section; each id at most once, in any order.
  absl::Status Add(Section id, std::string_view bytes);
  // The same, for a section written in pieces, so that it is never held
  // whole: BeginSection, then Append as often as needed, then EndSection.
  absl::Status BeginSection(Section id);
  absl::Status Append(std::string_view bytes);
  absl::Status EndSection();
  // Writes the section table and footer, fsyncs and closes the file.
  absl::Status Finish();

 private:
  absl::Status WritePending();

  std::unique_ptr<io::WritableFile> file_;
  std::string table_;
  uint32_t count_ = 0;
  uint64_t offset_ = 0;  // of the end of what Append took
  // The open section.
  Section section_{};
  uint64_t section_offset_ = 0;
  std::unique_ptr<util::StreamingChecksum> checksum_;  // null: none open
  std::string pending_;  // appended, not yet written (pieces are small)
};

class SegmentFile {
 public:
  // Checks the header, footer and section table, and the checksums of the
  // small sections read whole at open (meta, norms, fast fields). The bulk
  // sections (terms, postings, positions, stored fields: nearly all the
  // bytes) are verified only by VerifyChecksums(), as Lucene verifies them
  // only in CheckIndex and merges: opening stays O(1) in the index size
  // instead of reading every page. Their readers are bounded, so damage
  // there gives a DataLoss status or wrong hits, never a crash.
  static absl::StatusOr<SegmentFile> Open(std::shared_ptr<const io::FileData> data,
                                          std::string name);

  // Verifies the checksum of every section.
  absl::Status VerifyChecksums() const;

  // The bytes of a section; empty when the segment has none.
  std::string_view section(Section id) const {
    return sections_[static_cast<uint32_t>(id)];
  }
  const std::string& name() const { return name_; }
  size_t size() const { return data_->data().size(); }
  uint32_t version() const { return version_; }

 private:
  absl::Status VerifyChecksum(uint32_t id) const;

  std::shared_ptr<const io::FileData> data_;
  std::string name_;
  uint32_t version_ = 0;
  std::array<std::string_view, kMaxSection + 1> sections_{};
  std::array<uint64_t, kMaxSection + 1> checksums_{};
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_SEGMENT_FILE_H_
