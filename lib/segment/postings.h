// Postings: for each term, its documents, term frequencies and positions.
//
// Documents come in blocks of 128 (util/bitpack.h): doc-id deltas (or, in
// a dense block, a bit set of its docs) and (freq - 1) bit-packed at one
// width per block; the last, partial block is varint-coded. Ahead of the blocks sits one skip entry per block: its last
// doc, byte length, and the block's impacts (below), from which its best
// BM25 score is computed exactly (block-max pruning). Positions live in their own section, varint deltas per doc, and
// each skip entry also says how many position bytes its block has.
#ifndef TRAWL_SEGMENT_POSTINGS_H_
#define TRAWL_SEGMENT_POSTINGS_H_

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "segment/segment_file.h"
#include "segment/term_dictionary.h"
#include "util/bitpack.h"

namespace trawl::segment {

// The doc-id sentinel that ends every iteration: larger than any real doc,
// so loops compare docs without a separate end check.
inline constexpr uint32_t kNoMoreDocs = std::numeric_limits<uint32_t>::max();

// The most words a block stored as a bit set takes: a writer uses one only
// when it is no larger than the packed deltas, at most 32 bits each.
inline constexpr size_t kMaxBitsetWords = util::PackedBytes(32) / 8;

// Appends one doc's ascending `positions` to `out` as the positions section
// stores them: varint gaps, the first from 0. Indexing writes this encoding
// as tokens arrive, and a merge copies it, so neither decodes positions.
void AppendPositions(std::span<const uint32_t> positions, std::string* out);

// A (freq, norm) pair some doc of a block (or term) has. A block's impacts
// are its competitive pairs (Lucene's impacts): ascending in norm and in
// freq, and every doc of the block has a freq no larger than some pair's at
// a norm no smaller, so the largest BM25 score over them is the block's
// exact best score, whatever the collection's average length.
struct Impact {
  uint32_t freq;
  uint8_t norm;
};

class PostingsWriter {
 public:
  // Appends one term's postings and returns the offsets to put in its
  // TermInfo (doc_freq and total_term_freq are filled too). `docs`
  // ascending; `freqs` >= 1; `positions` the docs' AppendPositions
  // encodings one after another, or empty for a field without positions;
  // `norms` the field's norm byte per doc of the segment. Fails, writing
  // nothing, if `positions` does not hold sum(freqs) varints.
  absl::StatusOr<TermInfo> Add(std::span<const uint32_t> docs, std::span<const uint32_t> freqs,
                               std::string_view positions, std::span<const uint8_t> norms);

  std::string TakePostings() { return std::move(postings_); }
  std::string TakePositions() { return std::move(positions_); }
  uint64_t postings_size() const { return postings_dropped_ + postings_.size(); }

  // For a caller writing the sections out piece by piece: the postings
  // Add wrote since the last DropPostings() (TermInfo offsets still count
  // from the first Add), and then forget them.
  std::string_view postings() const { return postings_; }
  void DropPostings() {
    postings_dropped_ += postings_.size();
    postings_.clear();
  }
  // Add then only checks `positions` and counts them for the offsets; the
  // caller writes them out itself, one term after another.
  void LeavePositionsToCaller() { leave_positions_ = true; }

 private:
  std::string postings_;
  std::string positions_;
  uint64_t postings_dropped_ = 0;
  uint64_t positions_left_ = 0;  // bytes of positions left to the caller
  bool leave_positions_ = false;
  std::string skip_;    // scratch
  std::string blocks_;  // scratch
  std::string impacts_;                // scratch
  std::vector<Impact> block_impacts_;  // scratch
  std::vector<Impact> term_impacts_;   // scratch
  std::vector<Impact> competitive_scratch_;
};

// Iterates one term's postings. Starts before the first doc: call Next() or
// Advance(). Never reads outside its sections: damage found while decoding
// ends the iteration and sets status().
class PostingsIterator {
 public:
  // `format_version` is the segment's: before 3 the skip data had one
  // pair per block (largest freq, smallest norm) and no term impacts;
  // before 4 no block was a bit set.
  absl::Status Reset(std::string_view postings, std::string_view positions,
                     const TermInfo& info, uint32_t format_version = kSegmentFormatVersion);

  uint32_t doc() const { return doc_; }
  uint32_t freq() const { return freqs_[index_]; }
  uint32_t doc_freq() const { return doc_freq_; }

  // Inline within a block: top-k and count loops call it per posting.
  uint32_t Next() {
    if (block_ < num_blocks() && index_ + 1 < decoded_docs_) return doc_ = docs_[++index_];
    return NextOutsideDecodedDocs();
  }
  // The first doc >= target (target > doc()).
  uint32_t Advance(uint32_t target);

  // Block-max support. Moves the skip cursor, without decoding, to the
  // block that would hold `target` and returns that block's last doc
  // (kNoMoreDocs past the end). The block_* accessors then describe it.
  uint32_t ShallowAdvance(uint32_t target);
  size_t num_blocks() const { return last_doc_.size(); }
  size_t skip_block() const { return skip_block_; }
  uint32_t last_doc_of_block(size_t b) const { return last_doc_[b]; }
  // Decoded on each call (valid until the next); empty, with status()
  // set, if damaged.
  std::span<const Impact> impacts_of_block(size_t b);
  // Pairs bounding every doc of the term (not necessarily competitive
  // ones in segments before version 3).
  std::span<const Impact> term_impacts() const { return term_impacts_; }

  // Block-at-a-time access for counting loops: the docs from the current
  // one to the end of its decoded block (empty past the end); then
  // MoveWithinBlock(n) stands n docs further (n below the span's size), or
  // NextBlock() on the first doc of the next block.
  std::span<const uint32_t> DocsToBlockEnd() {
    if (doc_ == kNoMoreDocs || block_ >= num_blocks()) return {};
    if (decoded_docs_ == 0) DecodeBitsetDocs();
    return std::span<const uint32_t>(docs_ + index_, block_size_ - index_);
  }
  // Their freqs (not with DocsOnly()).
  std::span<const uint32_t> FreqsToBlockEnd() const {
    if (doc_ == kNoMoreDocs) return {};
    return std::span<const uint32_t>(freqs_ + index_, block_size_ - index_);
  }
  void MoveWithinBlock(uint32_t n) { doc_ = docs_[index_ += n]; }
  uint32_t NextBlock();

  // Sets bit (doc - offset) of `words` for each doc from the current one
  // (>= offset) up to `up_to`, exclusive, and stands on the first doc >=
  // up_to (Lucene's DocIdSetIterator.intoBitSet). Whole blocks stored as
  // bit sets are OR-ed in a word at a time, never decoded.
  void IntoBitSet(uint32_t up_to, uint32_t offset, uint64_t* words);

  // For a caller that only counts or filters: full blocks decoded from now
  // on skip their freqs, so freq(), Positions() and PositionBytes() must
  // not be called.
  void DocsOnly() { docs_only_ = true; }

  // The positions of the current doc, ascending.
  void Positions(std::vector<uint32_t>* out);
  // The same positions as stored (AppendPositions' encoding); empty, with
  // status() set, if they are damaged.
  std::string_view PositionBytes();
  // Those of every doc of the term, one doc's after another, unchecked.
  std::string_view AllPositionBytes() const { return positions_; }

  // OK unless damage was found.
  const absl::Status& status() const { return status_; }

 private:
  // Reads `block`; a bit-set block's docs are left in bitset_ unless
  // `decode_docs`.
  bool LoadBlock(size_t block, bool decode_docs = true);
  void DecodeBitsetDocs();
  // The first doc >= target (at most the loaded block's last doc) and
  // index_ on it: a scan of the decoded docs, or a bit search of an
  // undecoded bit set, which is how a conjunction's dense term is mostly
  // advanced (a block decoded per candidate would cost ~5x more).
  uint32_t SeekInBlock(uint32_t target);
  uint32_t NextOutsideDecodedDocs();
  // Whether full block `b` is stored as a bit set (format version 4).
  bool IsBitsetBlock(size_t b) const;
  // Reads the bit set of block `b` from `bytes` (what follows its marker)
  // into `words`: the number of words, or 0 if damaged (not 128 docs ending
  // at the block's last doc, or cut short).
  size_t ReadBitset(size_t b, std::string_view bytes, uint64_t* words) const;
  // Decodes `block` and stands on its first doc (kNoMoreDocs past the end).
  uint32_t EnterBlock(size_t block);
  bool Fail(std::string_view what);

  std::string_view postings_;   // the blocks of this term
  std::string_view positions_;  // this term's positions
  uint32_t doc_freq_ = 0;
  // Skip data, one entry per block.
  std::vector<uint32_t> last_doc_;
  std::vector<uint64_t> block_offset_;
  std::vector<uint64_t> pos_offset_;
  bool has_impacts_ = true;              // false before format version 3
  bool has_bitsets_ = true;              // false before format version 4
  std::string_view block_impacts_bytes_;
  std::vector<uint64_t> impacts_end_;   // per block, the end of its impacts' bytes
  std::vector<Impact> old_impacts_;     // before version 3: one pair per block
  std::vector<Impact> scratch_impacts_;
  std::vector<Impact> term_impacts_;

  size_t block_ = 0;        // the decoded block
  size_t skip_block_ = 0;   // the block ShallowAdvance points at
  uint32_t block_size_ = 0; // docs in the decoded block
  uint32_t decoded_docs_ = 0;  // of them in docs_: block_size_, or 0 (a bit set not decoded yet)
  uint32_t index_ = 0;      // current doc within the block
  uint32_t doc_ = 0;
  bool started_ = false;
  bool docs_only_ = false;
  uint32_t docs_[util::kPackBlock];
  uint64_t bitset_[kMaxBitsetWords];  // the loaded block's, when it is a bit set
  uint8_t bitset_rank_[kMaxBitsetWords];  // per word, the docs in the words before it
  uint32_t bitset_base_ = 0;
  uint32_t freqs_[util::kPackBlock];
  // Positions cursor: where the positions of block doc pos_index_ begin;
  // those of the doc before it are doc_positions_.
  size_t pos_cursor_ = 0;
  uint32_t pos_index_ = 0;
  std::string_view doc_positions_;
  absl::Status status_;
};

}  // namespace trawl::segment

#endif  // TRAWL_SEGMENT_POSTINGS_H_
