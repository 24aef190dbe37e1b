// Reads tests/data/format_v1, an index written at format version 1 and never
// regenerated: a reader that stops understanding version 1 fails here.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"

namespace trawl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class FormatV1Test : public ::testing::Test {
 protected:
  void SetUp() override {
    // A copy, so that writing to it leaves the kept files alone.
    for (const auto& f : std::filesystem::directory_iterator(TRAWL_SOURCE_DIR "/tests/data/format_v1")) {
      std::filesystem::copy_file(f.path(), dir_.path() / f.path().filename());
    }
    ASSERT_OK_AND_ASSIGN(index_, Index::Open(dir_.str()));
  }

  std::vector<std::string> Ids(std::string_view query, const SearchOptions& options = {}) {
    return testing::HitIds(*index_, query, options);
  }

  testing::TempDir dir_;
  std::unique_ptr<Index> index_;
};

TEST_F(FormatV1Test, OpensChecksAndCounts) {
  ASSERT_OK(index_->Check());
  ASSERT_OK_AND_ASSIGN(IndexStats stats, index_->Stats());
  EXPECT_EQ(stats.generation, 4u);
  EXPECT_EQ(stats.documents, 4u);
  EXPECT_EQ(stats.deleted, 1u);
  EXPECT_EQ(stats.segments.size(), 4u);
}

TEST_F(FormatV1Test, AnswersTermPhraseRangeAndSortQueries) {
  std::vector<std::string> davos = Ids("davos");
  std::sort(davos.begin(), davos.end());
  EXPECT_THAT(davos, ElementsAre("a1", "a2", "b1"));
  EXPECT_THAT(Ids("\"world economic forum\""), ElementsAre("a1"));
  EXPECT_THAT(Ids("stocks"), ElementsAre());  // a3 was deleted
  EXPECT_THAT(Ids("café zürich"), ElementsAre("b2"));
  SearchOptions newest;
  newest.sort_by = "date";
  newest.sort_descending = true;
  EXPECT_THAT(Ids("date:[2026-01-20 TO 2026-01-22]", newest), ElementsAre("b2", "b1", "a2"));
  EXPECT_THAT(Ids("source:AP"), ElementsAre("b1"));
}

TEST_F(FormatV1Test, StoredFieldsReadBack) {
  ASSERT_OK_AND_ASSIGN(auto searcher, index_->NewSearcher());
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher->Search("kyiv"));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(*r.hits[0].document.Get("title"), "Kyiv talks");
  EXPECT_THAT(*r.hits[0].document.Get("body"), HasSubstr("Ukraine\u2019s security"));
  EXPECT_EQ(*r.hits[0].document.Get("source"), "AFP");
}

TEST_F(FormatV1Test, TakesNewDocumentsAndMerges) {
  ASSERT_OK_AND_ASSIGN(auto writer, index_->NewWriter());
  ASSERT_OK(writer->Add(testing::MakeDoc("c1", "davos again")));
  ASSERT_OK(writer->ForceMerge(1));
  ASSERT_OK_AND_ASSIGN(IndexStats stats, index_->Stats());
  EXPECT_EQ(stats.documents, 5u);
  EXPECT_EQ(stats.deleted, 0u);  // dropped by the merge
  EXPECT_EQ(stats.segments.size(), 1u);
  std::vector<std::string> davos = Ids("davos");
  std::sort(davos.begin(), davos.end());
  EXPECT_THAT(davos, ElementsAre("a1", "a2", "b1", "c1"));
  ASSERT_OK(index_->Check());
}

}  // namespace
}  // namespace trawl
