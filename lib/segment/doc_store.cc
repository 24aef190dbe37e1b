#include "segment/doc_store.h"

#include <lz4.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "segment/segment_file.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace trawl::segment {

// A document in a raw block: varint value count, then per value varint field
// and length-prefixed bytes.
absl::Status DocStoreWriter::Add(std::span<const StoredValue> values) {
  if (raw_.empty()) block_first_doc_ = docs_;
  util::PutVarint64(&raw_, values.size());
  for (const auto& [field, bytes] : values) {
    util::PutVarint32(&raw_, field);
    util::PutLengthPrefixed(&raw_, bytes);
  }
  ++docs_;
  if (raw_.size() >= kBlockBytes) return FlushBlock();
  return absl::OkStatus();
}

absl::Status DocStoreWriter::StreamTo(SegmentFileWriter* out) {
  if (docs_ > 0) return absl::InternalError("a doc store streams from its first document");
  TRAWL_RETURN_IF_ERROR(out->BeginSection(Section::kStored));
  sink_ = out;
  return absl::OkStatus();
}

absl::Status DocStoreWriter::FlushBlock() {
  if (raw_.empty()) return absl::OkStatus();
  if (raw_.size() > LZ4_MAX_INPUT_SIZE) {
    return absl::InvalidArgumentError("stored fields of one document exceed LZ4's 2 GB limit");
  }
  if (lz4_state_ == nullptr) lz4_state_ = std::make_unique<char[]>(LZ4_sizeofState());
  const int raw_size = static_cast<int>(raw_.size());
  const int bound = LZ4_compressBound(raw_size);
  // Streaming, each block is compressed into out_ and written out at once.
  if (sink_ != nullptr) out_.clear();
  size_t start = out_.size();
  out_.resize(start + static_cast<size_t>(bound));
  int n = LZ4_compress_fast_extState(lz4_state_.get(), raw_.data(), out_.data() + start,
                                     raw_size, bound, /*acceleration=*/1);
  if (n <= 0) return absl::InternalError("LZ4 could not compress a stored block");
  out_.resize(start + static_cast<size_t>(n));
  if (sink_ != nullptr) TRAWL_RETURN_IF_ERROR(sink_->Append(out_));
  RecordBlock(static_cast<size_t>(n), raw_.size());
  raw_.clear();
  return absl::OkStatus();
}

void DocStoreWriter::RecordBlock(size_t compressed_size, size_t raw_size) {
  const uint64_t offset = written_;
  written_ += compressed_size;
  util::PutVarint32(&index_, block_first_doc_ - last_block_doc_);
  util::PutVarint64(&index_, offset - last_block_offset_);
  util::PutVarint64(&index_, raw_size);
  last_block_doc_ = block_first_doc_;
  last_block_offset_ = offset;
  ++blocks_;
}

absl::Status DocStoreWriter::AddCompressedBlock(std::string_view compressed, uint32_t raw_size,
                                                uint32_t docs) {
  if (docs == 0 || compressed.empty()) {
    return absl::InternalError("a stored block holds at least one document");
  }
  TRAWL_RETURN_IF_ERROR(FlushBlock());
  block_first_doc_ = docs_;
  if (sink_ != nullptr) {
    TRAWL_RETURN_IF_ERROR(sink_->Append(compressed));
  } else {
    out_.append(compressed);
  }
  RecordBlock(compressed.size(), raw_size);
  docs_ += docs;
  return absl::OkStatus();
}

// Section: compressed blocks, the index, fixed64 index offset, fixed32
// block count.
std::string DocStoreWriter::Trailer() {
  std::string trailer = std::move(index_);
  util::PutFixed64(&trailer, written_);
  util::PutFixed32(&trailer, blocks_);
  return trailer;
}

absl::StatusOr<std::string> DocStoreWriter::Finish() {
  if (sink_ != nullptr) return absl::InternalError("a streaming doc store finishes into its file");
  TRAWL_RETURN_IF_ERROR(FlushBlock());
  out_.append(Trailer());
  return std::move(out_);
}

absl::Status DocStoreWriter::Finish(SegmentFileWriter& out) {
  TRAWL_RETURN_IF_ERROR(FlushBlock());
  if (sink_ == nullptr) {
    TRAWL_RETURN_IF_ERROR(out.BeginSection(Section::kStored));
    TRAWL_RETURN_IF_ERROR(out.Append(out_));
    // Released before the rest of the segment is built (assigning an empty
    // string would keep the capacity).
    std::string().swap(out_);
  } else if (sink_ != &out) {
    return absl::InternalError("a streaming doc store finishes into its own file");
  }
  TRAWL_RETURN_IF_ERROR(out.Append(Trailer()));
  return out.EndSection();
}

absl::StatusOr<DocStore> DocStore::Open(std::string_view section, uint32_t doc_count,
                                        std::string file, BlockCodec codec) {
  if (section.size() < 12) return Corruption(file, "doc store too short");
  const char* tail = section.data() + section.size() - 12;
  uint64_t index_offset = util::LoadFixed64(tail);
  uint32_t blocks = util::LoadFixed32(tail + 8);
  if (index_offset > section.size() - 12 || blocks > doc_count) {
    return Corruption(file, "doc store trailer");
  }
  DocStore store;
  store.doc_count_ = doc_count;
  store.codec_ = codec;
  store.data_ = section.substr(0, index_offset);
  util::Decoder d(section.substr(index_offset, section.size() - 12 - index_offset));
  uint32_t doc = 0;
  uint64_t offset = 0;
  for (uint32_t i = 0; i < blocks; ++i) {
    uint32_t doc_delta, raw_size;
    uint64_t offset_delta;
    if (!d.GetVarint32(&doc_delta) || !d.GetVarint64(&offset_delta) ||
        !d.GetVarint32(&raw_size) || (i > 0 && (doc_delta == 0 || offset_delta == 0))) {
      return Corruption(file, "doc store index");
    }
    doc += doc_delta;
    offset += offset_delta;
    if (doc >= doc_count || offset >= index_offset) return Corruption(file, "doc store index");
    store.first_doc_.push_back(doc);
    store.offset_.push_back(offset);
    store.raw_size_.push_back(raw_size);
  }
  if ((blocks == 0) != (doc_count == 0) || (blocks > 0 && store.first_doc_[0] != 0)) {
    return Corruption(file, "doc store index");
  }
  store.offset_.push_back(index_offset);
  store.file_ = std::move(file);
  return store;
}

namespace {

// Decodes the next document of a raw block into `values` (views into the
// block).
bool NextDocument(util::Decoder& d, std::vector<StoredValue>& values) {
  uint64_t count;
  if (!d.GetVarint64(&count) || count > d.remaining()) return false;
  values.clear();
  for (uint64_t i = 0; i < count; ++i) {
    uint32_t field;
    std::string_view bytes;
    if (!d.GetVarint32(&field) || !d.GetLengthPrefixed(&bytes)) return false;
    values.emplace_back(field, bytes);
  }
  return true;
}

// ZSTD_decompress() allocates and initializes a fresh context of ~160 KB on
// every call; with one per thread, loading the hits of a search costs only
// the decompression, and searching threads no longer contend in malloc.
ZSTD_DCtx* ThreadDecompressionContext() {
  struct Deleter {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
  };
  thread_local std::unique_ptr<ZSTD_DCtx, Deleter> context(ZSTD_createDCtx());
  return context.get();
}

}  // namespace

absl::StatusOr<std::string> DocStore::ReadBlock(size_t block) const {
  std::string raw(raw_size_[block], '\0');
  std::string_view compressed = data_.substr(offset_[block], offset_[block + 1] - offset_[block]);
  if (codec_ == BlockCodec::kLz4) {
    // The safe decoder never reads or writes out of bounds, whatever the input.
    if (raw.size() > LZ4_MAX_INPUT_SIZE || compressed.size() > LZ4_MAX_INPUT_SIZE ||
        LZ4_decompress_safe(compressed.data(), raw.data(), static_cast<int>(compressed.size()),
                            static_cast<int>(raw.size())) != static_cast<int>(raw.size())) {
      return Corruption(file_, "doc store block");
    }
    return raw;
  }
  ZSTD_DCtx* context = ThreadDecompressionContext();
  if (context == nullptr) return absl::ResourceExhaustedError("zstd: cannot allocate a context");
  size_t n = ZSTD_decompressDCtx(context, raw.data(), raw.size(), compressed.data(),
                                 compressed.size());
  if (ZSTD_isError(n) || n != raw.size()) return Corruption(file_, "doc store block");
  return raw;
}

absl::StatusOr<std::shared_ptr<const std::string>> DocStore::CachedBlock(size_t block) const {
  {
    std::lock_guard<std::mutex> lock(cache_->mu);
    auto& e = cache_->entries;
    for (size_t i = 0; i < e.size(); ++i) {
      if (e[i].first == block) {
        std::rotate(e.begin() + static_cast<std::ptrdiff_t>(i),
                    e.begin() + static_cast<std::ptrdiff_t>(i) + 1, e.end());
        return e.back().second;
      }
    }
  }
  TRAWL_ASSIGN_OR_RETURN(std::string raw, ReadBlock(block));
  auto shared = std::make_shared<const std::string>(std::move(raw));
  std::lock_guard<std::mutex> lock(cache_->mu);
  auto& e = cache_->entries;
  if (e.size() >= BlockCache::kBlocks) e.erase(e.begin());
  e.emplace_back(block, shared);
  return shared;
}

absl::StatusOr<std::vector<std::pair<uint32_t, std::string>>> DocStore::Get(uint32_t doc) const {
  if (doc >= doc_count_) {
    return absl::OutOfRangeError(absl::StrCat("no document ", doc, " in ", file_));
  }
  size_t block = static_cast<size_t>(
      std::upper_bound(first_doc_.begin(), first_doc_.end(), doc) - first_doc_.begin() - 1);
  TRAWL_ASSIGN_OR_RETURN(std::shared_ptr<const std::string> raw, CachedBlock(block));
  util::Decoder d(*raw);
  std::vector<StoredValue> values;
  for (uint32_t at = first_doc_[block]; at <= doc; ++at) {
    if (!NextDocument(d, values)) return Corruption(file_, "stored document");
  }
  std::vector<std::pair<uint32_t, std::string>> out;
  for (const auto& [field, bytes] : values) out.emplace_back(field, std::string(bytes));
  return out;
}

absl::Status DocStore::ScanBlock(
    size_t block,
    absl::FunctionRef<absl::Status(uint32_t doc, std::span<const StoredValue> values)> visit) const {
  TRAWL_ASSIGN_OR_RETURN(std::string raw, ReadBlock(block));
  std::vector<StoredValue> values;
  const uint32_t end = block_first_doc(block + 1);
  util::Decoder d(raw);
  for (uint32_t doc = first_doc_[block]; doc < end; ++doc) {
    if (!NextDocument(d, values)) return Corruption(file_, "stored document");
    TRAWL_RETURN_IF_ERROR(visit(doc, values));
  }
  return absl::OkStatus();
}

absl::Status DocStore::Scan(
    absl::FunctionRef<absl::Status(uint32_t doc, std::span<const StoredValue> values)> visit) const {
  for (size_t block = 0; block < first_doc_.size(); ++block) {
    TRAWL_RETURN_IF_ERROR(ScanBlock(block, visit));
  }
  return absl::OkStatus();
}

}  // namespace trawl::segment
