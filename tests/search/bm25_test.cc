// Scores against a brute-force BM25 written here from the formula alone:
// count the words of every document by hand, quantize lengths the way
// Lucene documents SmallFloat.intToByte4, and score every document.
#include <cmath>
#include <map>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"

namespace trawl {
namespace {

using ::trawl::testing::RandomDocs;

// Lucene's length quantization, recomputed independently: lengths below 24
// are exact; above, 24 + the value rounded down to its 4 leading bits.
double QuantizedLength(uint32_t length) {
  if (length < 24) return length;
  uint64_t v = length - 24;
  int bits = 0;
  while ((v >> bits) > 1) ++bits;  // index of the leading one
  int drop = std::max(0, bits - 3);
  return 24.0 + static_cast<double>((v >> drop) << drop);
}

struct Reference {
  std::vector<std::map<std::string, uint32_t>> tf;  // per doc
  std::vector<uint32_t> length;

  explicit Reference(const std::vector<Document>& docs) {
    for (const Document& d : docs) {
      std::istringstream words(*d.Get("body"));
      std::map<std::string, uint32_t> counts;
      uint32_t n = 0;
      for (std::string w; words >> w;) {
        ++counts[w];
        ++n;
      }
      tf.push_back(counts);
      length.push_back(n);
    }
  }

  // Sum over query terms of idf * tf / (tf + k1 * (1 - b + b * len / avgdl)).
  double Score(size_t doc, const std::vector<std::string>& terms, double k1, double b) const {
    double total_length = 0;
    for (uint32_t l : length) total_length += l;
    double n = static_cast<double>(length.size());
    double avgdl = total_length / n;
    double score = 0;
    for (const std::string& t : terms) {
      double df = 0;
      for (const auto& counts : tf) df += counts.count(t);
      auto it = tf[doc].find(t);
      if (it == tf[doc].end()) continue;
      double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
      double f = it->second;
      score += idf * f / (f + k1 * (1 - b + b * QuantizedLength(length[doc]) / avgdl));
    }
    return score;
  }
};

TEST(Bm25Test, ScoresMatchBruteForceReference) {
  std::vector<Document> docs = RandomDocs(400, 60, 42);
  Reference ref(docs);
  Schema schema;
  ASSERT_OK(schema.AddField({.name = "id", .type = FieldType::kKeyword}));
  ASSERT_OK(schema.AddField({.name = "body", .type = FieldType::kText, .default_search = true}));
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(schema));
  WriterOptions small;
  small.memory_budget_bytes = 16 * 1024;  // several segments: stats must be index-wide
  testing::AddAndCommit(*index, docs, small);
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  const std::vector<std::vector<std::string>> queries = {
      {"w0"}, {"w3"}, {"w1", "w2"}, {"w10", "w20", "w30"}, {"w5", "w0", "w59"}};
  for (double k1 : {1.2, 0.9}) {
    for (double b : {0.75, 0.4}) {
      for (const auto& terms : queries) {
        std::vector<std::pair<Occur, Query>> clauses;
        for (const auto& t : terms) clauses.emplace_back(Occur::kShould, Query::Term("body", t));
        SearchOptions options;
        options.k = docs.size();
        options.total_hits_threshold = SearchOptions::kExactTotal;
        options.k1 = static_cast<float>(k1);
        options.b = static_cast<float>(b);
        ASSERT_OK_AND_ASSIGN(auto results, searcher->Search(Query::Bool(clauses), options));
        size_t matching = 0;
        for (size_t d = 0; d < docs.size(); ++d) matching += ref.Score(d, terms, k1, b) > 0;
        ASSERT_EQ(results.total_hits, matching);
        ASSERT_EQ(results.hits.size(), matching);
        double previous = INFINITY;
        for (const Hit& hit : results.hits) {
          size_t d = std::stoul(hit.document.Get("id")->substr(1));
          double want = ref.Score(d, terms, k1, b);
          EXPECT_NEAR(hit.score, want, 1e-5 * want) << "doc " << d;
          EXPECT_LE(hit.score, previous);
          previous = hit.score;
        }
      }
    }
  }
}

}  // namespace
}  // namespace trawl
