// End to end: Cranfield indexed with the default schema, every query run
// through the query parser, scored against the qrels; and `trawl eval` as a
// user runs it (outputs and exit codes).
#include <sys/wait.h>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "eval/metrics.h"
#include "eval/trec_files.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/corpora.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"
#include "trawl/parse.h"

namespace trawl::eval {
namespace {

using ::testing::AllOf;
using ::testing::DoubleNear;
using ::testing::Ge;
using ::testing::HasSubstr;
using ::testing::Le;
using ::trawl::testing::CliRun;
using ::trawl::testing::RunCli;

// Cranfield indexed once for the whole suite.
class EvalCranfieldTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto docs = testing::SharedCorpusDocs("cranfield");
    if (!docs) return;
    corpus_ = new std::filesystem::path(docs->parent_path());
    dir_ = new testing::TempDir();
    auto index = Index::Create(IndexPath(), Schema::Default());
    ASSERT_OK(index);
    ParseOptions options;
    options.format = Format::kJsonl;
    ASSERT_OK_AND_ASSIGN(auto source, OpenDocuments({docs->string()}, options));
    ASSERT_OK_AND_ASSIGN(auto writer, (*index)->NewWriter());
    while (true) {
      ASSERT_OK_AND_ASSIGN(std::optional<Document> doc, source->Next());
      if (!doc) break;
      ASSERT_OK(writer->Add(*doc));
    }
    ASSERT_OK(writer->Commit());
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete corpus_;
    dir_ = nullptr;
    corpus_ = nullptr;
  }
  void SetUp() override {
    if (corpus_ == nullptr) GTEST_SKIP() << "the shared cranfield corpus is absent";
  }

  static std::string IndexPath() { return (dir_->path() / "cran").string(); }
  static std::string Queries() { return (*corpus_ / "queries.jsonl").string(); }
  static std::string QrelsPath() { return (*corpus_ / "qrels.txt").string(); }

  static testing::TempDir* dir_;
  static std::filesystem::path* corpus_;
};
testing::TempDir* EvalCranfieldTest::dir_ = nullptr;
std::filesystem::path* EvalCranfieldTest::corpus_ = nullptr;

// What `trawl eval -k K` does, through the library: every query as plain
// words (but counting every match, where the CLI lets block-max pruning skip:
// comparing the two checks that pruning keeps the same top k). Tests use k = 100: every hit loads its stored fields, and 225 x 1000
// loads would make the suite slow.
absl::StatusOr<Evaluation> EvaluateIndex(const std::string& index_path,
                                         const std::string& queries_path,
                                         const std::string& qrels_path, size_t k) {
  auto index = Index::Open(index_path);
  if (!index.ok()) return index.status();
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return searcher.status();
  auto queries = ReadQueries(queries_path);
  if (!queries.ok()) return queries.status();
  auto qrels = ReadQrels(qrels_path);
  if (!qrels.ok()) return qrels.status();
  SearchOptions options;
  options.k = k;
  eval::Run run;
  for (const TopicQuery& q : *queries) {
    auto results = (*searcher)->Search(PlainQueryText(q.text), options);
    if (!results.ok()) return results.status();
    for (const Hit& hit : results->hits) run[q.id].push_back({*hit.document.Get("id"), hit.score});
  }
  return Evaluate(run, *qrels);
}

TEST_F(EvalCranfieldTest, NdcgIsInASaneBand) {
  ASSERT_OK_AND_ASSIGN(Evaluation e, EvaluateIndex(IndexPath(), Queries(), QrelsPath(), 100));
  EXPECT_EQ(e.queries.size(), 225u);
  // Measured once (k = 100): nDCG@10 0.3269, MAP 0.2549 (0.2617 at
  // k = 1000), Recall@100 0.6811, P@10 0.2058 -- default schema (title^2 +
  // body, standard analyzer: no stemming, no stop words), BM25 k1 1.2 b 0.75.
  // The band catches a broken ranker or metric, not a small tuning change.
  EXPECT_THAT(e.mean.ndcg_at_10, AllOf(Ge(0.30), Le(0.50)));
  EXPECT_THAT(e.mean.average_precision, AllOf(Ge(0.20), Le(0.40)));
  EXPECT_THAT(e.mean.precision_at_10, AllOf(Ge(0.15), Le(0.40)));
}

// The number after "key": in a JSON text, or -1.
double JsonNumber(const std::string& json, const std::string& key) {
  std::string needle = "\"" + key + "\":";
  size_t at = json.find(needle);
  if (at == std::string::npos) return -1;
  return std::strtod(json.c_str() + at + needle.size(), nullptr);
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST_F(EvalCranfieldTest, CliAgreesWithTheLibraryAndWritesARun) {
  if (std::string(TRAWL_CLI_PATH).empty()) GTEST_SKIP() << "the CLI was not built";
  std::string run_path = (dir_->path() / "cran.run").string();
  CliRun cli = RunCli("eval --json --index " + IndexPath() + " --queries " + Queries() +
                      " --qrels " + QrelsPath() + " -k 100 --run " + run_path);
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  ASSERT_OK_AND_ASSIGN(Evaluation e, EvaluateIndex(IndexPath(), Queries(), QrelsPath(), 100));
  // The CLI prints 4 decimals.
  EXPECT_THAT(JsonNumber(cli.output, "ndcg@10"), DoubleNear(e.mean.ndcg_at_10, 5e-5));
  EXPECT_THAT(JsonNumber(cli.output, "map"), DoubleNear(e.mean.average_precision, 5e-5));
  EXPECT_THAT(JsonNumber(cli.output, "recall@100"), DoubleNear(e.mean.recall_at_100, 5e-5));
  EXPECT_THAT(JsonNumber(cli.output, "p@10"), DoubleNear(e.mean.precision_at_10, 5e-5));
  EXPECT_EQ(JsonNumber(cli.output, "queries"), 225);

  // The run file reads back, ranks 1.. in trawl's order, and scoring it
  // gives the same figures: what trec_eval would say of it.
  std::ifstream in(run_path);
  std::string first;
  std::getline(in, first);
  EXPECT_THAT(first, ::testing::MatchesRegex("1 Q0 [0-9]+ 1 [0-9.]+ trawl"));
  CliRun scored = RunCli("eval --json --qrels " + QrelsPath() + " --score-run " + run_path);
  ASSERT_EQ(scored.exit_code, 0) << scored.output;
  EXPECT_EQ(JsonNumber(scored.output, "ndcg@10"), JsonNumber(cli.output, "ndcg@10"));
  EXPECT_EQ(JsonNumber(scored.output, "map"), JsonNumber(cli.output, "map"));

  CliRun table = RunCli("eval --index " + IndexPath() + " --queries " + Queries() + " --qrels " +
                        QrelsPath() + " -k 100 --k1 0.9 --b 0.4");
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_THAT(table.output, HasSubstr("225 queries with relevant documents, k=100, k1=0.9, b=0.4"));
  EXPECT_THAT(table.output, HasSubstr("nDCG@10     0."));
}

TEST_F(EvalCranfieldTest, CliInputErrorsExitTwoAndNameTheLine) {
  if (std::string(TRAWL_CLI_PATH).empty()) GTEST_SKIP() << "the CLI was not built";
  std::filesystem::path bad_qrels = dir_->path() / "bad_qrels.txt";
  WriteFile(bad_qrels, "1 0 184 2\n1 0 29\n");
  CliRun run = RunCli("eval --index " + IndexPath() + " --queries " + Queries() + " --qrels " +
                      bad_qrels.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_THAT(run.output, HasSubstr("bad_qrels.txt line 2: expected"));

  std::filesystem::path bad_queries = dir_->path() / "bad_queries.jsonl";
  WriteFile(bad_queries, "{\"id\": \"1\", \"text\": \"lift\"}\n{\"id\": \"2\"}\n");
  run = RunCli("eval --index " + IndexPath() + " --queries " + bad_queries.string() +
               " --qrels " + QrelsPath());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_THAT(run.output, HasSubstr("bad_queries.jsonl line 2: no \"text\""));

  run = RunCli("eval --index " + IndexPath() + " --queries /nonexistent/q.jsonl --qrels " +
               QrelsPath());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_THAT(run.output, HasSubstr("no such file: /nonexistent/q.jsonl"));

  run = RunCli("eval --index " + (dir_->path() / "no-index").string() + " --queries " +
               Queries() + " --qrels " + QrelsPath());
  EXPECT_EQ(run.exit_code, 2) << run.output;

  // Usage errors: no --index/--queries, or both modes at once.
  EXPECT_EQ(RunCli("eval --qrels " + QrelsPath()).exit_code, 1);
  EXPECT_EQ(RunCli("eval --index x --queries y --qrels z --score-run r").exit_code, 1);
}

TEST_F(EvalCranfieldTest, QuerySyntaxInQueriesDoesNotFail) {
  if (std::string(TRAWL_CLI_PATH).empty()) GTEST_SKIP() << "the CLI was not built";
  std::filesystem::path queries = dir_->path() / "syntax.jsonl";
  WriteFile(queries,
            "{\"id\": \"1\", \"text\": \"(boundary \\\"layer AND +flow -x: y^ z~ w* ? \\\\\"}\n"
            "{\"id\": \"2\", \"text\": \"( ) NOT\"}\n");
  CliRun run = RunCli("eval --json --index " + IndexPath() + " --queries " + queries.string() +
                      " --qrels " + QrelsPath());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  // Judged queries missing from the queries file are reported.
  EXPECT_THAT(run.output, HasSubstr("judged queries have no ranking"));
}

}  // namespace
}  // namespace trawl::eval
