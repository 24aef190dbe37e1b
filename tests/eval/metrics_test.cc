// The metrics against values worked out by hand (arithmetic in comments),
// with trec_eval's conventions: graded gains, ties by docid descending,
// queries without relevant documents left out, P@10 over 10 whatever the
// number retrieved.
#include "eval/metrics.h"

#include <cmath>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace trawl::eval {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::Field;

constexpr double kEps = 1e-9;

// A ranking with descending scores in the order given.
Ranking Ranked(std::initializer_list<const char*> ids) {
  Ranking r;
  double score = 100;
  for (const char* id : ids) r.push_back({id, score--});
  return r;
}

// Three relevant documents a, b, c; retrieved: a x b y.
class EvalBinaryCase : public ::testing::Test {
 protected:
  Judgments judgments_ = {{"a", 1}, {"b", 1}, {"c", 1}};
  Ranking ranking_ = Ranked({"a", "x", "b", "y"});
};

TEST_F(EvalBinaryCase, PrecisionDividesByTenWithFewerRetrieved) {
  // 2 relevant in the top 10 (only 4 retrieved): 2 / 10.
  EXPECT_THAT(PrecisionAt(ranking_, judgments_, 10), DoubleNear(0.2, kEps));
  // Top 1 is a: 1 / 1.
  EXPECT_THAT(PrecisionAt(ranking_, judgments_, 1), DoubleNear(1.0, kEps));
}

TEST_F(EvalBinaryCase, AveragePrecisionDividesByAllRelevant) {
  // Relevant at ranks 1 and 3: (1/1 + 2/3) / 3 relevant = 0.5555...
  EXPECT_THAT(AveragePrecision(ranking_, judgments_, 1000), DoubleNear(5.0 / 9.0, kEps));
  // Cut at depth 2 only a counts: (1/1) / 3.
  EXPECT_THAT(AveragePrecision(ranking_, judgments_, 2), DoubleNear(1.0 / 3.0, kEps));
}

TEST_F(EvalBinaryCase, Recall) {
  // 2 of 3 relevant in the top 100; 1 of 3 in the top 2.
  EXPECT_THAT(RecallAt(ranking_, judgments_, 100), DoubleNear(2.0 / 3.0, kEps));
  EXPECT_THAT(RecallAt(ranking_, judgments_, 2), DoubleNear(1.0 / 3.0, kEps));
}

TEST_F(EvalBinaryCase, Ndcg) {
  // DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5
  // IDCG (a, b, c at ranks 1-3) = 1 + 1/log2(3) + 1/log2(4) = 2.1309298
  // nDCG@10 = 1.5 / 2.1309298 = 0.7039181
  EXPECT_THAT(NdcgAt(ranking_, judgments_, 10), DoubleNear(0.7039180890, 1e-9));
  // @1: a is relevant, and so is the ideal's first: 1 / 1.
  EXPECT_THAT(NdcgAt(ranking_, judgments_, 1), DoubleNear(1.0, kEps));
}

TEST(EvalNdcgTest, GainIsTheGrade) {
  Judgments judgments = {{"a", 3}, {"b", 2}, {"c", 1}, {"z", 0}};
  // Worst order of the three: c b a.
  // DCG  = 1/log2(2) + 2/log2(3) + 3/log2(4) = 1 + 1.2618595 + 1.5 = 3.7618595
  // IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
  // nDCG = 0.7899980
  EXPECT_THAT(NdcgAt(Ranked({"c", "b", "a"}), judgments, 10), DoubleNear(0.7899980042, 1e-9));
  EXPECT_THAT(NdcgAt(Ranked({"a", "b", "c"}), judgments, 10), DoubleNear(1.0, kEps));
  // The judged-non-relevant z adds nothing: DCG = 3/log2(3) = 1.8927893,
  // IDCG@2 = 3 + 2/log2(3) = 4.2618595, nDCG@2 = 0.4441229.
  EXPECT_THAT(NdcgAt(Ranked({"z", "a"}), judgments, 2), DoubleNear(0.4441228664, 1e-9));
  // Graded or not, a grade >= 1 is one relevant document for AP:
  // relevant at ranks 2 and 3 of z c a: (1/2 + 2/3) / 3 = 0.3888...
  EXPECT_THAT(AveragePrecision(Ranked({"z", "c", "a"}), judgments, 1000),
              DoubleNear(7.0 / 18.0, kEps));
}

TEST(EvalNdcgTest, IdealIsCutAtK) {
  // Twelve relevant documents; the ten retrieved are all relevant, so the
  // top 10 equals the ideal top 10.
  Judgments judgments;
  for (int i = 0; i < 12; ++i) judgments["d" + std::to_string(i)] = 1;
  Ranking ranking;
  for (int i = 0; i < 10; ++i) ranking.push_back({"d" + std::to_string(i), 10.0 - i});
  EXPECT_THAT(NdcgAt(ranking, judgments, 10), DoubleNear(1.0, kEps));
}

TEST(EvalMetricsTest, NothingRelevantScoresZero) {
  Judgments judgments = {{"a", 0}};
  Ranking ranking = Ranked({"a", "b"});
  EXPECT_EQ(NdcgAt(ranking, judgments, 10), 0);
  EXPECT_EQ(AveragePrecision(ranking, judgments, 1000), 0);
  EXPECT_EQ(RecallAt(ranking, judgments, 100), 0);
  EXPECT_EQ(PrecisionAt(ranking, judgments, 10), 0);
  EXPECT_EQ(CountRelevant(judgments), 0);
}

TEST(EvalSortLikeTrecEvalTest, TiesGoToTheGreaterDocId) {
  Ranking ranking = {{"d1", 1.0}, {"d2", 1.0}, {"d3", 2.0}, {"d10", 1.0}};
  SortLikeTrecEval(ranking);
  // d3 has the best score; the rest tie and go in descending byte order:
  // "d2" > "d10" > "d1".
  EXPECT_THAT(ranking, ElementsAre(Field(&ScoredDoc::doc_id, "d3"),
                                   Field(&ScoredDoc::doc_id, "d2"),
                                   Field(&ScoredDoc::doc_id, "d10"),
                                   Field(&ScoredDoc::doc_id, "d1")));
}

TEST(EvalSortLikeTrecEvalTest, ScoresEqualAsFloatsTie) {
  // 1 + 1e-12 is 1.0f: trec_eval sees a tie, broken by docid ("b" first).
  Ranking ranking = {{"a", 1.0 + 1e-12}, {"b", 1.0}};
  SortLikeTrecEval(ranking);
  EXPECT_EQ(ranking[0].doc_id, "b");
}

TEST(EvalEvaluateTest, SortsTiesBeforeScoring) {
  // Given order d1 d2 d3, all tied: trec_eval ranks d3 d2 d1, so the one
  // relevant d1 is at rank 3: AP = (1/3) / 1, P@10 = 1/10.
  eval::Run run = {{"q", {{"d1", 5}, {"d2", 5}, {"d3", 5}}}};
  Qrels qrels = {{"q", {{"d1", 1}}}};
  Evaluation e = Evaluate(run, qrels);
  ASSERT_EQ(e.queries.size(), 1u);
  EXPECT_THAT(e.mean.average_precision, DoubleNear(1.0 / 3.0, kEps));
  EXPECT_THAT(e.mean.precision_at_10, DoubleNear(0.1, kEps));
  // nDCG@10 = (1/log2(4)) / (1/log2(2)) = 0.5.
  EXPECT_THAT(e.mean.ndcg_at_10, DoubleNear(0.5, kEps));
}

TEST(EvalEvaluateTest, AveragesOnlyQueriesWithRelevantDocuments) {
  eval::Run run = {{"q1", Ranked({"a"})}, {"q2", Ranked({"b"})}, {"q3", Ranked({"c"})}};
  Qrels qrels = {{"q1", {{"a", 1}}}, {"q2", {{"b", 0}}}};
  Evaluation e = Evaluate(run, qrels);
  // q2 has only a non-relevant judgment and q3 none: both left out.
  ASSERT_EQ(e.queries.size(), 1u);
  EXPECT_EQ(e.queries[0].query_id, "q1");
  EXPECT_EQ(e.unjudged_queries, 2);
  EXPECT_THAT(e.mean.average_precision, DoubleNear(1.0, kEps));
  EXPECT_THAT(e.mean.ndcg_at_10, DoubleNear(1.0, kEps));
}

TEST(EvalEvaluateTest, AJudgedQueryWithoutRankingCountsZero) {
  eval::Run run = {{"q1", Ranked({"a"})}};
  Qrels qrels = {{"q1", {{"a", 1}}}, {"q2", {{"b", 1}}}};
  Evaluation e = Evaluate(run, qrels);
  // (1 + 0) / 2 queries.
  ASSERT_EQ(e.queries.size(), 2u);
  EXPECT_THAT(e.mean.average_precision, DoubleNear(0.5, kEps));
  EXPECT_EQ(e.queries[1].retrieved, 0);
}

TEST(EvalEvaluateTest, CutsAtDepth) {
  // Relevant e at rank 5 of 5; at depth 4 it is not retrieved.
  eval::Run run = {{"q", Ranked({"a", "b", "c", "d", "e"})}};
  Qrels qrels = {{"q", {{"e", 1}}}};
  EXPECT_THAT(Evaluate(run, qrels, 5).mean.average_precision, DoubleNear(0.2, kEps));
  Evaluation cut = Evaluate(run, qrels, 4);
  EXPECT_EQ(cut.mean.average_precision, 0);
  EXPECT_EQ(cut.queries[0].retrieved, 4);
  EXPECT_EQ(cut.queries[0].relevant_retrieved, 0);
}

TEST(EvalEvaluateTest, EmptyQrelsGiveZeros) {
  Evaluation e = Evaluate({{"q", Ranked({"a"})}}, {});
  EXPECT_TRUE(e.queries.empty());
  EXPECT_EQ(e.mean.ndcg_at_10, 0);
  EXPECT_EQ(e.unjudged_queries, 1);
}

}  // namespace
}  // namespace trawl::eval
