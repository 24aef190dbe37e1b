#include "segment/term_dictionary.h"

#include <algorithm>

#include "segment/segment_file.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace trawl::segment {

std::string TermKey(uint32_t field, std::string_view term) {
  std::string key(1, static_cast<char>(field));
  key.append(term);
  return key;
}

// Entry: varint shared-prefix length, varint suffix length, suffix, varint
// doc_freq, varint (total_term_freq - doc_freq), varint postings offset and
// varint positions offset, both as deltas from the previous entry of the
// block (absolute for its first entry).
void TermDictionaryWriter::Add(std::string_view key, const TermInfo& info) {
  size_t shared = 0;
  if (num_terms_ % kBlockTerms == 0) {
    StartBlock(key);
    last_info_ = TermInfo{};
  } else {
    size_t limit = std::min(key.size(), last_key_.size());
    while (shared < limit && key[shared] == last_key_[shared]) ++shared;
  }
  util::PutVarint64(&out_, shared);
  util::PutLengthPrefixed(&out_, key.substr(shared));
  util::PutVarint32(&out_, info.doc_freq);
  util::PutVarint64(&out_, info.total_term_freq - info.doc_freq);
  util::PutVarint64(&out_, info.postings_offset - last_info_.postings_offset);
  util::PutVarint64(&out_, info.positions_offset - last_info_.positions_offset);
  last_key_.assign(key);
  last_info_ = info;
  ++num_terms_;
}

void TermDictionaryWriter::StartBlock(std::string_view key) {
  util::PutLengthPrefixed(&index_, key);
  util::PutVarint64(&index_, out_.size());
  ++num_blocks_;
}

// Section: blocks, then the index (per block: length-prefixed first key,
// varint offset), then fixed64 index offset, fixed64 term count, fixed32
// block count.
std::string TermDictionaryWriter::Finish() {
  uint64_t index_offset = out_.size();
  out_.append(index_);
  util::PutFixed64(&out_, index_offset);
  util::PutFixed64(&out_, num_terms_);
  util::PutFixed32(&out_, num_blocks_);
  return std::move(out_);
}

absl::StatusOr<TermDictionary> TermDictionary::Open(std::string_view section,
                                                    std::string file_name) {
  if (section.size() < 20) return Corruption(file_name, "term dictionary too short");
  const char* tail = section.data() + section.size() - 20;
  uint64_t index_offset = util::LoadFixed64(tail);
  uint64_t num_terms = util::LoadFixed64(tail + 8);
  uint32_t num_blocks = util::LoadFixed32(tail + 16);
  if (index_offset > section.size() - 20 ||
      num_blocks != (num_terms + TermDictionaryWriter::kBlockTerms - 1) /
                        TermDictionaryWriter::kBlockTerms) {
    return Corruption(file_name, "term dictionary trailer");
  }
  TermDictionary dict;
  dict.file_ = std::move(file_name);
  dict.num_terms_ = num_terms;
  dict.data_ = section.substr(0, index_offset);
  util::Decoder index(section.substr(index_offset, section.size() - 20 - index_offset));
  for (uint32_t i = 0; i < num_blocks; ++i) {
    std::string_view key;
    uint64_t offset;
    if (!index.GetLengthPrefixed(&key) || !index.GetVarint64(&offset) ||
        offset > index_offset ||
        (!dict.block_offsets_.empty() && offset <= dict.block_offsets_.back()) ||
        (!dict.first_keys_.empty() && key <= dict.first_keys_.back())) {
      return Corruption(dict.file_, "term dictionary index");
    }
    dict.first_keys_.push_back(key);
    dict.block_offsets_.push_back(offset);
  }
  dict.block_offsets_.push_back(index_offset);
  return dict;
}

absl::Status TermDictionary::LoadBlock(size_t block, Iterator* it) const {
  it->block_ = block;
  it->in_block_ = 0;
  it->pos_ = data_.data() + block_offsets_[block];
  it->end_ = data_.data() + block_offsets_[block + 1];
  it->key_.clear();
  it->info_ = TermInfo{};
  return DecodeEntry(it);
}

namespace {

// One entry as stored; `info` accumulates the block's offset deltas.
struct Entry {
  uint64_t shared;
  std::string_view suffix;
};

bool ReadEntry(util::Decoder& d, Entry& e, TermInfo& info) {
  uint64_t ttf_extra, postings_delta, positions_delta;
  if (!d.GetVarint64(&e.shared) || !d.GetLengthPrefixed(&e.suffix) ||
      !d.GetVarint32(&info.doc_freq) || !d.GetVarint64(&ttf_extra) ||
      !d.GetVarint64(&postings_delta) || !d.GetVarint64(&positions_delta)) {
    return false;
  }
  info.total_term_freq = info.doc_freq + ttf_extra;
  info.postings_offset += postings_delta;
  info.positions_offset += positions_delta;
  return true;
}

}  // namespace

absl::Status TermDictionary::DecodeEntry(Iterator* it) const {
  util::Decoder d(std::string_view(it->pos_, static_cast<size_t>(it->end_ - it->pos_)));
  Entry e;
  if (!ReadEntry(d, e, it->info_) || e.shared > it->key_.size()) {
    return Corruption(file_, "term dictionary entry");
  }
  it->key_.resize(e.shared);
  it->key_.append(e.suffix);
  it->pos_ = d.ptr();
  ++it->in_block_;
  it->valid_ = true;
  return absl::OkStatus();
}

absl::Status TermDictionary::Iterator::Next() {
  if (!valid_) return absl::OkStatus();
  if (pos_ < end_ && in_block_ < TermDictionaryWriter::kBlockTerms) {
    return dict_->DecodeEntry(this);
  }
  if (block_ + 1 >= dict_->first_keys_.size()) {
    valid_ = false;
    return absl::OkStatus();
  }
  return dict_->LoadBlock(block_ + 1, this);
}

absl::StatusOr<TermDictionary::Iterator> TermDictionary::Seek(std::string_view key) const {
  Iterator it;
  it.dict_ = this;
  TRAWL_RETURN_IF_ERROR(it.Seek(key));
  return it;
}

absl::Status TermDictionary::Iterator::Seek(std::string_view key) {
  const std::vector<std::string_view>& first_keys = dict_->first_keys_;
  if (first_keys.empty()) {
    valid_ = false;
    return absl::OkStatus();
  }
  // Ahead in the current block (before the next block's first key): the
  // entries from here on are the ones to scan.
  const bool ahead_in_block = valid_ && std::string_view(key_) < key &&
                              (block_ + 1 >= first_keys.size() || key < first_keys[block_ + 1]);
  if (!ahead_in_block) {
    // The last block whose first key is <= key; the key can only be there
    // or, if greater than every key of it, at the start of the next block.
    auto upper = std::upper_bound(first_keys.begin(), first_keys.end(), key);
    size_t block =
        upper == first_keys.begin() ? 0 : static_cast<size_t>(upper - first_keys.begin()) - 1;
    TRAWL_RETURN_IF_ERROR(dict_->LoadBlock(block, this));
  }
  while (valid_ && std::string_view(key_) < key) {
    TRAWL_RETURN_IF_ERROR(Next());
  }
  return absl::OkStatus();
}

// Scans the one block that can hold `key` without rebuilding its keys:
// `matched` is how many leading bytes the previous entry, smaller than
// `key`, shares with it. An entry sharing more with its predecessor is
// smaller still; one sharing less is greater, and so is every later one;
// only an entry sharing exactly `matched` bytes needs its suffix compared.
absl::StatusOr<std::optional<TermInfo>> TermDictionary::Find(std::string_view key) const {
  auto upper = std::upper_bound(first_keys_.begin(), first_keys_.end(), key);
  if (upper == first_keys_.begin()) return std::nullopt;  // before every key
  size_t block = static_cast<size_t>(upper - first_keys_.begin()) - 1;
  util::Decoder d(data_.substr(block_offsets_[block],
                               block_offsets_[block + 1] - block_offsets_[block]));
  TermInfo info;
  size_t matched = 0;
  for (size_t i = 0; i < TermDictionaryWriter::kBlockTerms && d.remaining() > 0; ++i) {
    Entry e;
    if (!ReadEntry(d, e, info) || (i == 0 && e.shared != 0)) {
      return Corruption(file_, "term dictionary entry");
    }
    if (e.shared < matched) return std::nullopt;
    if (e.shared > matched) continue;
    std::string_view rest = key.substr(matched);
    size_t common = static_cast<size_t>(
        std::mismatch(e.suffix.begin(), e.suffix.end(), rest.begin(), rest.end()).first -
        e.suffix.begin());
    matched += common;
    if (common == e.suffix.size()) {
      if (common == rest.size()) return info;
      continue;  // a proper prefix of key: smaller
    }
    if (common == rest.size() ||
        static_cast<unsigned char>(e.suffix[common]) > static_cast<unsigned char>(rest[common])) {
      return std::nullopt;  // greater than key
    }
  }
  return std::nullopt;
}

}  // namespace trawl::segment
