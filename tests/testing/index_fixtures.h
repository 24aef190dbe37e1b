// Small indexes for tests: documents built in code, on disk or in memory.
#ifndef TRAWL_TESTS_TESTING_INDEX_FIXTURES_H_
#define TRAWL_TESTS_TESTING_INDEX_FIXTURES_H_

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "trawl/index.h"

namespace trawl::testing {

// A fresh empty folder under the test temp dir, removed at destruction.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("trawl_" + std::string(info ? info->name() : "t") + "_" +
             std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline Document MakeDoc(std::string id, std::string body, std::string title = "",
                        std::string date = "") {
  Document d;
  d.Add("id", std::move(id));
  if (!title.empty()) d.Add("title", std::move(title));
  d.Add("body", std::move(body));
  if (!date.empty()) d.Add("date", std::move(date));
  return d;
}

// Writer options for tests that depend on insertion order: one indexing
// thread (several threads spread documents over segments, which changes how
// equal scores are ordered).
inline WriterOptions InOrder(WriterOptions options = {}) {
  if (options.threads == 0) options.threads = 1;
  return options;
}

// Adds `docs` with one writer (one thread unless `options` asks for more)
// and commits.
inline void AddAndCommit(Index& index, const std::vector<Document>& docs,
                         const WriterOptions& options = {}) {
  auto writer = index.NewWriter(InOrder(options));
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const Document& d : docs) ASSERT_TRUE((*writer)->Add(d).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
}

// The ids of the hits of `query` on the newest commit, in rank order; empty
// (with a test failure) when the search fails.
inline std::vector<std::string> HitIds(Index& index, std::string_view query,
                                       const SearchOptions& options = {}) {
  auto searcher = index.NewSearcher();
  EXPECT_TRUE(searcher.ok()) << searcher.status();
  if (!searcher.ok()) return {};
  auto results = (*searcher)->Search(query, options);
  EXPECT_TRUE(results.ok()) << results.status();
  std::vector<std::string> ids;
  if (!results.ok()) return ids;
  for (const Hit& h : results->hits) ids.push_back(*h.document.Get("id"));
  return ids;
}

// `n` documents of random words from a small vocabulary "w0".."w{vocab-1}",
// with Zipf-like frequencies, ids "d0".."d{n-1}".
inline std::vector<Document> RandomDocs(size_t n, size_t vocab, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Document> docs;
  for (size_t i = 0; i < n; ++i) {
    std::string body;
    size_t len = 1 + rng() % 40;
    for (size_t w = 0; w < len; ++w) {
      double u = std::uniform_real_distribution<double>(0, 1)(rng);
      size_t word = static_cast<size_t>(static_cast<double>(vocab) * u * u * u);
      body += "w" + std::to_string(word) + " ";
    }
    docs.push_back(MakeDoc("d" + std::to_string(i), body));
  }
  return docs;
}

}  // namespace trawl::testing

#endif  // TRAWL_TESTS_TESTING_INDEX_FIXTURES_H_
