// Searcher::Explain: the root value is exactly the score Search() gives,
// and a term's breakdown recomputes that score from its parts.
#include <cmath>
#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"
#include "trawl/query_parser.h"

namespace trawl {
namespace {

using ::testing::HasSubstr;
using ::trawl::testing::StatusIs;

class ExplainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Document> docs = testing::RandomDocs(2000, 80, 17);
    for (size_t i = 0; i < docs.size(); ++i) {
      docs[i].Add("date", i % 2 ? "2026-01-10" : "2026-02-10");
      docs[i].Add("source", i % 3 ? "AFP" : "AP");
    }
    ASSERT_OK_AND_ASSIGN(index_, Index::InMemory(Schema::Default()));
    WriterOptions options;
    options.memory_budget_bytes = 96 * 1024;  // several segments
    testing::AddAndCommit(*index_, docs, options);
    ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  }

  // Every hit's explanation matches it, bit for bit.
  void ExpectExplained(const std::string& text, const SearchOptions& options = {}) {
    ASSERT_OK_AND_ASSIGN(Query q, ParseQuery(text, searcher_->schema()));
    SearchOptions o = options;
    o.k = 30;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(q, o));
    ASSERT_FALSE(r.hits.empty()) << text;
    for (const Hit& h : r.hits) {
      ASSERT_OK_AND_ASSIGN(Explanation e, searcher_->Explain(q, h.address, o));
      EXPECT_TRUE(e.match) << text;
      EXPECT_EQ(e.value, h.score) << text << "\n" << e.ToString();
    }
  }

  std::unique_ptr<Index> index_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(ExplainTest, RootIsTheSearchScore) {
  for (std::string text :
       {"w3", "w1 w2 w9", "+w1 +w4", "+w1 w5 -w2", "\"w0 w1\"", "\"w1 w0\"~2", "w1^3 w2",
        "w1* w3", "w1~1", "+w2 +date:[2026-01-01 TO 2026-01-31]", "w7 source:AP", "*:*"}) {
    ExpectExplained(text);
  }
  SearchOptions other;
  other.k1 = 0.9f;
  other.b = 0.4f;
  ExpectExplained("w1 w2 w9", other);
}

TEST_F(ExplainTest, TermBreakdownRecomputesTheScore) {
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(Query::Term("body", "w5")));
  ASSERT_FALSE(r.hits.empty());
  ASSERT_OK_AND_ASSIGN(Explanation e, searcher_->Explain(Query::Term("body", "w5"),
                                                         r.hits[0].address));
  EXPECT_THAT(e.description, HasSubstr("weight(body:w5) [BM25]"));
  ASSERT_EQ(e.details.size(), 3u);  // boost, idf, tf
  const Explanation& boost = e.details[0];
  const Explanation& idf = e.details[1];
  const Explanation& tf = e.details[2];
  EXPECT_EQ(boost.value, 1.0f);
  ASSERT_EQ(idf.details.size(), 2u);  // n, N
  double n = idf.details[0].value, big_n = idf.details[1].value;
  EXPECT_NEAR(idf.value, std::log(1 + (big_n - n + 0.5) / (n + 0.5)), 1e-5);
  ASSERT_EQ(tf.details.size(), 5u);  // freq, k1, b, dl, avgdl
  double freq = tf.details[0].value, k1 = tf.details[1].value, b = tf.details[2].value,
         dl = tf.details[3].value, avgdl = tf.details[4].value;
  EXPECT_EQ(k1, 1.2f);
  EXPECT_EQ(b, 0.75f);
  EXPECT_NEAR(tf.value, freq / (freq + k1 * (1 - b + b * dl / avgdl)), 1e-6);
  EXPECT_NEAR(e.value, boost.value * idf.value * tf.value, 1e-5 * e.value);
  std::string rendered = e.ToString();
  EXPECT_THAT(rendered, HasSubstr("\n  1 = boost\n"));
  EXPECT_THAT(rendered, HasSubstr("avgdl, average length of the field"));
}

TEST_F(ExplainTest, PhraseIdfIsTheSumOfItsTerms) {
  Query q = Query::Phrase("body", {"w0", "w1"}, 3);
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(q));
  ASSERT_FALSE(r.hits.empty());
  ASSERT_OK_AND_ASSIGN(Explanation e, searcher_->Explain(q, r.hits[0].address));
  ASSERT_EQ(e.details.size(), 3u);
  const Explanation& idf = e.details[1];
  ASSERT_EQ(idf.details.size(), 2u);
  EXPECT_NEAR(idf.value, idf.details[0].value + idf.details[1].value, 1e-6);
  // And the score is that idf times the tf of the phrase frequency.
  EXPECT_NEAR(e.value, idf.value * e.details[2].value, 1e-5 * e.value);
}

TEST_F(ExplainTest, BoolListsClausesAndReportsMisses) {
  ASSERT_OK_AND_ASSIGN(Query q, ParseQuery("+w1 -w2", searcher_->schema(),
                                           {.default_fields = {"body"}}));
  ASSERT_OK_AND_ASSIGN(SearchResults with_w2, searcher_->Search(Query::Bool(
      {{Occur::kMust, Query::Term("body", "w1")}, {Occur::kMust, Query::Term("body", "w2")}})));
  ASSERT_FALSE(with_w2.hits.empty());
  ASSERT_OK_AND_ASSIGN(Explanation e, searcher_->Explain(q, with_w2.hits[0].address));
  EXPECT_FALSE(e.match);
  EXPECT_THAT(e.description, HasSubstr("excluded clause body:w2"));
  ASSERT_OK_AND_ASSIGN(SearchResults hits, searcher_->Search(q));
  ASSERT_FALSE(hits.hits.empty());
  ASSERT_OK_AND_ASSIGN(e, searcher_->Explain(q, hits.hits[0].address));
  EXPECT_TRUE(e.match);
  ASSERT_EQ(e.details.size(), 1u);
  EXPECT_THAT(e.details[0].description, HasSubstr("weight(body:w1)"));
}

TEST_F(ExplainTest, AddressesAreChecked) {
  Query q = Query::Term("body", "w1");
  EXPECT_THAT(searcher_->Explain(q, {999, 0}), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("segment 999")));
  EXPECT_THAT(searcher_->Explain(q, {0, 1u << 30}), StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("no document")));
  EXPECT_THAT(searcher_->Explain(Query::Term("nope", "x"), {0, 0}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown field")));
}

}  // namespace
}  // namespace trawl
