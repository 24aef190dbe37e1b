#include "segment/segment_file.h"

#include "absl/strings/str_cat.h"
#include "util/checksum.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace trawl::segment {
namespace {

constexpr std::string_view kHeaderMagic = "TRAWLSEG";
constexpr std::string_view kFooterMagic = "TRAWLEND";
constexpr size_t kHeaderSize = 16;  // magic, version, reserved
constexpr size_t kFooterSize = 24;  // table offset, table checksum, magic
constexpr size_t kTableEntrySize = 4 + 8 + 8 + 8;

}  // namespace

absl::Status Corruption(std::string_view file, std::string_view what) {
  return absl::DataLossError(absl::StrCat("corruption in ", std::string(file), ": ", std::string(what)));
}

SegmentFileWriter::SegmentFileWriter(std::unique_ptr<io::WritableFile> file)
    : file_(std::move(file)) {}

absl::Status SegmentFileWriter::Add(Section id, std::string_view bytes) {
  TRAWL_RETURN_IF_ERROR(BeginSection(id));
  TRAWL_RETURN_IF_ERROR(Append(bytes));
  return EndSection();
}

absl::Status SegmentFileWriter::BeginSection(Section id) {
  if (checksum_ != nullptr) return absl::InternalError("a segment section is already open");
  if (offset_ == 0) {
    pending_.append(kHeaderMagic);
    util::PutFixed32(&pending_, kSegmentFormatVersion);
    util::PutFixed32(&pending_, 0);
    offset_ = pending_.size();
  }
  section_ = id;
  section_offset_ = offset_;
  checksum_ = std::make_unique<util::StreamingChecksum>();
  return absl::OkStatus();
}

absl::Status SegmentFileWriter::Append(std::string_view bytes) {
  if (checksum_ == nullptr) return absl::InternalError("no segment section is open");
  checksum_->Update(bytes);
  offset_ += bytes.size();
  constexpr size_t kWriteBytes = size_t{1} << 20;
  if (pending_.size() + bytes.size() < kWriteBytes) {
    pending_.append(bytes);
    return absl::OkStatus();
  }
  TRAWL_RETURN_IF_ERROR(WritePending());
  return file_->Append(bytes);
}

absl::Status SegmentFileWriter::EndSection() {
  if (checksum_ == nullptr) return absl::InternalError("no segment section is open");
  util::PutFixed32(&table_, static_cast<uint32_t>(section_));
  util::PutFixed64(&table_, section_offset_);
  util::PutFixed64(&table_, offset_ - section_offset_);
  util::PutFixed64(&table_, checksum_->Digest());
  checksum_.reset();
  ++count_;
  return absl::OkStatus();
}

absl::Status SegmentFileWriter::WritePending() {
  absl::Status s = file_->Append(pending_);
  pending_.clear();
  return s;
}

absl::Status SegmentFileWriter::Finish() {
  if (checksum_ != nullptr) return absl::InternalError("a segment section is still open");
  TRAWL_RETURN_IF_ERROR(WritePending());
  std::string tail;
  util::PutFixed32(&tail, count_);
  tail.append(table_);
  std::string footer;
  util::PutFixed64(&footer, offset_);
  util::PutFixed64(&footer, util::Checksum(tail));
  footer.append(kFooterMagic);
  TRAWL_RETURN_IF_ERROR(file_->Append(tail));
  TRAWL_RETURN_IF_ERROR(file_->Append(footer));
  TRAWL_RETURN_IF_ERROR(file_->Sync());
  return file_->Close();
}

absl::StatusOr<SegmentFile> SegmentFile::Open(std::shared_ptr<const io::FileData> data,
                                              std::string name) {
  std::string_view bytes = data->data();
  if (bytes.size() < kHeaderSize + 4 + kFooterSize) {
    return Corruption(name, "file too short");
  }
  if (bytes.substr(0, kHeaderMagic.size()) != kHeaderMagic) {
    return Corruption(name, "bad header magic");
  }
  uint32_t version = util::LoadFixed32(bytes.data() + kHeaderMagic.size());
  if (version < kOldestSegmentFormatVersion || version > kSegmentFormatVersion) {
    return Corruption(name, absl::StrCat("unsupported format version ", version));
  }
  if (util::LoadFixed32(bytes.data() + kHeaderMagic.size() + 4) != 0) {
    return Corruption(name, "bad header");
  }
  const char* footer = bytes.data() + bytes.size() - kFooterSize;
  if (std::string_view(footer + 16, 8) != kFooterMagic) {
    return Corruption(name, "bad footer magic (truncated file?)");
  }
  uint64_t table_offset = util::LoadFixed64(footer);
  uint64_t table_checksum = util::LoadFixed64(footer + 8);
  size_t table_end = bytes.size() - kFooterSize;
  if (table_offset < kHeaderSize || table_offset + 4 > table_end) {
    return Corruption(name, "section table out of bounds");
  }
  std::string_view table = bytes.substr(table_offset, table_end - table_offset);
  if (util::Checksum(table) != table_checksum) {
    return Corruption(name, "section table checksum mismatch");
  }
  uint32_t count = util::LoadFixed32(table.data());
  if (table.size() != 4 + size_t{count} * kTableEntrySize) {
    return Corruption(name, "section table size mismatch");
  }
  SegmentFile file;
  for (uint32_t i = 0; i < count; ++i) {
    const char* e = table.data() + 4 + i * kTableEntrySize;
    uint32_t id = util::LoadFixed32(e);
    uint64_t offset = util::LoadFixed64(e + 4);
    uint64_t length = util::LoadFixed64(e + 12);
    uint64_t checksum = util::LoadFixed64(e + 20);
    if (id == 0 || id > kMaxSection || offset < kHeaderSize || offset > table_offset ||
        length > table_offset - offset) {
      return Corruption(name, absl::StrCat("bad entry for section ", id));
    }
    file.sections_[id] = bytes.substr(offset, length);
    file.checksums_[id] = checksum;
  }
  file.data_ = std::move(data);
  file.name_ = std::move(name);
  file.version_ = version;
  for (Section eager : {Section::kMeta, Section::kNorms, Section::kFast}) {
    TRAWL_RETURN_IF_ERROR(file.VerifyChecksum(static_cast<uint32_t>(eager)));
  }
  return file;
}

absl::Status SegmentFile::VerifyChecksum(uint32_t id) const {
  if (util::Checksum(sections_[id]) != checksums_[id]) {
    return Corruption(name_, absl::StrCat("checksum mismatch in section ", id));
  }
  return absl::OkStatus();
}

absl::Status SegmentFile::VerifyChecksums() const {
  for (uint32_t id = 1; id <= kMaxSection; ++id) TRAWL_RETURN_IF_ERROR(VerifyChecksum(id));
  return absl::OkStatus();
}

}  // namespace trawl::segment
