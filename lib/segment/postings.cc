#include "segment/postings.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "util/coding.h"

namespace trawl::segment {

using util::kPackBlock;

namespace {

// The end of the first `n` varints in [p, end), or nullptr if there are
// fewer. Counts terminating bytes (high bit clear) eight at a time: the
// positions of the docs a phrase skips over are never decoded.
const char* SkipVarints(const char* p, const char* end, uint64_t n) {
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  while (n >= 8 && end - p >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    const uint64_t ends = static_cast<uint64_t>(std::popcount(~word & kHighBits));
    if (ends >= n) break;  // the n-th end lies in this word
    n -= ends;
    p += 8;
  }
  for (; n > 0 && p < end; ++p) n -= (static_cast<uint8_t>(*p) & 0x80) == 0;
  return n == 0 ? p : nullptr;
}

// Reduces `pairs` to its competitive pairs: those no other pair beats with
// a freq at least as large at a norm at most as small, by ascending norm
// (and so ascending freq). Any BM25 bound taken over them is exact.
void KeepCompetitive(std::vector<Impact>* pairs, std::vector<Impact>* scratch) {
  if (pairs->size() == 1) return;  // a term in one doc: most terms
  // The best freq at the smallest norm is competitive and beats every pair
  // with a freq no larger (most of them: freq 1 is the rule); only the few
  // pairs above it are sorted.
  uint8_t min_norm = 255;
  uint32_t best_freq = 0;
  for (const Impact& p : *pairs) {
    if (p.norm < min_norm) {
      min_norm = p.norm;
      best_freq = p.freq;
    } else if (p.norm == min_norm) {
      best_freq = std::max(best_freq, p.freq);
    }
  }
  scratch->clear();
  for (const Impact& p : *pairs) {
    if (p.freq > best_freq) scratch->push_back(p);
  }
  std::sort(scratch->begin(), scratch->end(), [](const Impact& a, const Impact& b) {
    return a.norm != b.norm ? a.norm < b.norm : a.freq > b.freq;
  });
  pairs->assign(1, {best_freq, min_norm});
  for (const Impact& p : *scratch) {
    if (p.freq <= best_freq) continue;
    best_freq = p.freq;
    pairs->push_back(p);
  }
}

// Appends the impacts PutImpacts wrote; false if they are damaged (not
// strictly ascending in both freq and norm, or cut short).
bool GetImpacts(util::Decoder& d, std::vector<Impact>* out) {
  uint32_t count;
  if (!d.GetVarint32(&count) || count == 0 || count > 256 || count > d.remaining() / 2) {
    return false;
  }
  uint32_t freq = 0;
  uint32_t min_norm = 0;  // the next norm must be at least this
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t gap;
    uint8_t norm;
    if (!d.GetVarint32(&gap) || gap == 0 || gap > UINT32_MAX - freq || !d.GetByte(&norm) ||
        norm < min_norm) {
      return false;
    }
    min_norm = norm + 1u;
    freq += gap;
    out->push_back({freq, norm});
  }
  return true;
}

// A full block whose docs are dense enough is stored as a bit set over
// the docs from its base (after the previous block's last doc) to its last
// doc, when that takes no more bytes than packing its deltas (as Lucene 10.1
// does): a disjunction is then counted a word at a time (IntoBitSet).
constexpr uint8_t kBitsetBlock = 0xff;  // in place of the doc bit width

// The doc of a bit-set block's bit 0: the one after the previous block's
// last doc (doc 0 for the first block, which may hold doc 0).
uint32_t BitsetBase(bool first_block, uint32_t previous_last_doc) {
  return first_block ? 0 : previous_last_doc + 1;
}

size_t BitsetWords(uint32_t base, uint32_t last_doc) {
  return static_cast<size_t>((uint64_t{last_doc} - base + 1 + 63) / 64);
}

void AppendBitset(std::span<const uint32_t> docs, uint32_t base, size_t words,
                  std::string* out) {
  uint64_t bits[kMaxBitsetWords] = {};
  for (uint32_t doc : docs) bits[(doc - base) >> 6] |= uint64_t{1} << ((doc - base) & 63);
  for (size_t w = 0; w < words; ++w) util::PutFixed64(out, bits[w]);
}

void PutImpacts(std::span<const Impact> impacts, std::string* out) {
  util::PutVarint32(out, static_cast<uint32_t>(impacts.size()));
  uint32_t prev = 0;
  for (const Impact& p : impacts) {
    util::PutVarint32(out, p.freq - prev);
    out->push_back(static_cast<char>(p.norm));
    prev = p.freq;
  }
}

}  // namespace

// Term layout in the postings section (version 4; docs/format.md):
//   varint skip_bytes
//   skip data: when there is more than one block, the term's impacts; then
//     per block varint last-doc delta, varint block bytes, varint positions
//     bytes, varint impacts bytes; then the blocks' impacts back to back
//     (apart, so that opening a term decodes none of them)
//   impacts: varint count, per pair varint freq gap (from the previous
//     pair's freq, the first from 0), byte norm
//   blocks: a full block is byte doc_bits, packed deltas (or byte 0xff and
//     a bit set of its docs), byte freq_bits, packed (freq - 1); the partial last block is per doc varint
//     (delta << 1 | freq == 1), then varint freq when freq != 1.
// Deltas run across blocks; the first is from doc 0.
absl::StatusOr<TermInfo> PostingsWriter::Add(std::span<const uint32_t> docs,
                                             std::span<const uint32_t> freqs,
                                             std::string_view positions,
                                             std::span<const uint8_t> norms) {
  TermInfo info;
  info.doc_freq = static_cast<uint32_t>(docs.size());
  info.postings_offset = postings_size();
  info.positions_offset = positions_left_ + positions_.size();
  skip_.clear();
  blocks_.clear();
  impacts_.clear();
  term_impacts_.clear();
  uint32_t prev_doc = 0;
  const char* pos_at = positions.data();
  const char* const pos_end = positions.data() + positions.size();
  uint32_t buf[kPackBlock];
  for (size_t start = 0; start < docs.size(); start += kPackBlock) {
    size_t n = std::min(kPackBlock, docs.size() - start);
    size_t block_begin = blocks_.size();
    uint64_t block_freq = 0;
    block_impacts_.clear();
    for (size_t i = start; i < start + n; ++i) {
      block_impacts_.push_back({freqs[i], norms[docs[i]]});
      block_freq += freqs[i];
    }
    KeepCompetitive(&block_impacts_, &competitive_scratch_);
    if (docs.size() > kPackBlock) {
      term_impacts_.insert(term_impacts_.end(), block_impacts_.begin(), block_impacts_.end());
    }
    info.total_term_freq += block_freq;
    size_t block_pos_bytes = 0;
    if (!positions.empty()) {
      const char* block_end = SkipVarints(pos_at, pos_end, block_freq);
      if (block_end == nullptr) return absl::InternalError("fewer positions than frequencies");
      block_pos_bytes = static_cast<size_t>(block_end - pos_at);
      pos_at = block_end;
    }
    if (n == kPackBlock) {
      uint32_t prev = prev_doc;
      for (size_t i = 0; i < n; ++i) {
        buf[i] = docs[start + i] - prev;
        prev = docs[start + i];
      }
      int bits = util::MaxBitWidth(buf);
      const uint32_t base = BitsetBase(start == 0, prev_doc);
      const size_t words = BitsetWords(base, docs[start + n - 1]);
      if (words * 8 <= util::PackedBytes(bits)) {
        blocks_.push_back(static_cast<char>(kBitsetBlock));
        AppendBitset(docs.subspan(start, n), base, words, &blocks_);
      } else {
        blocks_.push_back(static_cast<char>(bits));
        util::Pack128(buf, bits, &blocks_);
      }
      for (size_t i = 0; i < n; ++i) buf[i] = freqs[start + i] - 1;
      bits = util::MaxBitWidth(buf);
      blocks_.push_back(static_cast<char>(bits));
      util::Pack128(buf, bits, &blocks_);
    } else {
      uint32_t prev = prev_doc;
      for (size_t i = start; i < start + n; ++i) {
        uint32_t delta = docs[i] - prev;
        prev = docs[i];
        util::PutVarint32(&blocks_, (delta << 1) | (freqs[i] == 1 ? 1 : 0));
        if (freqs[i] != 1) util::PutVarint32(&blocks_, freqs[i]);
      }
    }
    uint32_t last = docs[start + n - 1];
    util::PutVarint32(&skip_, last - prev_doc);
    util::PutVarint64(&skip_, blocks_.size() - block_begin);
    util::PutVarint64(&skip_, block_pos_bytes);
    const size_t impacts_begin = impacts_.size();
    PutImpacts(block_impacts_, &impacts_);
    util::PutVarint64(&skip_, impacts_.size() - impacts_begin);
    prev_doc = last;
  }
  if (pos_at != pos_end) return absl::InternalError("more positions than frequencies");
  std::string term_impacts;
  if (docs.size() > kPackBlock) {
    KeepCompetitive(&term_impacts_, &competitive_scratch_);
    PutImpacts(term_impacts_, &term_impacts);
  }
  util::PutVarint64(&postings_, term_impacts.size() + skip_.size() + impacts_.size());
  postings_.append(term_impacts);
  postings_.append(skip_);
  postings_.append(impacts_);
  postings_.append(blocks_);
  if (leave_positions_) {
    positions_left_ += positions.size();
  } else {
    positions_.append(positions);
  }
  return info;
}

void AppendPositions(std::span<const uint32_t> positions, std::string* out) {
  uint32_t prev = 0;
  for (uint32_t pos : positions) {
    util::PutVarint32(out, pos - prev);
    prev = pos;
  }
}

bool PostingsIterator::Fail(std::string_view what) {
  if (status_.ok()) status_ = absl::DataLossError(absl::StrCat("corruption in postings: ", std::string(what)));
  // Ends the iteration: Next() and Advance() find no block to read, even
  // when Reset stopped halfway through the skip data.
  doc_ = kNoMoreDocs;
  block_ = num_blocks();
  decoded_docs_ = 0;
  started_ = true;
  return false;
}

absl::Status PostingsIterator::Reset(std::string_view postings, std::string_view positions,
                                     const TermInfo& info, uint32_t format_version) {
  status_ = absl::OkStatus();
  docs_only_ = false;
  doc_freq_ = info.doc_freq;
  last_doc_.clear();
  block_offset_.clear();
  pos_offset_.clear();
  old_impacts_.clear();
  impacts_end_.clear();
  block_impacts_bytes_ = {};
  term_impacts_.clear();
  block_ = skip_block_ = 0;
  block_size_ = index_ = decoded_docs_ = 0;
  doc_ = 0;
  if (info.postings_offset > postings.size() || info.positions_offset > positions.size()) {
    Fail("term offsets out of bounds");
    return status_;
  }
  util::Decoder d(postings.substr(info.postings_offset));
  uint64_t skip_bytes;
  std::string_view skip;
  if (!d.GetVarint64(&skip_bytes) || !d.GetBytes(skip_bytes, &skip)) {
    Fail("skip data");
    return status_;
  }
  util::Decoder s(skip);
  const size_t num_blocks = (info.doc_freq + kPackBlock - 1) / kPackBlock;
  // Before version 3 a block had one pair, its largest freq and smallest
  // norm, and the term none: the term's bound is then the same pair over
  // all its blocks.
  has_impacts_ = format_version >= 3;
  has_bitsets_ = format_version >= 4;
  if (has_impacts_ && num_blocks > 1 && !GetImpacts(s, &term_impacts_)) {
    Fail("term impacts");
    return status_;
  }
  last_doc_.reserve(num_blocks);
  block_offset_.reserve(num_blocks + 1);
  pos_offset_.reserve(num_blocks + 1);
  impacts_end_.reserve(num_blocks);
  uint64_t block_total = 0, pos_total = 0, impacts_total = 0;
  uint32_t last = 0;
  for (size_t b = 0; b < num_blocks; ++b) {
    uint32_t delta;
    uint64_t block_bytes, pos_bytes;
    if (!s.GetVarint32(&delta) || !s.GetVarint64(&block_bytes) || !s.GetVarint64(&pos_bytes) ||
        (b > 0 && delta == 0) || delta > kNoMoreDocs - 1 - last) {
      Fail("skip entry");
      return status_;
    }
    if (has_impacts_) {
      uint64_t impacts_bytes;
      if (!s.GetVarint64(&impacts_bytes) || impacts_bytes > skip.size()) {
        Fail("skip entry");
        return status_;
      }
      impacts_total += impacts_bytes;
      impacts_end_.push_back(impacts_total);
    } else {
      Impact pair;
      if (!s.GetVarint32(&pair.freq) || !s.GetByte(&pair.norm)) {
        Fail("skip entry");
        return status_;
      }
      old_impacts_.push_back(pair);
    }
    last += delta;
    last_doc_.push_back(last);
    block_offset_.push_back(block_total);
    pos_offset_.push_back(pos_total);
    block_total += block_bytes;
    pos_total += pos_bytes;
  }
  if (has_impacts_ && (impacts_total != s.remaining() ||
                       !s.GetBytes(impacts_total, &block_impacts_bytes_))) {
    Fail("block impacts");
    return status_;
  }
  if (num_blocks == 1) {
    const std::span<const Impact> only = impacts_of_block(0);
    term_impacts_.assign(only.begin(), only.end());
    if (!status_.ok()) return status_;
  }
  if (!has_impacts_ && num_blocks > 1) {
    Impact bound{0, 255};
    for (const Impact& p : old_impacts_) {
      bound.freq = std::max(bound.freq, p.freq);
      bound.norm = std::min(bound.norm, p.norm);
    }
    term_impacts_.assign(1, bound);
  }
  if (s.remaining() != 0 || block_total > d.remaining() ||
      pos_total > positions.size() - info.positions_offset) {
    Fail("skip data does not match blocks");
    return status_;
  }
  block_offset_.push_back(block_total);
  pos_offset_.push_back(pos_total);
  postings_ = std::string_view(d.ptr(), block_total);
  positions_ = positions.substr(info.positions_offset, pos_total);
  block_ = num_blocks;  // nothing decoded yet
  started_ = false;
  return status_;
}

bool PostingsIterator::LoadBlock(size_t block, bool decode_docs) {
  block_ = block;
  index_ = 0;
  pos_index_ = 0;
  pos_cursor_ = pos_offset_[block];
  std::string_view bytes = postings_.substr(block_offset_[block],
                                            block_offset_[block + 1] - block_offset_[block]);
  uint32_t prev = block == 0 ? 0 : last_doc_[block - 1];
  bool full = block + 1 < num_blocks() || doc_freq_ % kPackBlock == 0;
  if (full) {
    block_size_ = kPackBlock;
    util::Decoder d(bytes);
    uint8_t doc_bits, freq_bits;
    std::string_view packed;
    if (!d.GetByte(&doc_bits)) return Fail("doc block");
    if (doc_bits == kBitsetBlock && has_bitsets_) {
      const size_t n = ReadBitset(block, std::string_view(d.ptr(), d.remaining()), bitset_);
      if (n == 0 || !d.Skip(8 * n)) return Fail("doc bit set");
      bitset_base_ = BitsetBase(block == 0, prev);
      uint32_t rank = 0;
      for (size_t w = 0; w < n; ++w) {
        bitset_rank_[w] = static_cast<uint8_t>(rank);
        rank += static_cast<uint32_t>(std::popcount(bitset_[w]));
      }
      decoded_docs_ = 0;
      if (decode_docs) DecodeBitsetDocs();
    } else {
      if (doc_bits > 32 || !d.GetBytes(util::PackedBytes(doc_bits), &packed)) {
        return Fail("doc block");
      }
      util::Unpack128(packed.data(), doc_bits, docs_);
      for (size_t i = 0; i < kPackBlock; ++i) docs_[i] = prev += docs_[i];
      decoded_docs_ = kPackBlock;
    }
    if (!d.GetByte(&freq_bits) || freq_bits > 32 ||
        !d.GetBytes(util::PackedBytes(freq_bits), &packed) || d.remaining() != 0) {
      return Fail("freq block");
    }
    if (!docs_only_) {
      util::Unpack128(packed.data(), freq_bits, freqs_);
      for (size_t i = 0; i < kPackBlock; ++i) freqs_[i] += 1;
    }
  } else {
    block_size_ = decoded_docs_ = doc_freq_ % kPackBlock;
    util::Decoder d(bytes);
    for (uint32_t i = 0; i < block_size_; ++i) {
      uint32_t code;
      if (!d.GetVarint32(&code)) return Fail("tail block");
      prev += code >> 1;
      docs_[i] = prev;
      freqs_[i] = 1;
      if (!(code & 1) && !d.GetVarint32(&freqs_[i])) return Fail("tail block");
    }
  }
  // (A bit set's last doc was checked by ReadBitset.)
  if (decoded_docs_ != 0 && docs_[block_size_ - 1] != last_doc_[block]) {
    return Fail("block does not end at its skip doc");
  }
  return true;
}

void PostingsIterator::DecodeBitsetDocs() {
  uint32_t i = 0;
  for (size_t w = 0; i < kPackBlock; ++w) {
    for (uint64_t bits = bitset_[w]; bits != 0; bits &= bits - 1) {
      docs_[i++] = bitset_base_ + static_cast<uint32_t>(w * 64 + std::countr_zero(bits));
    }
  }
  decoded_docs_ = kPackBlock;
}

uint32_t PostingsIterator::SeekInBlock(uint32_t target) {
  if (decoded_docs_ != 0) {
    // Far targets by binary search: a leapfrog often jumps most of a block.
    constexpr uint32_t kScan = 8;
    if (index_ + kScan < block_size_ && docs_[index_ + kScan] < target) {
      index_ = static_cast<uint32_t>(
          std::lower_bound(docs_ + index_ + kScan + 1, docs_ + block_size_, target) - docs_);
    } else {
      while (docs_[index_] < target) ++index_;
    }
    return docs_[index_];
  }
  // target >= the block's base (past the previous block) and <= its last
  // doc, whose bit is set: the search ends inside the bit set.
  const uint32_t from = target - bitset_base_;
  size_t w = from >> 6;
  uint64_t bits = bitset_[w] & (~uint64_t{0} << (from & 63));
  while (bits == 0) bits = bitset_[++w];
  const int bit = std::countr_zero(bits);
  index_ = bitset_rank_[w] +
           static_cast<uint32_t>(std::popcount(bitset_[w] & ((uint64_t{1} << bit) - 1)));
  return bitset_base_ + static_cast<uint32_t>(w * 64) + static_cast<uint32_t>(bit);
}

uint32_t PostingsIterator::NextOutsideDecodedDocs() {
  if (block_ < num_blocks() && decoded_docs_ == 0) {
    DecodeBitsetDocs();
    if (index_ + 1 < block_size_) return doc_ = docs_[++index_];
  }
  return NextBlock();
}

bool PostingsIterator::IsBitsetBlock(size_t b) const {
  const bool full = b + 1 < num_blocks() || doc_freq_ % kPackBlock == 0;
  return has_bitsets_ && full && block_offset_[b] < block_offset_[b + 1] &&
         static_cast<uint8_t>(postings_[block_offset_[b]]) == kBitsetBlock;
}

size_t PostingsIterator::ReadBitset(size_t b, std::string_view bytes, uint64_t* words) const {
  const uint32_t base = BitsetBase(b == 0, b == 0 ? 0 : last_doc_[b - 1]);
  const size_t n = BitsetWords(base, last_doc_[b]);
  if (n > kMaxBitsetWords || bytes.size() < 8 * n) return 0;
  int count = 0;
  for (size_t w = 0; w < n; ++w) {
    words[w] = util::LoadFixed64(bytes.data() + 8 * w);
    count += std::popcount(words[w]);
  }
  // The last doc's bit is the highest one set.
  const uint32_t top = (last_doc_[b] - base) & 63;
  if (count != static_cast<int>(kPackBlock) || words[n - 1] >> top != 1) return 0;
  return n;
}

void PostingsIterator::IntoBitSet(uint32_t up_to, uint32_t offset, uint64_t* words) {
  while (doc_ < up_to) {
    const std::span<const uint32_t> docs = DocsToBlockEnd();
    size_t n = docs.size();
    if (docs.back() >= up_to) {
      n = static_cast<size_t>(std::lower_bound(docs.begin(), docs.end(), up_to) - docs.begin());
    }
    for (size_t i = 0; i < n; ++i) {
      const uint32_t bit = docs[i] - offset;
      words[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    if (n < docs.size()) {
      MoveWithinBlock(static_cast<uint32_t>(n));
      return;
    }
    // The next blocks, while they end before up_to and are bit sets, are
    // shifted into place from their bytes.
    size_t b = block_ + 1;
    for (; b < num_blocks() && last_doc_[b] < up_to && IsBitsetBlock(b); ++b) {
      uint64_t block_words[kMaxBitsetWords];
      const std::string_view bytes = postings_.substr(
          block_offset_[b] + 1, block_offset_[b + 1] - block_offset_[b] - 1);
      const size_t count = ReadBitset(b, bytes, block_words);
      if (count == 0) {
        Fail("doc bit set");
        return;
      }
      // Every doc of the block is >= offset (after the current one) and
      // < up_to, so no word outside the window holds a set bit.
      const uint32_t shift = BitsetBase(false, last_doc_[b - 1]) - offset;
      uint64_t* out = words + (shift >> 6);
      const uint32_t s = shift & 63;
      for (size_t w = 0; w < count; ++w) {
        out[w] |= block_words[w] << s;
        if (s != 0) {
          const uint64_t high = block_words[w] >> (64 - s);
          if (high != 0) out[w + 1] |= high;
        }
      }
    }
    EnterBlock(b);
  }
}

uint32_t PostingsIterator::NextBlock() { return EnterBlock(started_ ? block_ + 1 : 0); }

uint32_t PostingsIterator::Advance(uint32_t target) {
  if (block_ < num_blocks() && target <= last_doc_[block_]) return doc_ = SeekInBlock(target);
  if (doc_ == kNoMoreDocs) return doc_;
  size_t from = started_ ? block_ + 1 : 0;
  auto it = std::lower_bound(last_doc_.begin() + static_cast<std::ptrdiff_t>(from),
                             last_doc_.end(), target);
  const size_t block = static_cast<size_t>(it - last_doc_.begin());
  started_ = true;
  if (block >= num_blocks() || !LoadBlock(block, /*decode_docs=*/false)) {
    block_ = num_blocks();
    return doc_ = kNoMoreDocs;
  }
  return doc_ = SeekInBlock(target);
}

uint32_t PostingsIterator::EnterBlock(size_t block) {
  started_ = true;
  if (block >= num_blocks() || !LoadBlock(block)) {
    block_ = num_blocks();
    doc_ = kNoMoreDocs;
    return doc_;
  }
  doc_ = docs_[0];
  return doc_;
}

std::span<const Impact> PostingsIterator::impacts_of_block(size_t b) {
  if (!has_impacts_) {
    if (b < old_impacts_.size()) return std::span<const Impact>(old_impacts_).subspan(b, 1);
    Fail("block impacts");
    return {};
  }
  scratch_impacts_.clear();
  if (b >= impacts_end_.size() || impacts_end_[b] > block_impacts_bytes_.size()) {
    Fail("block impacts");
    return {};
  }
  const uint64_t begin = b == 0 ? 0 : impacts_end_[b - 1];
  util::Decoder d(block_impacts_bytes_.substr(begin, impacts_end_[b] - begin));
  if (!GetImpacts(d, &scratch_impacts_) || d.remaining() != 0) {
    Fail("block impacts");
    return {};
  }
  return scratch_impacts_;
}

uint32_t PostingsIterator::ShallowAdvance(uint32_t target) {
  while (skip_block_ < num_blocks() && last_doc_[skip_block_] < target) ++skip_block_;
  return skip_block_ < num_blocks() ? last_doc_[skip_block_] : kNoMoreDocs;
}


std::string_view PostingsIterator::PositionBytes() {
  if (pos_index_ == index_ + 1) return doc_positions_;  // asked again for the same doc
  // Skip the positions of the docs between the cursor and the current one.
  uint64_t skipped = 0;
  for (; pos_index_ < index_; ++pos_index_) skipped += freqs_[pos_index_];
  const char* const end = positions_.data() + positions_.size();
  const char* begin = positions_.data() + std::min(pos_cursor_, positions_.size());
  begin = SkipVarints(begin, end, skipped);
  const char* doc_end = begin == nullptr ? nullptr : SkipVarints(begin, end, freqs_[index_]);
  if (doc_end == nullptr) {
    Fail("positions");
    return {};
  }
  doc_positions_ = std::string_view(begin, static_cast<size_t>(doc_end - begin));
  pos_cursor_ = static_cast<size_t>(doc_end - positions_.data());
  pos_index_ = index_ + 1;
  return doc_positions_;
}

void PostingsIterator::Positions(std::vector<uint32_t>* out) {
  out->clear();
  util::Decoder d(PositionBytes());
  uint32_t pos = 0, delta;
  while (d.GetVarint32(&delta)) out->push_back(pos += delta);
  // A varint past 32 bits stops the loop early.
  if (d.remaining() != 0) Fail("positions");
}

}  // namespace trawl::segment
