// Read access to one segment: opens its file and every component. Immutable
// and shared by every searcher that sees the segment.
#ifndef TRAWL_SEGMENT_SEGMENT_READER_H_
#define TRAWL_SEGMENT_SEGMENT_READER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "io/directory.h"
#include "segment/doc_store.h"
#include "segment/fast_fields.h"
#include "segment/norms.h"
#include "segment/postings.h"
#include "segment/segment_file.h"
#include "segment/segment_meta.h"
#include "segment/term_dictionary.h"

namespace trawl::segment {

// The file name of segment `name`.
std::string SegmentFileName(const std::string& name);

class SegmentReader {
 public:
  static absl::StatusOr<std::shared_ptr<const SegmentReader>> Open(io::Directory& dir,
                                                                   const std::string& name);

  const std::string& name() const { return name_; }
  uint32_t doc_count() const { return meta_.doc_count; }
  const SegmentMeta& meta() const { return meta_; }
  const TermDictionary& terms() const { return terms_; }
  const Norms& norms() const { return norms_; }
  const DocStore& doc_store() const { return doc_store_; }
  const FastFields& fast_fields() const { return fast_fields_; }
  size_t file_size() const { return file_.size(); }
  // Every section's checksum (see SegmentFile::Open for why not at open).
  absl::Status VerifyChecksums() const { return file_.VerifyChecksums(); }
  // Section sizes, for stats.
  size_t section_size(Section s) const { return file_.section(s).size(); }

  // An iterator over the postings of `info` (from terms()).
  absl::Status OpenPostings(const TermInfo& info, PostingsIterator* it) const {
    return it->Reset(file_.section(Section::kPostings), file_.section(Section::kPositions), info,
                     file_.version());
  }

 private:
  SegmentReader() = default;
  std::string name_;
  SegmentFile file_;
  SegmentMeta meta_;
  TermDictionary terms_;
  Norms norms_;
  DocStore doc_store_;
  FastFields fast_fields_;
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_SEGMENT_READER_H_
