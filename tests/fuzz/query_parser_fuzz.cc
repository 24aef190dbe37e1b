// libFuzzer target: any bytes as query text. Parsing must return a query or
// an InvalidArgument naming a position; a parsed query must search an empty
// index without failing.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "trawl/index.h"
#include "trawl/query_parser.h"

namespace {

// Built once; held by a static pointer so it stays reachable for the
// leak checker.
struct Fixture {
  trawl::Schema schema = trawl::Schema::Default();
  std::unique_ptr<trawl::Index> index;
  std::unique_ptr<trawl::Searcher> searcher;
};

Fixture* MakeFixture() {
  auto* f = new Fixture;
  auto index = trawl::Index::InMemory(f->schema);
  if (!index.ok()) __builtin_trap();
  f->index = *std::move(index);
  auto searcher = f->index->NewSearcher();
  if (!searcher.ok()) __builtin_trap();
  f->searcher = *std::move(searcher);
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture* fixture = MakeFixture();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto query = trawl::ParseQuery(text, fixture->schema);
  if (!query.ok()) {
    if (query.status().code() != absl::StatusCode::kInvalidArgument) __builtin_trap();
    return 0;
  }
  auto results = fixture->searcher->Search(*query);
  // Field-type mistakes (a phrase on a keyword field) are the only errors.
  if (!results.ok() && results.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  return 0;
}
