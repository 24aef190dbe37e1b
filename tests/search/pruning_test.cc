// Block-max pruned top-k must equal exhaustive top-k: same documents, same
// order, same scores, for hundreds of random queries of every family, on
// synthetic documents and on real corpora when ../shared is present.
#include <random>

#include "gtest/gtest.h"
#include "tests/testing/corpora.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/trawl.h"

namespace trawl {
namespace {

// Words of the index to build queries from: every distinct body token of
// the first documents, as the standard analyzer sees them.
std::vector<std::string> Vocabulary(const std::vector<Document>& docs) {
  auto analyzer = MakeAnalyzer("standard");
  std::vector<std::string> words;
  for (size_t i = 0; i < docs.size() && words.size() < 20000; ++i) {
    (*analyzer)->Analyze(*docs[i].Get("body"), [&](const Token& t) { words.emplace_back(t.text); });
  }
  return words;
}

Query RandomQuery(std::mt19937& rng, const std::vector<std::string>& words) {
  auto word = [&] { return Query::Term("body", words[rng() % words.size()]); };
  std::vector<std::pair<Occur, Query>> clauses;
  switch (rng() % 6) {
    case 0:
      return word();
    case 1:  // OR of 2-5
      for (size_t i = 0, n = 2 + rng() % 4; i < n; ++i) clauses.emplace_back(Occur::kShould, word());
      break;
    case 2:  // AND of 2-3
      for (size_t i = 0, n = 2 + rng() % 2; i < n; ++i) clauses.emplace_back(Occur::kMust, word());
      break;
    case 3:  // +a b
      clauses.emplace_back(Occur::kMust, word());
      clauses.emplace_back(Occur::kShould, word());
      break;
    case 4:  // +a -b, or a b -c
      clauses.emplace_back(rng() % 2 ? Occur::kMust : Occur::kShould, word());
      clauses.emplace_back(Occur::kShould, word());
      clauses.emplace_back(Occur::kMustNot, word());
      break;
    default: {  // phrase of two adjacent words from the vocabulary stream
      size_t at = rng() % (words.size() - 1);
      return Query::Phrase("body", {words[at], words[at + 1]});
    }
  }
  return Query::Bool(std::move(clauses));
}

void ExpectPrunedEqualsExhaustive(const Searcher& searcher, const std::vector<std::string>& words,
                                  int queries, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int q = 0; q < queries; ++q) {
    Query query = RandomQuery(rng, words);
    for (size_t k : {1, 10, 100}) {
      SearchOptions exact;
      exact.k = k;
      exact.load_documents = false;
      exact.total_hits_threshold = SearchOptions::kExactTotal;
      SearchOptions pruned = exact;
      pruned.total_hits_threshold = 0;
      ASSERT_OK_AND_ASSIGN(SearchResults a, searcher.Search(query, exact));
      ASSERT_OK_AND_ASSIGN(SearchResults b, searcher.Search(query, pruned));
      ASSERT_EQ(a.hits.size(), b.hits.size()) << query.ToString() << " k=" << k;
      EXPECT_LE(b.total_hits, a.total_hits);
      for (size_t i = 0; i < a.hits.size(); ++i) {
        ASSERT_EQ(a.hits[i].address, b.hits[i].address)
            << query.ToString() << " k=" << k << " rank " << i;
        ASSERT_NEAR(a.hits[i].score, b.hits[i].score, 1e-5 * a.hits[i].score);
      }
    }
  }
}

TEST(PruningTest, SyntheticDocuments) {
  std::vector<Document> docs = testing::RandomDocs(5000, 300, 9);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.memory_budget_bytes = 256 * 1024;  // several segments
  testing::AddAndCommit(*index, docs, options);
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  ExpectPrunedEqualsExhaustive(*searcher, Vocabulary(docs), 300, 1);
}

void CheckCorpus(const std::string& name, int queries) {
  auto path = testing::SharedCorpusDocs(name);
  if (!path) GTEST_SKIP() << "../shared/corpora/" << name << " is absent";
  ASSERT_OK_AND_ASSIGN(auto source, OpenDocuments({path->string()}, {}));
  std::vector<Document> docs;
  while (true) {
    ASSERT_OK_AND_ASSIGN(std::optional<Document> doc, source->Next());
    if (!doc) break;
    docs.push_back(*std::move(doc));
  }
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*index, docs);
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  ExpectPrunedEqualsExhaustive(*searcher, Vocabulary(docs), queries, 2);
}

TEST(PruningTest, Cranfield) { CheckCorpus("cranfield", 300); }
TEST(PruningTest, Reuters) { CheckCorpus("reuters21578", 200); }

}  // namespace
}  // namespace trawl
