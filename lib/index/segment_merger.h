// Merging: one new segment from the live documents of several, in order.
// Doc ids and freqs are re-encoded with the new document numbers,
// positions copied as stored, and stored blocks none of whose documents is
// dropped copied compressed; so a merged segment holds what indexing those
// documents afresh would have written, minus the deleted ones, except that
// its stored blocks are cut where the inputs' were (short blocks at each
// input's end).
#ifndef TRAWL_INDEX_SEGMENT_MERGER_H_
#define TRAWL_INDEX_SEGMENT_MERGER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "io/directory.h"
#include "trawl/schema.h"

namespace trawl::index {

// The bytes of `inputs` a merge reads through: their stored fields,
// postings and positions. What MergeProgress counts toward.
uint64_t MergeInputBytes(const std::vector<SegmentView>& inputs);

// Called now and then with the input bytes read so far.
using MergeProgress = std::function<void(uint64_t bytes_read)>;

// Writes segment `name` from `inputs`; returns its document count (0: no
// live documents, and no file is written).
absl::StatusOr<uint32_t> MergeSegments(const std::vector<SegmentView>& inputs,
                                       const Schema& schema, io::Directory& dir,
                                       const std::string& name,
                                       const MergeProgress& progress = nullptr);

}  // namespace trawl::index

#endif  // TRAWL_INDEX_SEGMENT_MERGER_H_
