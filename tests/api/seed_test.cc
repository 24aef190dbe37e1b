// The demo path: the seed article through parse, index, search and snippet.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/trawl.h"

namespace trawl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(index_, Index::Create(dir_.str(), Schema::Default()));
    ASSERT_OK_AND_ASSIGN(auto source, OpenDocuments({std::string(TRAWL_SOURCE_DIR) + "/seeds"}, {}));
    ASSERT_OK_AND_ASSIGN(auto writer, index_->NewWriter());
    while (true) {
      ASSERT_OK_AND_ASSIGN(std::optional<Document> doc, source->Next());
      if (!doc) break;
      ASSERT_OK(writer->Add(*doc));
    }
    ASSERT_OK(writer->Commit());
    // Reopen from disk: what the CLI does.
    ASSERT_OK_AND_ASSIGN(index_, Index::Open(dir_.str()));
    ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  }

  testing::TempDir dir_;
  std::unique_ptr<Index> index_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SeedTest, DavosFindsTheArticleWithItsFields) {
  SearchOptions options;
  options.snippet_fields = {"body"};
  ASSERT_OK_AND_ASSIGN(SearchResults results, searcher_->Search("Davos", options));
  ASSERT_EQ(results.total_hits, 1u);
  const Hit& hit = results.hits[0];
  EXPECT_GT(hit.score, 0);
  EXPECT_THAT(*hit.document.Get("date"), "2026-01-16");
  EXPECT_THAT(*hit.document.Get("title"), StartsWith("Ukrainian President"));
  EXPECT_THAT(*hit.document.Get("source"), "REUTERS");
  EXPECT_THAT(*hit.document.Get("id"), "000_34f2c2ac72de5d4c.txt");
  ASSERT_EQ(hit.snippets.size(), 1u);
  EXPECT_THAT(hit.snippets[0].Marked(), HasSubstr("[Davos]"));
  // Offsets point into the stored field.
  const std::string& body = *hit.document.Get("body");
  const Snippet& s = hit.snippets[0];
  EXPECT_EQ(body.substr(s.start_offset, s.text.size()), s.text);
}

TEST_F(SeedTest, UnicodeApostrophesAndNumbersAreSearchable) {
  for (const char* q : {"Kyiv’s", "800", "+zelensky +davos", "\"World Economic Forum\""}) {
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(q));
    EXPECT_EQ(r.total_hits, 1u) << q;
  }
  ASSERT_OK_AND_ASSIGN(SearchResults none, searcher_->Search("+davos -zelensky"));
  EXPECT_EQ(none.total_hits, 0u);
  ASSERT_OK_AND_ASSIGN(SearchResults boilerplate, searcher_->Search("newsletters"));
  EXPECT_EQ(boilerplate.total_hits, 0u);
}

}  // namespace
}  // namespace trawl
