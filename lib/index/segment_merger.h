// Merging: one new segment from the live documents of several, in order.
// Postings are decoded and re-encoded with the new document numbers, so a
// merged segment is exactly what indexing those documents afresh would
// have written, minus the deleted ones.
#ifndef TRAWL_INDEX_SEGMENT_MERGER_H_
#define TRAWL_INDEX_SEGMENT_MERGER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "io/directory.h"
#include "trawl/schema.h"

namespace trawl::index {

// Writes segment `name` from `inputs`; returns its document count (0: no
// live documents, and no file is written).
absl::StatusOr<uint32_t> MergeSegments(const std::vector<SegmentView>& inputs,
                                       const Schema& schema, io::Directory& dir,
                                       const std::string& name);

}  // namespace trawl::index

#endif  // TRAWL_INDEX_SEGMENT_MERGER_H_
