// The C++ side of bench/overhead/overhead.py: times top-k searches of the
// queries in a file (one per line) against an index, as the Python side
// times the same calls through `import trawl`, and prints JSON.
//
//   trawl_search_timer INDEX QUERIES K PASSES LOAD_DOCS(0|1)
//
// One warm-up pass, then PASSES timed passes; "us_per_query" holds each
// pass's mean, so the caller can take medians as it does for Python.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "trawl/index.h"

namespace {

int Fail(const absl::Status& status) {
  std::cerr << status << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: trawl_search_timer INDEX QUERIES K PASSES LOAD_DOCS\n";
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
  const int passes = std::atoi(argv[4]);
  uint64_t hits = 0;  // printed, so the searches cannot be optimized away
  std::cout << "{\"us_per_query\": [";
  for (int pass = -1; pass < passes; ++pass) {
    auto start = std::chrono::steady_clock::now();
    for (const std::string& q : queries) {
      auto results = (*searcher)->Search(q, options);
      if (!results.ok()) return Fail(results.status());
      hits += results->hits.size();
    }
    std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    if (pass < 0) continue;  // warm-up
    std::cout << (pass > 0 ? ", " : "") << took.count() / static_cast<double>(queries.size());
  }
  std::cout << "], \"hits\": " << hits << "}\n";
  return 0;
}
