// The `trawl` command line, run as a user runs it: outputs and exit codes.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/corpora.h"
#include "tests/testing/index_fixtures.h"

namespace trawl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using ::trawl::testing::CliRun;
using ::trawl::testing::RunCli;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(TRAWL_CLI_PATH).empty()) GTEST_SKIP() << "the CLI was not built";
  }
  std::string Index() const { return (dir_.path() / "index").string(); }
  testing::TempDir dir_;
};

TEST_F(CliTest, IndexesTheSeedAndSearchesIt) {
  CliRun index = RunCli("index --index " + Index() + " " + TRAWL_SOURCE_DIR "/seeds");
  ASSERT_EQ(index.exit_code, 0) << index.output;
  EXPECT_THAT(index.output, HasSubstr("indexed 1 documents"));
  CliRun search = RunCli("search --index " + Index() + " 'Zelensky Davos'");
  ASSERT_EQ(search.exit_code, 0) << search.output;
  EXPECT_THAT(search.output, HasSubstr("2026-01-16"));
  EXPECT_THAT(search.output, HasSubstr("Ukrainian President"));
  EXPECT_THAT(search.output, HasSubstr("[Davos]"));
  CliRun json = RunCli("search --json -k 3 --index " + Index() + " davos");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  EXPECT_THAT(json.output, HasSubstr("\"total_hits\":1"));
  EXPECT_THAT(json.output, HasSubstr("\"id\":\"000_34f2c2ac72de5d4c.txt\""));
}

TEST_F(CliTest, ErrorsHaveMessagesAndExitCodes) {
  CliRun missing = RunCli("index --index " + Index() + " /no/such/input");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.output, HasSubstr("/no/such/input"));
  EXPECT_FALSE(std::filesystem::exists(Index())) << "a failed run must not create an index";

  CliRun no_index = RunCli("search --index " + Index() + " davos");
  EXPECT_EQ(no_index.exit_code, 2);
  EXPECT_THAT(no_index.output, HasSubstr("trawl:"));

  ASSERT_EQ(RunCli("index --index " + Index() + " " + TRAWL_SOURCE_DIR "/seeds").exit_code, 0);
  CliRun bad_query = RunCli("search --index " + Index() + " '(davos'");
  EXPECT_EQ(bad_query.exit_code, 2);
  EXPECT_THAT(bad_query.output, HasSubstr("position"));

  CliRun usage = RunCli("search --index " + Index());
  EXPECT_EQ(usage.exit_code, 1);

  std::string jsonl = (dir_.path() / "bad.jsonl").string();
  std::ofstream(jsonl) << "{\"id\":\"1\",\"body\":\"fine\"}\n[not an object]\n";
  CliRun bad_line = RunCli("index --index " + Index() + " " + jsonl);
  EXPECT_EQ(bad_line.exit_code, 2);
  EXPECT_THAT(bad_line.output, HasSubstr("line 2"));
  // The failed run committed nothing: the index still answers as before.
  CliRun after = RunCli("search --json --index " + Index() + " fine");
  EXPECT_EQ(after.exit_code, 0);
  EXPECT_THAT(after.output, HasSubstr("\"total_hits\":0"));
}

// Several threads each parse and add: everything is indexed once, and an
// error (bad JSON deep in the input, a bad value) names its line or
// document, commits nothing and never hangs.
TEST_F(CliTest, SeveralThreadsParseAndAdd) {
  std::string good = (dir_.path() / "good.jsonl").string();
  {
    std::ofstream out(good);
    for (int i = 0; i < 3000; ++i) {
      out << R"({"id":"d)" << i << R"(","body":"w)" << i % 7 << " common\"}\n";
    }
    out << "{\"id\":\"u\",\"body\":\"raw \xff\xfe bytes\"}\n";  // invalid UTF-8
  }
  for (const char* threads : {"1", "2", "3"}) {
    SCOPED_TRACE(threads);
    std::string index = (dir_.path() / (std::string("t") + threads)).string();
    CliRun run = RunCli(std::string("index --memory-mb 1 --threads ") + threads + " --index " +
                        index + " " + good);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("indexed 3001 documents"));
    EXPECT_THAT(run.output, HasSubstr("replaced 2 invalid UTF-8 sequences"));
    EXPECT_EQ(RunCli("search --count --index " + index + " common").output, "3000\n");
    EXPECT_EQ(RunCli("search --count --index " + index + " w3").output, "429\n");
    EXPECT_EQ(RunCli("check --index " + index).exit_code, 0);
  }

  std::string bad_json = (dir_.path() / "bad_json.jsonl").string();
  std::string bad_date = (dir_.path() / "bad_date.jsonl").string();
  {
    std::ofstream json(bad_json), date(bad_date);
    for (int i = 0; i < 2000; ++i) {
      json << (i == 1500 ? std::string("{\"id\": oops}")
                         : R"({"id":"d)" + std::to_string(i) + R"(","body":"text"})") << "\n";
      date << R"({"id":"d)" << i << R"(","body":"text","date":")"
           << (i == 1700 ? "2026-13-45" : "2026-01-02") << "\"}\n";
    }
  }
  CliRun json = RunCli("index --threads 2 --index " + Index() + " " + bad_json);
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_THAT(json.output, HasSubstr("line 1501"));
  CliRun date = RunCli("index --threads 2 --index " + Index() + " " + bad_date);
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_THAT(date.output, HasSubstr("2026-13-45"));
  CliRun after = RunCli("search --count --index " + Index() + " text");
  EXPECT_EQ(after.output, "0\n");  // neither run committed anything
}

TEST_F(CliTest, SortFacetsCountAndExplain) {
  std::string jsonl = (dir_.path() / "news.jsonl").string();
  std::ofstream(jsonl)
      << R"({"id":"a","title":"Davos opens","body":"davos summit","date":"2026-01-14","source":"AFP"})" "\n"
      << R"({"id":"b","title":"Davos talks","body":"davos davos talks","date":"2026-01-20","source":"REUTERS"})" "\n"
      << R"({"id":"c","title":"Kyiv","body":"kyiv and davos","date":"2025-12-30","source":"REUTERS"})" "\n"
      << R"({"id":"d","title":"Other","body":"nothing here","date":"2026-01-02","source":"AP"})" "\n";
  ASSERT_EQ(RunCli("index --index " + Index() + " " + jsonl).exit_code, 0);

  CliRun newest = RunCli("search --json --sort date --desc --index " + Index() + " davos");
  ASSERT_EQ(newest.exit_code, 0) << newest.output;
  size_t b = newest.output.find("\"id\":\"b\""), a = newest.output.find("\"id\":\"a\""),
         c = newest.output.find("\"id\":\"c\"");
  ASSERT_NE(c, std::string::npos) << newest.output;
  EXPECT_LT(b, a);
  EXPECT_LT(a, c);

  CliRun facets = RunCli("search --json --facet source --facet date:month --index " + Index() + " davos");
  ASSERT_EQ(facets.exit_code, 0) << facets.output;
  EXPECT_THAT(facets.output, HasSubstr(R"("source":{"buckets":[["REUTERS",2],["AFP",1]])"));
  EXPECT_THAT(facets.output, HasSubstr(R"("date":{"buckets":[["2025-12",1],["2026-01",2]])"));
  EXPECT_THAT(facets.output, HasSubstr("\"total_is_exact\":true"));

  CliRun count = RunCli("search --count --index " + Index() + " 'davos OR nothing'");
  ASSERT_EQ(count.exit_code, 0) << count.output;
  EXPECT_EQ(count.output, "4\n");
  CliRun all = RunCli("search --count --all --index " + Index() + " 'kyiv davos'");
  EXPECT_EQ(all.output, "1\n");

  CliRun explain = RunCli("search -k 1 --explain --index " + Index() + " davos");
  ASSERT_EQ(explain.exit_code, 0) << explain.output;
  EXPECT_THAT(explain.output, HasSubstr("weight(body:davos)"));
  EXPECT_THAT(explain.output, HasSubstr("idf"));

  CliRun bad = RunCli("search --facet nosuch --index " + Index() + " davos");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.output, HasSubstr("nosuch"));
  CliRun bad_sort = RunCli("search --sort title --index " + Index() + " davos");
  EXPECT_EQ(bad_sort.exit_code, 2) << bad_sort.output;
}

TEST_F(CliTest, AnalyzerThreadsAndMaintenanceCommands) {
  CliRun index = RunCli("index --analyzer english --threads 2 --index " + Index() + " " +
                        TRAWL_SOURCE_DIR "/seeds");
  ASSERT_EQ(index.exit_code, 0) << index.output;
  // Stemming: "meets" finds "meet".
  CliRun stemmed = RunCli("search --json --index " + Index() + " meets");
  EXPECT_THAT(stemmed.output, HasSubstr("\"total_hits\":1"));
  CliRun stats = RunCli("stats --json --index " + Index());
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  EXPECT_THAT(stats.output, HasSubstr("\"documents\":1"));
  EXPECT_THAT(stats.output, HasSubstr("\"postings\":"));
  CliRun check = RunCli("check --index " + Index());
  EXPECT_EQ(check.exit_code, 0) << check.output;
  CliRun merge = RunCli("merge --segments 1 --index " + Index());
  EXPECT_EQ(merge.exit_code, 0) << merge.output;
  CliRun del = RunCli("delete --id 000_34f2c2ac72de5d4c.txt --index " + Index());
  EXPECT_EQ(del.exit_code, 0) << del.output;
  CliRun again = RunCli("delete --id 000_34f2c2ac72de5d4c.txt --index " + Index());
  EXPECT_EQ(again.exit_code, 2) << again.output;
  CliRun bad = RunCli("index --analyzer nope --index " + (dir_.path() / "other").string() + " " +
                      TRAWL_SOURCE_DIR "/seeds");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.output, HasSubstr("unknown analyzer"));
}

TEST_F(CliTest, ProgressLinesShowTheShareReadAndAnEta) {
  CliRun run = RunCli("index --progress-seconds 0 --index " + Index() + " " +
                      TRAWL_SOURCE_DIR "/seeds");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("1 documents"));
  EXPECT_THAT(run.output, HasSubstr("100% read, ETA 0"));
  std::string other = (dir_.path() / "other").string();
  CliRun piped = RunCli("index --progress-seconds 0 --format news --index " + other + " - < " +
                        TRAWL_SOURCE_DIR "/seeds/000_34f2c2ac72de5d4c.txt");
  ASSERT_EQ(piped.exit_code, 0) << piped.output;
  EXPECT_THAT(piped.output, Not(HasSubstr("ETA")));  // standard input has no known size
}

TEST_F(CliTest, MergeShowsProgressUnlessQuiet) {
  std::string jsonl = (dir_.path() / "many.jsonl").string();
  {
    std::ofstream out(jsonl);
    for (int i = 0; i < 4000; ++i) {
      out << R"({"id":"d)" << i << R"(","body":")";
      for (int w = 0; w < 60; ++w) out << "w" << (i * 7 + w * 13) % 5000 << " ";
      out << "\"}\n";
    }
  }
  ASSERT_EQ(RunCli("index -q --threads 1 --memory-mb 1 --index " + Index() + " " + jsonl).exit_code,
            0);
  CliRun merge = RunCli("merge --progress-seconds 0 --index " + Index());
  ASSERT_EQ(merge.exit_code, 0) << merge.output;
  EXPECT_THAT(merge.output, HasSubstr("% done, ETA"));
  EXPECT_THAT(merge.output, HasSubstr("100% done, ETA 0"));
  EXPECT_THAT(merge.output, HasSubstr("into 1 segment(s)"));
  CliRun quiet = RunCli("merge -q --index " + Index());
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.output, "");
}

TEST_F(CliTest, DeleteByQuery) {
  std::string jsonl = (dir_.path() / "news.jsonl").string();
  std::ofstream(jsonl)
      << R"({"id":"a","body":"davos summit","date":"2026-01-14","source":"AFP"})" "\n"
      << R"({"id":"b","body":"davos talks","date":"2026-01-20","source":"REUTERS"})" "\n"
      << R"({"id":"c","body":"kyiv","date":"2025-12-30","source":"AFP"})" "\n";
  ASSERT_EQ(RunCli("index --index " + Index() + " " + jsonl).exit_code, 0);
  EXPECT_EQ(RunCli("delete --index " + Index()).exit_code, 1);
  EXPECT_EQ(RunCli("delete --id a --query davos --index " + Index()).exit_code, 1);
  CliRun broken = RunCli("delete --query '(davos' --index " + Index());
  EXPECT_EQ(broken.exit_code, 2) << broken.output;
  CliRun none = RunCli("delete --query nowhere --index " + Index());
  EXPECT_EQ(none.exit_code, 0) << none.output;
  EXPECT_THAT(none.output, HasSubstr("deleted 0 document(s)"));
  CliRun del = RunCli("delete --query 'source:AFP' --index " + Index());
  EXPECT_EQ(del.exit_code, 0) << del.output;
  EXPECT_THAT(del.output, HasSubstr("deleted 2 document(s)"));
  EXPECT_EQ(RunCli("search --count --index " + Index() + " 'davos OR kyiv'").output, "1\n");
}

TEST_F(CliTest, CorruptIndexExitsWithThree) {
  ASSERT_EQ(RunCli("index --index " + Index() + " " + TRAWL_SOURCE_DIR "/seeds").exit_code, 0);
  auto damage = [&](std::streamoff offset, std::ios::seekdir from) {
    for (const auto& e : std::filesystem::directory_iterator(Index())) {
      if (e.path().extension() != ".seg") continue;
      std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(offset, from);
      f.put('\x7f');
    }
  };
  damage(40, std::ios::beg);  // in the term dictionary: found by check, not at open
  CliRun check = RunCli("check --index " + Index());
  EXPECT_EQ(check.exit_code, 3) << check.output;
  EXPECT_THAT(check.output, HasSubstr("corruption"));
  damage(-1, std::ios::end);  // the footer: found at open
  CliRun search = RunCli("search --index " + Index() + " davos");
  EXPECT_EQ(search.exit_code, 3) << search.output;
  EXPECT_THAT(search.output, HasSubstr("corruption"));
}

TEST_F(CliTest, IndexesCranfieldJsonl) {
  auto docs = testing::SharedCorpusDocs("cranfield");
  if (!docs) GTEST_SKIP() << "../shared/corpora/cranfield is absent";
  CliRun index = RunCli("index --index " + Index() + " " + docs->string());
  ASSERT_EQ(index.exit_code, 0) << index.output;
  EXPECT_THAT(index.output, HasSubstr("indexed 1400 documents"));
  CliRun search = RunCli("search --json --index " + Index() + " 'boundary layer'");
  ASSERT_EQ(search.exit_code, 0);
  EXPECT_THAT(search.output, ::testing::Not(HasSubstr("\"total_hits\":0")));
}

}  // namespace
}  // namespace trawl
