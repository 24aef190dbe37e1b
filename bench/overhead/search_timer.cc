// The C++ side of bench/overhead/overhead.py: times top-k searches of the
// queries in a file (one per line) against an index, as the Python side
// times the same calls through `import trawl`, and prints JSON.
//
//   trawl_search_timer INDEX QUERIES K PASSES LOAD_DOCS(0|1) [MODE]
//
// MODE is `top` (the default: pruned top K, as overhead.py times it),
// `exact` (top K with an exact total: every match scored) or `count`
// (Searcher::Count). One warm-up pass, then PASSES timed passes;
// "us_per_query" holds each pass's mean, so the caller can take medians as
// it does for Python. Under callgrind, --toggle-collect on
// '*SnapshotSearcher::Search(trawl::Query const&*' (or '*::Count(*')
// measures the search alone, without parsing.
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "trawl/index.h"
#include "trawl/query_parser.h"

namespace {

int Fail(const absl::Status& status) {
  std::cerr << status << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc == 7 ? argv[6] : "top";
  if ((argc != 6 && argc != 7) || (mode != "top" && mode != "exact" && mode != "count")) {
    std::cerr << "usage: trawl_search_timer INDEX QUERIES K PASSES LOAD_DOCS [top|exact|count]\n";
    return 1;
  }
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  if (queries.empty()) return Fail(absl::InvalidArgumentError("no queries"));
  auto index = trawl::Index::Open(argv[1]);
  if (!index.ok()) return Fail(index.status());
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return Fail(searcher.status());
  trawl::SearchOptions options;
  options.k = static_cast<size_t>(std::atoi(argv[3]));
  options.load_documents = std::atoi(argv[5]) != 0;
  if (mode == "exact") options.total_hits_threshold = trawl::SearchOptions::kExactTotal;
  std::vector<trawl::Query> parsed;  // for Count, which takes a parsed query
  if (mode == "count") {
    for (const std::string& q : queries) {
      auto query = trawl::ParseQuery(q, (*searcher)->schema());
      if (!query.ok()) return Fail(query.status());
      parsed.push_back(*std::move(query));
    }
  }
  const int passes = std::atoi(argv[4]);
  uint64_t hits = 0;  // printed, so the searches cannot be optimized away
  // Of the last pass's results (hits and their scores, exact totals): equal digests
  // before and after a change to the search code mean equal answers.
  uint64_t digest = 0;
  auto mix = [&digest](uint64_t v) { digest = (digest ^ v) * 0x100000001b3ull; };
  std::cout << "{\"us_per_query\": [";
  for (int pass = -1; pass < passes; ++pass) {
    digest = 0;
    auto start = std::chrono::steady_clock::now();
    if (mode == "count") {
      for (const trawl::Query& q : parsed) {
        auto count = (*searcher)->Count(q);
        if (!count.ok()) return Fail(count.status());
        hits += *count;
        mix(*count);
      }
    }
    for (size_t i = 0; mode != "count" && i < queries.size(); ++i) {
      auto results = (*searcher)->Search(queries[i], options);
      if (!results.ok()) return Fail(results.status());
      hits += results->hits.size();
      if (mode == "exact") mix(results->total_hits);  // a lower bound otherwise
      for (const trawl::Hit& h : results->hits) {
        mix(uint64_t{h.address.segment} << 32 | h.address.doc);
        mix(std::bit_cast<uint32_t>(h.score));
      }
    }
    std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    if (pass < 0) continue;  // warm-up
    std::cout << (pass > 0 ? ", " : "") << took.count() / static_cast<double>(queries.size());
  }
  std::cout << "], \"hits\": " << hits << ", \"digest\": \"" << std::hex << digest << std::dec
            << "\"}\n";
  return 0;
}
