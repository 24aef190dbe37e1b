// The Searcher behind Index::NewSearcher: one immutable snapshot, searched
// segment by segment.
#ifndef TRAWL_SEARCH_SEARCHER_IMPL_H_
#define TRAWL_SEARCH_SEARCHER_IMPL_H_

#include <memory>

#include "index/index_state.h"
#include "trawl/searcher.h"

namespace trawl::search {

std::unique_ptr<Searcher> NewSearcher(std::shared_ptr<const index::Snapshot> snapshot);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_SEARCHER_IMPL_H_
