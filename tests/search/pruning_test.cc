// Block-max pruned top-k must equal exhaustive top-k: same documents, same
// order, same scores, for hundreds of random queries of every family, on
// synthetic documents (with and without deletions) and on real corpora when
// ../shared is present. Also: whole blocks of docs that only tie the k-th
// best are skipped, phrases bound themselves from the right terms, and
// counts of disjunctions (counted a window of docs at a time) equal brute
// force.
#include <random>
#include <set>
#include <sstream>

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

// Phrases, the way they bound themselves: two or three adjacent words of
// the vocabulary stream, a word repeated ("instruct instruct", whose two
// terms are one term's postings twice), two words swapped, each with slop 0
// or 1-3 (with slop only term 0 bounds the phrase); a quarter of them as a
// clause next to a word, required, optional or excluded (their block bounds
// summed by the other collectors, or their skipping under an exclusion).
Query RandomPhrase(std::mt19937& rng, const std::vector<std::string>& words) {
  const size_t at = rng() % (words.size() - 2);
  const uint32_t slop = rng() % 2 == 0 ? 0 : 1 + rng() % 3;
  Query phrase = [&] {
    switch (rng() % 4) {
      case 0:
        return Query::Phrase("body", {words[at], words[at + 1]}, slop);
      case 1:
        return Query::Phrase("body", {words[at], words[at + 1], words[at + 2]}, slop);
      case 2:
        return Query::Phrase("body", {words[at], words[at]}, slop);
      default:
        return Query::Phrase("body", {words[at + 1], words[at]}, slop);
    }
  }();
  if (rng() % 4 != 0) return phrase;
  const Occur occur[] = {Occur::kMust, Occur::kShould, Occur::kMustNot};
  return Query::Bool({{occur[rng() % 2], std::move(phrase)},
                      {occur[rng() % 3], Query::Term("body", words[rng() % words.size()])}});
}

using QueryMaker = Query (*)(std::mt19937&, const std::vector<std::string>&);

// Options for k hits with their documents: with an exact total, and
// pruned (the total then only a lower bound).
SearchOptions ExactTotal(size_t k) {
  SearchOptions options;
  options.k = k;
  options.load_documents = true;
  options.total_hits_threshold = SearchOptions::kExactTotal;
  return options;
}

SearchOptions Pruned(size_t k) {
  SearchOptions options = ExactTotal(k);
  options.total_hits_threshold = 0;
  return options;
}

void ExpectPrunedEqualsExhaustive(const Searcher& searcher, const std::vector<std::string>& words,
                                  int queries, uint32_t seed, QueryMaker make = RandomQuery) {
  std::mt19937 rng(seed);
  for (int q = 0; q < queries; ++q) {
    Query query = make(rng, words);
    for (size_t k : {1, 10, 100}) {
      // Facets need every match, so this search scores them all. (An exact
      // total alone does not: a union of terms is counted apart and its top
      // k pruned.)
      SearchOptions exhaustive;
      exhaustive.k = k;
      exhaustive.load_documents = false;
      exhaustive.total_hits_threshold = SearchOptions::kExactTotal;
      exhaustive.facets = {{.field = "source"}};
      SearchOptions exact = exhaustive;
      exact.facets.clear();
      SearchOptions pruned = exact;
      pruned.total_hits_threshold = 0;
      ASSERT_OK_AND_ASSIGN(SearchResults a, searcher.Search(query, exhaustive));
      for (const SearchOptions& options : {exact, pruned}) {
        ASSERT_OK_AND_ASSIGN(SearchResults b, searcher.Search(query, options));
        ASSERT_EQ(a.hits.size(), b.hits.size()) << query.ToString() << " k=" << k;
        if (options.total_hits_threshold == SearchOptions::kExactTotal) {
          EXPECT_EQ(b.total_hits, a.total_hits) << query.ToString();
        } else {
          EXPECT_LE(b.total_hits, a.total_hits);
        }
        for (size_t i = 0; i < a.hits.size(); ++i) {
          ASSERT_EQ(a.hits[i].address, b.hits[i].address)
              << query.ToString() << " k=" << k << " rank " << i;
          ASSERT_NEAR(a.hits[i].score, b.hits[i].score, 1e-5 * a.hits[i].score);
        }
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

void CheckCorpus(const std::string& name, int queries, QueryMaker make = RandomQuery) {
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
  ExpectPrunedEqualsExhaustive(*searcher, Vocabulary(docs), queries, 2, make);
}

// Several segments with deleted docs: every collector must skip them.
TEST(PruningTest, SyntheticDocumentsWithDeletions) {
  std::vector<Document> docs = testing::RandomDocs(6000, 300, 4);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.memory_budget_bytes = 256 * 1024;
  testing::AddAndCommit(*index, docs, options);
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder()));
    for (size_t i = 0; i < docs.size(); i += 3) {
      ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(i)));
    }
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  ExpectPrunedEqualsExhaustive(*searcher, Vocabulary(docs), 300, 3);
  ExpectPrunedEqualsExhaustive(*searcher, Vocabulary(docs), 300, 5, RandomPhrase);
}

TEST(PruningTest, SyntheticPhrases) {
  // Few words, so phrases match many docs over many blocks.
  std::vector<Document> docs = testing::RandomDocs(8000, 40, 10);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.memory_budget_bytes = 512 * 1024;
  testing::AddAndCommit(*index, docs, options);
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  ExpectPrunedEqualsExhaustive(*searcher, Vocabulary(docs), 300, 11, RandomPhrase);
}

// A phrase bounds its score by its terms' freqs, and must pick the right
// terms: with slop the phrase can occur more often than a later term (in
// "alpha alpha alpha beta", "alpha beta"~2 occurs three times, beta once).
// Every doc has the same length and all but a few hold "alpha beta" once,
// so a bound taken from the wrong term (or one too low by a single
// occurrence) only ties the k-th best score and loses the doc that beats
// it. A repeated word ("gamma gamma", twice in every doc) is bounded by the
// word's freq, above the phrase's: nothing is skipped, the best doc found.
TEST(PruningTest, PhraseBoundsAreNeverTooLow) {
  constexpr size_t kDocs = 9000;
  std::vector<Document> docs;
  for (size_t i = 0; i < kDocs; ++i) {
    std::string body = "alpha beta gamma gamma u" + std::to_string(i);
    if (i == 6000) body = "alpha beta alpha beta u6000";    // "alpha beta" twice
    if (i == 7000) body = "alpha alpha alpha beta u7000";   // "alpha beta"~2 three times
    if (i == 8000) body = "gamma gamma gamma beta u8000";   // "gamma gamma" twice
    docs.push_back(testing::MakeDoc("d" + std::to_string(i), body));
  }
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*index, docs);
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  struct Case {
    Query query;
    std::string first;  // the id of the best hit
    bool skips;         // whether the bounds let most docs be skipped
  };
  std::vector<Case> cases;
  cases.push_back({Query::Phrase("body", {"alpha", "beta"}), "d6000", true});
  cases.push_back({Query::Phrase("body", {"alpha", "beta"}, 2), "d7000", true});
  cases.push_back({Query::Phrase("body", {"gamma", "gamma"}), "d8000", false});
  cases.push_back({Query::Phrase("body", {"gamma", "gamma"}, 1), "d8000", false});
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(SearchResults a, searcher->Search(c.query, ExactTotal(10)));
    ASSERT_OK_AND_ASSIGN(SearchResults b, searcher->Search(c.query, Pruned(10)));
    ASSERT_EQ(a.hits.size(), 10u) << c.query.ToString();
    EXPECT_EQ(*a.hits[0].document.Get("id"), c.first) << c.query.ToString();
    ASSERT_EQ(b.hits.size(), 10u) << c.query.ToString();
    EXPECT_EQ(*b.hits[0].document.Get("id"), c.first) << c.query.ToString();
    for (size_t i = 0; i < a.hits.size(); ++i) {
      ASSERT_EQ(a.hits[i].address, b.hits[i].address) << c.query.ToString() << " rank " << i;
      ASSERT_EQ(a.hits[i].score, b.hits[i].score) << c.query.ToString() << " rank " << i;
    }
    // Skipping happened: far fewer docs were scored than match.
    if (c.skips) {
      EXPECT_LT(b.total_hits, kDocs / 4) << c.query.ToString();
    }
  }
}

// Every doc holds "common" once in a body of two words, so all score the
// same: the top k are the first k docs, and once they are in, every later
// block's bound only ties the k-th score and is skipped whole. A doc that
// scores higher (by "common" twice, or by matching "rare" too) sits far
// down the list and must still be found.
TEST(PruningTest, BlocksThatOnlyTieAreSkipped) {
  constexpr size_t kDocs = 9000;
  constexpr size_t kBetter = 7777;
  std::vector<Document> docs;
  for (size_t i = 0; i < kDocs; ++i) {
    std::string body = i == kBetter ? "common common" : "common u" + std::to_string(i);
    if (i == kBetter + 500) body = "common rare";
    docs.push_back(testing::MakeDoc("d" + std::to_string(i), body));
  }
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*index, docs);
  {
    // With a deleted doc the counts are not known up front, so the pruned
    // total below is the number of docs actually scored.
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder()));
    ASSERT_OK(writer->DeleteTerm("id", "d0"));
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  struct Case {
    Query query;
    std::string first;  // the id of the best hit
  };
  std::vector<Case> cases;
  cases.push_back({Query::Term("body", "common"), "d7777"});
  cases.push_back({Query::Bool({{Occur::kMust, Query::Term("body", "common")},
                                {Occur::kShould, Query::Term("body", "rare")}}),
                   "d8277"});
  cases.push_back({Query::Bool({{Occur::kShould, Query::Term("body", "common")},
                                {Occur::kShould, Query::Term("body", "rare")}}),
                   "d8277"});
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(SearchResults a, searcher->Search(c.query, ExactTotal(10)));
    ASSERT_OK_AND_ASSIGN(SearchResults b, searcher->Search(c.query, Pruned(10)));
    EXPECT_EQ(a.total_hits, kDocs - 1) << c.query.ToString();
    ASSERT_EQ(b.hits.size(), 10u);
    EXPECT_EQ(*b.hits[0].document.Get("id"), c.first) << c.query.ToString();
    for (size_t i = 0; i < a.hits.size(); ++i) {
      ASSERT_EQ(a.hits[i].address, b.hits[i].address) << c.query.ToString() << " rank " << i;
      ASSERT_EQ(a.hits[i].score, b.hits[i].score) << c.query.ToString() << " rank " << i;
    }
    // Skipping happened: far fewer docs were scored than match.
    EXPECT_LT(b.total_hits, kDocs / 4) << c.query.ToString();
  }
}

// Count() and exhaustive search of disjunctions (both a window of 4096 docs
// at a time), and Count() of conjunctions and exclusions (windows too),
// against brute force over the documents: segments of more than one
// window, deleted docs, clauses that are terms and clauses that are not (a
// prefix), words in most docs (bit-set blocks) and in few.
TEST(PruningTest, CountsMatchBruteForce) {
  std::vector<Document> docs = testing::RandomDocs(30000, 2000, 6);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.memory_budget_bytes = 2 * 1024 * 1024;  // a few segments of > 4096 docs
  testing::AddAndCommit(*index, docs, options);
  std::set<size_t> deleted;
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder()));
    std::mt19937 rng(8);
    for (int i = 0; i < 3000; ++i) {
      size_t d = rng() % docs.size();
      deleted.insert(d);
      ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(d)));
    }
    ASSERT_OK(writer->Commit());
  }
  std::vector<std::set<std::string>> words(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    std::istringstream in(*docs[i].Get("body"));
    for (std::string w; in >> w;) words[i].insert(w);
  }
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  std::mt19937 rng(7);
  for (int q = 0; q < 60; ++q) {
    std::vector<std::string> terms;
    for (size_t i = 0, n = 2 + rng() % 4; i < n; ++i) {
      terms.push_back("w" + std::to_string(rng() % (q < 30 ? 40 : 2000)));
    }
    const std::string prefix = "w1" + std::to_string(rng() % 10);  // w10*, w11*, ...
    const bool with_prefix = q % 3 == 0;
    std::vector<std::pair<Occur, Query>> clauses;
    for (const std::string& t : terms) clauses.emplace_back(Occur::kShould, Query::Term("body", t));
    if (with_prefix) clauses.emplace_back(Occur::kShould, Query::Prefix("body", prefix));
    uint64_t expected = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
      if (deleted.count(i) > 0) continue;
      bool match = false;
      for (const std::string& t : terms) match = match || words[i].count(t) > 0;
      for (auto it = words[i].lower_bound(prefix);
           with_prefix && !match && it != words[i].end() && it->rfind(prefix, 0) == 0; ++it) {
        match = true;
      }
      expected += match;
    }
    Query query = Query::Bool(std::move(clauses));
    ASSERT_OK_AND_ASSIGN(uint64_t count, searcher->Count(query));
    EXPECT_EQ(count, expected) << query.ToString();
    // The exhaustive search scores the same union a window at a time: its
    // total, and each hit's score bit for bit as the doc-at-a-time scorer
    // that Explain runs.
    SearchOptions exact;
    exact.k = 20;
    exact.load_documents = false;
    exact.total_hits_threshold = SearchOptions::kExactTotal;
    ASSERT_OK_AND_ASSIGN(SearchResults results, searcher->Search(query, exact));
    EXPECT_EQ(results.total_hits, expected) << query.ToString();
    for (const Hit& hit : results.hits) {
      ASSERT_OK_AND_ASSIGN(Explanation e, searcher->Explain(query, hit.address));
      EXPECT_EQ(e.value, hit.score) << query.ToString();
    }

    // All the terms required; then the first two (or one) required and the
    // others excluded.
    for (size_t required : {terms.size(), std::min<size_t>(2, terms.size() - 1)}) {
      std::vector<std::pair<Occur, Query>> bool_clauses;
      for (size_t t = 0; t < terms.size(); ++t) {
        bool_clauses.emplace_back(t < required ? Occur::kMust : Occur::kMustNot,
                                  Query::Term("body", terms[t]));
      }
      uint64_t expected_bool = 0;
      for (size_t i = 0; i < docs.size(); ++i) {
        bool match = deleted.count(i) == 0;
        for (size_t t = 0; t < terms.size(); ++t) {
          match = match && (words[i].count(terms[t]) > 0) == (t < required);
        }
        expected_bool += match;
      }
      Query bool_query = Query::Bool(std::move(bool_clauses));
      ASSERT_OK_AND_ASSIGN(uint64_t bool_count, searcher->Count(bool_query));
      EXPECT_EQ(bool_count, expected_bool) << bool_query.ToString();
    }
  }
}

TEST(PruningTest, Cranfield) { CheckCorpus("cranfield", 300); }
TEST(PruningTest, Reuters) { CheckCorpus("reuters21578", 200); }
TEST(PruningTest, CranfieldPhrases) { CheckCorpus("cranfield", 300, RandomPhrase); }
TEST(PruningTest, ReutersPhrases) { CheckCorpus("reuters21578", 200, RandomPhrase); }

}  // namespace
}  // namespace trawl
