#include "segment/segment_reader.h"

#include "util/status_macros.h"

namespace trawl::segment {

std::string SegmentFileName(const std::string& name) { return name + ".seg"; }

absl::StatusOr<std::shared_ptr<const SegmentReader>> SegmentReader::Open(
    io::Directory& dir, const std::string& name) {
  std::string file_name = SegmentFileName(name);
  TRAWL_ASSIGN_OR_RETURN(auto data, dir.Read(file_name));
  std::shared_ptr<SegmentReader> reader(new SegmentReader());
  reader->name_ = name;
  TRAWL_ASSIGN_OR_RETURN(reader->file_, SegmentFile::Open(std::move(data), file_name));
  const SegmentFile& f = reader->file_;
  TRAWL_ASSIGN_OR_RETURN(reader->meta_, SegmentMeta::Decode(f.section(Section::kMeta), file_name));
  uint32_t docs = reader->meta_.doc_count;
  TRAWL_ASSIGN_OR_RETURN(reader->terms_, TermDictionary::Open(f.section(Section::kTerms), file_name));
  TRAWL_ASSIGN_OR_RETURN(reader->norms_, Norms::Open(f.section(Section::kNorms), docs, file_name));
  TRAWL_ASSIGN_OR_RETURN(reader->doc_store_,
                         DocStore::Open(f.section(Section::kStored), docs, file_name,
                                        f.version() >= 2 ? BlockCodec::kLz4 : BlockCodec::kZstd));
  TRAWL_ASSIGN_OR_RETURN(reader->fast_fields_,
                         FastFields::Open(f.section(Section::kFast), docs, file_name));
  return reader;
}

}  // namespace trawl::segment
