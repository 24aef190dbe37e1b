// Deletions of one segment at one commit generation: a bitset, one bit per
// document, set for deleted documents. Segments never change, so a commit
// that deletes from a segment writes a new generation of this file
// ("<segment>.<generation>.del") and the manifest names the live one.
// File: "TRAWLDEL", fixed32 version, fixed32 doc count, the bitset in 64-bit
// little-endian words, fixed64 checksum of everything before it.
#ifndef TRAWL_SEGMENT_DELETES_H_
#define TRAWL_SEGMENT_DELETES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::segment {

class DeletedDocs {
 public:
  DeletedDocs() = default;
  explicit DeletedDocs(uint32_t doc_count) : doc_count_(doc_count), words_((doc_count + 63) / 64) {}

  static std::string FileName(const std::string& segment, uint64_t generation);
  static absl::StatusOr<DeletedDocs> Decode(std::string_view bytes, std::string_view file);
  std::string Encode() const;

  bool deleted(uint32_t doc) const {
    return !words_.empty() && (words_[doc >> 6] >> (doc & 63)) & 1;
  }
  // Returns whether the doc was live before.
  bool Delete(uint32_t doc);
  uint32_t count() const { return count_; }

 private:
  uint32_t doc_count_ = 0;
  uint32_t count_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_DELETES_H_
