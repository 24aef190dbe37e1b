// trawl/trawl.h — the whole public API in one include.
#ifndef TRAWL_TRAWL_H_
#define TRAWL_TRAWL_H_

#include "trawl/analyzer.h"
#include "trawl/collector.h"
#include "trawl/document.h"
#include "trawl/index.h"
#include "trawl/index_writer.h"
#include "trawl/parse.h"
#include "trawl/query.h"
#include "trawl/query_parser.h"
#include "trawl/schema.h"
#include "trawl/searcher.h"
#include "trawl/snippet.h"

#endif  // TRAWL_TRAWL_H_
