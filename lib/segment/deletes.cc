#include "segment/deletes.h"

#include "absl/strings/str_cat.h"
#include "segment/segment_file.h"
#include "util/checksum.h"
#include "util/coding.h"

namespace trawl::segment {
namespace {
constexpr std::string_view kMagic = "TRAWLDEL";
constexpr uint32_t kVersion = 1;
}  // namespace

std::string DeletedDocs::FileName(const std::string& segment, uint64_t generation) {
  return absl::StrCat(segment, ".", generation, ".del");
}

bool DeletedDocs::Delete(uint32_t doc) {
  if (words_.empty()) words_.resize((doc_count_ + 63) / 64);
  uint64_t bit = uint64_t{1} << (doc & 63);
  if (words_[doc >> 6] & bit) return false;
  words_[doc >> 6] |= bit;
  ++count_;
  return true;
}

std::string DeletedDocs::Encode() const {
  std::string out(kMagic);
  util::PutFixed32(&out, kVersion);
  util::PutFixed32(&out, doc_count_);
  for (size_t i = 0; i < (doc_count_ + 63) / 64; ++i) {
    util::PutFixed64(&out, i < words_.size() ? words_[i] : 0);
  }
  util::PutFixed64(&out, util::Checksum(out));
  return out;
}

absl::StatusOr<DeletedDocs> DeletedDocs::Decode(std::string_view bytes, std::string_view file) {
  if (bytes.size() < 24 || bytes.substr(0, 8) != kMagic) return Corruption(file, "bad magic");
  if (util::LoadFixed64(bytes.data() + bytes.size() - 8) !=
      util::Checksum(bytes.substr(0, bytes.size() - 8))) {
    return Corruption(file, "checksum mismatch");
  }
  if (util::LoadFixed32(bytes.data() + 8) != kVersion) return Corruption(file, "version");
  uint32_t doc_count = util::LoadFixed32(bytes.data() + 12);
  size_t words = (size_t{doc_count} + 63) / 64;
  if (bytes.size() != 16 + words * 8 + 8) return Corruption(file, "size");
  DeletedDocs deleted(doc_count);
  for (size_t i = 0; i < words; ++i) {
    deleted.words_[i] = util::LoadFixed64(bytes.data() + 16 + i * 8);
    deleted.count_ += static_cast<uint32_t>(__builtin_popcountll(deleted.words_[i]));
  }
  if (doc_count % 64 != 0 && words > 0 && (deleted.words_.back() >> (doc_count % 64)) != 0) {
    return Corruption(file, "bits past the last document");
  }
  return deleted;
}

}  // namespace trawl::segment
