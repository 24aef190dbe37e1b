// Index::Stats and Index::Check over one snapshot.
#ifndef TRAWL_INDEX_CHECK_H_
#define TRAWL_INDEX_CHECK_H_

#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "trawl/index.h"

namespace trawl::index {

IndexStats StatsOf(const Snapshot& snapshot);

// Decodes every structure of every segment (checksums were verified when
// the snapshot opened them).
absl::Status CheckSnapshot(const Snapshot& snapshot);

}  // namespace trawl::index

#endif  // TRAWL_INDEX_CHECK_H_
