// Stored fields: each document's stored values, kept in blocks of about
// kBlockBytes compressed with LZ4 (zstd up to format version 1), and a
// doc -> block index the reader keeps in memory. Fetching a document
// decompresses one block.
#ifndef TRAWL_SEGMENT_DOC_STORE_H_
#define TRAWL_SEGMENT_DOC_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"

namespace trawl::segment {

class SegmentFileWriter;

// How the blocks are compressed. Version 1 segments used zstd (level 1);
// LZ4 since version 2: on 4 KB blocks of news text (reuters21578) it
// compresses about 4x and decompresses about 6x faster than zstd level 1
// (`lz4 -b1 -B4K` vs `zstd -b1 -B4K`), for blocks about 40% larger. Tantivy
// and Lucene's BEST_SPEED make the same choice.
enum class BlockCodec { kZstd, kLz4 };

// One stored value: field number and bytes.
using StoredValue = std::pair<uint32_t, std::string_view>;

class DocStoreWriter {
 public:
  // Small, because every hit decompresses a whole block.
  static constexpr size_t kBlockBytes = 4 * 1024;

  // Documents must be added in doc order, every doc of the segment once.
  absl::Status Add(std::span<const StoredValue> values);
  // The whole section (held in memory until then).
  absl::StatusOr<std::string> Finish();
  // The section into `out`: after StreamTo(&out) the rest of it (blocks
  // were written as they filled), else all of it, releasing it.
  absl::Status Finish(SegmentFileWriter& out);
  // Before the first Add: begins the stored section in `out` and writes
  // each block there as soon as it is compressed (a merge holds no
  // segment's worth of stored text).
  absl::Status StreamTo(SegmentFileWriter* out);
  // Appends `docs` documents as one block already compressed with LZ4
  // (`compressed`, `raw_size` bytes once decompressed), as a merge copies
  // a block none of whose documents it drops; a block being filled is
  // written out first, short.
  absl::Status AddCompressedBlock(std::string_view compressed, uint32_t raw_size, uint32_t docs);
  size_t memory_bytes() const { return out_.capacity() + raw_.capacity() + index_.capacity(); }

 private:
  absl::Status FlushBlock();
  // The index entry of a block of `compressed_size` bytes holding the
  // documents from block_first_doc_ on.
  void RecordBlock(size_t compressed_size, size_t raw_size);
  std::string Trailer();

  std::unique_ptr<char[]> lz4_state_;  // reused: LZ4_sizeofState() bytes
  std::string out_;    // compressed blocks
  std::string raw_;    // the block being filled
  std::string index_;  // per block: first doc delta, offset delta, raw size
  SegmentFileWriter* sink_ = nullptr;  // set by StreamTo
  uint64_t written_ = 0;               // compressed bytes so far
  uint32_t docs_ = 0;
  uint32_t block_first_doc_ = 0;
  uint32_t last_block_doc_ = 0;
  uint64_t last_block_offset_ = 0;
  uint32_t blocks_ = 0;
};

class DocStore {
 public:
  static absl::StatusOr<DocStore> Open(std::string_view section, uint32_t doc_count,
                                       std::string file, BlockCodec codec);
  // The stored values of `doc`, copied out. Thread-safe.
  absl::StatusOr<std::vector<std::pair<uint32_t, std::string>>> Get(uint32_t doc) const;

  // Calls `visit` for every document in order, decompressing each block
  // once (merging reads every document).
  absl::Status Scan(
      absl::FunctionRef<absl::Status(uint32_t doc, std::span<const StoredValue> values)> visit) const;

  // Block by block, for a merge that copies whole blocks: block b holds
  // docs [block_first_doc(b), block_first_doc(b + 1)) (doc_count() for the
  // last), stored as compressed_block(b) in codec(), raw_size(b) bytes once
  // decompressed. ScanBlock visits the documents of one block.
  size_t block_count() const { return first_doc_.size(); }
  uint32_t block_first_doc(size_t block) const {
    return block < first_doc_.size() ? first_doc_[block] : doc_count_;
  }
  std::string_view compressed_block(size_t block) const {
    return data_.substr(offset_[block], offset_[block + 1] - offset_[block]);
  }
  uint32_t raw_size(size_t block) const { return raw_size_[block]; }
  BlockCodec codec() const { return codec_; }
  uint32_t doc_count() const { return doc_count_; }
  absl::Status ScanBlock(
      size_t block,
      absl::FunctionRef<absl::Status(uint32_t doc, std::span<const StoredValue> values)> visit) const;

 private:
  absl::StatusOr<std::string> ReadBlock(size_t block) const;
  // ReadBlock through a small cache of recently decompressed blocks: hits
  // of one query, and of successive queries, often share blocks.
  absl::StatusOr<std::shared_ptr<const std::string>> CachedBlock(size_t block) const;

  struct BlockCache {
    static constexpr size_t kBlocks = 64;
    std::mutex mu;
    std::vector<std::pair<size_t, std::shared_ptr<const std::string>>> entries;  // LRU last
  };

  std::string_view data_;
  std::vector<uint32_t> first_doc_;
  std::vector<uint64_t> offset_;  // block i is [offset_[i], offset_[i+1])
  std::vector<uint32_t> raw_size_;
  uint32_t doc_count_ = 0;
  BlockCodec codec_ = BlockCodec::kLz4;
  std::string file_;
  std::shared_ptr<BlockCache> cache_ = std::make_shared<BlockCache>();
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_DOC_STORE_H_
