// Reading qrels, runs and queries: values, and errors that name the line.
#include "eval/trec_files.h"

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "trawl/query_parser.h"
#include "trawl/schema.h"

namespace trawl::eval {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::trawl::testing::StatusIs;

TEST(EvalQrelsTest, ReadsGradesAndSkipsBlankLines) {
  ASSERT_OK_AND_ASSIGN(Qrels qrels, ParseQrels("1 0 d1 2\n\n1 0 d2 1\n2\t0\td1\t0\r\n", "q"));
  EXPECT_THAT(qrels["1"], ElementsAre(Pair("d1", 2), Pair("d2", 1)));
  EXPECT_THAT(qrels["2"], ElementsAre(Pair("d1", 0)));
}

TEST(EvalQrelsTest, ErrorsNameTheLine) {
  EXPECT_THAT(ParseQrels("1 0 d1 1\n1 0 d2\n", "qrels.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("qrels.txt line 2: expected 'qid iteration docid grade'")));
  EXPECT_THAT(ParseQrels("1 0 d1 high\n", "qrels.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("qrels.txt line 1: grade 'high' is not an integer")));
  // The blank line still counts.
  EXPECT_THAT(ParseQrels("1 0 d1 1\n\n1 0 d1 2\n", "qrels.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("qrels.txt line 3: document d1 is judged twice")));
}

TEST(EvalQrelsTest, MissingFileIsNotFound) {
  EXPECT_THAT(ReadQrels("/nonexistent/qrels.txt"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/qrels.txt")));
}

TEST(EvalRunTest, KeepsFileOrderAndScores) {
  ASSERT_OK_AND_ASSIGN(eval::Run run, ParseRun("1 Q0 b 1 2.5 x\n1 Q0 a 2 3 x\n2 Q0 a 1 -1e2 x\n", "r"));
  ASSERT_EQ(run["1"].size(), 2u);
  EXPECT_EQ(run["1"][0].doc_id, "b");
  EXPECT_EQ(run["1"][1].score, 3.0);
  EXPECT_EQ(run["2"][0].score, -100.0);
}

TEST(EvalRunTest, ErrorsNameTheLine) {
  EXPECT_THAT(ParseRun("1 Q0 a 1 2.5\n", "a.run"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("a.run line 1: expected")));
  EXPECT_THAT(ParseRun("1 Q0 a 1 2.5 t\n1 Q0 b one 2 t\n", "a.run"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a.run line 2: rank 'one' is not an integer")));
  EXPECT_THAT(ParseRun("1 Q0 a 1 nope t\n", "a.run"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a.run line 1: score 'nope' is not a number")));
  EXPECT_THAT(ParseRun("1 Q0 a 1 2 t\n2 Q0 a 1 2 t\n1 Q0 a 2 1 t\n", "a.run"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a.run line 3: document a is retrieved twice for query 1")));
}

TEST(EvalRunLineTest, FormatsAndReadsBack) {
  ASSERT_OK_AND_ASSIGN(std::string line, RunLine("7", "doc-1", 3, 12.5, "trawl"));
  EXPECT_EQ(line, "7 Q0 doc-1 3 12.5 trawl\n");
  // A float score survives the text round trip exactly.
  float score = 0.1f;
  ASSERT_OK_AND_ASSIGN(line, RunLine("7", "d", 1, score, "t"));
  ASSERT_OK_AND_ASSIGN(eval::Run run, ParseRun(line, "r"));
  EXPECT_EQ(static_cast<float>(run["7"][0].score), score);
}

TEST(EvalRunLineTest, RefusesIdsThatWouldNotReadBack) {
  EXPECT_THAT(RunLine("7", "two words", 1, 1, "t"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'two words'")));
  EXPECT_THAT(RunLine("", "d", 1, 1, "t"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
}

TEST(EvalQueriesTest, ReadsStringAndIntegerIds) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<TopicQuery> queries,
      ParseQueries("{\"id\": \"1\", \"text\": \"what is \\\"lift\\\"\", \"orig_id\": \"001\"}\n"
                   "\n"
                   "{\"text\": \"drag\", \"id\": 2}\n",
                   "queries.jsonl"));
  ASSERT_EQ(queries.size(), 2u);
  EXPECT_EQ(queries[0].id, "1");
  EXPECT_EQ(queries[0].text, "what is \"lift\"");
  EXPECT_EQ(queries[1].id, "2");
  EXPECT_EQ(queries[1].text, "drag");
}

TEST(EvalQueriesTest, ErrorsNameTheLine) {
  EXPECT_THAT(ParseQueries("{\"id\": \"1\", \"text\": \"a\"}\n{\"id\": \"2\"}\n", "q.jsonl"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("q.jsonl line 2: no \"text\" string")));
  EXPECT_THAT(ParseQueries("\n\n{\"id\": \"1\", \"text\": \"a\"\n", "q.jsonl"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("q.jsonl line 3: not a JSON object")));
  EXPECT_THAT(ParseQueries("[1, 2]\n", "q.jsonl"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("q.jsonl line 1: not a JSON object")));
  EXPECT_THAT(ParseQueries("{\"id\": 1.5, \"text\": \"a\"}\n", "q.jsonl"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("q.jsonl line 1: \"id\" is neither")));
  EXPECT_THAT(ParseQueries("{\"id\": 1, \"text\": \"a\"}\n{\"id\": \"1\", \"text\": \"b\"}\n",
                           "q.jsonl"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("q.jsonl line 2: query id 1 appears twice")));
}

TEST(EvalQueriesTest, MissingFileIsNotFound) {
  EXPECT_THAT(ReadQueries("/nonexistent/q.jsonl"), StatusIs(absl::StatusCode::kNotFound,
                                                            HasSubstr("/nonexistent/q.jsonl")));
}

TEST(EvalPlainQueryTextTest, TakesOutTheSyntax) {
  EXPECT_EQ(PlainQueryText("what (is) \"lift\" +a -b c:d e^2 f~ g* h? i\\j"),
            "what is lift a b c d e 2 f g h i j");
  EXPECT_EQ(PlainQueryText("x AND y OR z NOT w && v || u and or"), "x y z w v u and or");
  // Word-internal punctuation the analyzer keeps stays.
  EXPECT_EQ(PlainQueryText("U.S. 1,000 don't snake_case post-war 1/2"),
            "U.S. 1,000 don't snake_case post war 1 2");
  EXPECT_EQ(PlainQueryText(" ( ) \" AND "), "");
}

// Whatever the text, the parser accepts what PlainQueryText leaves of it.
TEST(EvalPlainQueryTextTest, ParserAcceptsEveryOutput) {
  const Schema schema = Schema::Default();
  std::mt19937 rng(20240611);
  const std::string alphabet = "ab AND OR NOT \\\"()+-:^~*?!&|{}[]/.,'_\t\n";
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    size_t length = rng() % 24;
    for (size_t j = 0; j < length; ++j) text.push_back(alphabet[rng() % alphabet.size()]);
    std::string plain = PlainQueryText(text);
    if (plain.empty()) continue;
    EXPECT_OK(ParseQuery(plain, schema)) << "from: " << text << "\nplain: " << plain;
  }
}

}  // namespace
}  // namespace trawl::eval
