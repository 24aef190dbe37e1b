// libFuzzer target: any bytes as query text. Parsing must return a query or
// an InvalidArgument naming a position; a parsed query must search an empty
// index without failing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trawl/index.h"
#include "trawl/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trawl::Schema* schema = new trawl::Schema(trawl::Schema::Default());
  static trawl::Searcher* searcher = [] {
    auto index = trawl::Index::InMemory(*schema);
    if (!index.ok()) __builtin_trap();
    auto s = (*index)->NewSearcher();
    if (!s.ok()) __builtin_trap();
    (*index).release();  // lives as long as the fuzzer
    return s->release();
  }();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto query = trawl::ParseQuery(text, *schema);
  if (!query.ok()) {
    if (query.status().code() != absl::StatusCode::kInvalidArgument) __builtin_trap();
    return 0;
  }
  auto results = searcher->Search(*query);
  // Field-type mistakes (a phrase on a keyword field) are the only errors.
  if (!results.ok() && results.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  return 0;
}
