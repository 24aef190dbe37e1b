// The term dictionary: every (field, term) of a segment, sorted by key, with
// where its postings start. Keys are one byte of field number followed by
// the term's bytes, so one field's terms are contiguous and in byte order.
//
// Stored as front-coded blocks of kBlockTerms entries plus a block index
// (each block's first key) that the reader keeps in memory: a lookup is a
// binary search over the index and a scan of one block.
#ifndef TRAWL_SEGMENT_TERM_DICTIONARY_H_
#define TRAWL_SEGMENT_TERM_DICTIONARY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::segment {

struct TermInfo {
  uint32_t doc_freq = 0;
  uint64_t total_term_freq = 0;
  uint64_t postings_offset = 0;   // into the postings section
  uint64_t positions_offset = 0;  // into the positions section
  friend bool operator==(const TermInfo&, const TermInfo&) = default;
};

// The key of `term` in field number `field`.
std::string TermKey(uint32_t field, std::string_view term);

class TermDictionaryWriter {
 public:
  static constexpr size_t kBlockTerms = 32;

  // Keys must come in strictly increasing byte order.
  void Add(std::string_view key, const TermInfo& info);
  // The finished section.
  std::string Finish();

 private:
  void StartBlock(std::string_view key);
  std::string out_;
  std::string index_;  // first key and offset of each block
  std::string last_key_;
  TermInfo last_info_;
  uint64_t num_terms_ = 0;
  uint32_t num_blocks_ = 0;
};

class TermDictionary {
 public:
  // Parses the block index; blocks are checked as they are read.
  static absl::StatusOr<TermDictionary> Open(std::string_view section,
                                             std::string file_name);

  // The entry for `key`, std::nullopt if absent; an error only for damage.
  absl::StatusOr<std::optional<TermInfo>> Find(std::string_view key) const;

  uint64_t num_terms() const { return num_terms_; }

  // Walks keys in order from a starting point.
  class Iterator {
   public:
    bool Valid() const { return valid_; }
    std::string_view key() const { return key_; }
    const TermInfo& info() const { return info_; }
    absl::Status Next();
    // Moves to the first key >= `key` (as TermDictionary::Seek, reusing this
    // iterator's buffers); scans forward without a block search when `key`
    // is in the rest of the current block. An error only for damage.
    absl::Status Seek(std::string_view key);

   private:
    friend class TermDictionary;
    const TermDictionary* dict_ = nullptr;
    size_t block_ = 0;
    size_t in_block_ = 0;    // entries decoded in this block
    const char* pos_ = nullptr;
    const char* end_ = nullptr;
    std::string key_;
    TermInfo info_;
    bool valid_ = false;
  };

  // An iterator at the first key >= `key`.
  absl::StatusOr<Iterator> Seek(std::string_view key) const;

 private:
  absl::Status LoadBlock(size_t block, Iterator* it) const;
  absl::Status DecodeEntry(Iterator* it) const;

  std::string_view data_;  // the blocks
  std::vector<std::string_view> first_keys_;
  std::vector<uint64_t> block_offsets_;  // block i is [off[i], off[i+1])
  uint64_t num_terms_ = 0;
  std::string file_;
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_TERM_DICTIONARY_H_
