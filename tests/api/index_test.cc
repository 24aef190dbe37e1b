// End-to-end behaviour of the public API, run against both storage
// backends: a folder on disk and memory (as Xapian runs every API test on
// every backend).
#include "trawl/index.h"

#include <atomic>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"

namespace trawl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::trawl::testing::AddAndCommit;
using ::trawl::testing::MakeDoc;
using ::trawl::testing::StatusIs;
using ::trawl::testing::TempDir;

enum class Backend { kDisk, kMemory };

class IndexApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Index> NewIndex(const Schema& schema = Schema::Default()) {
    auto index = GetParam() == Backend::kDisk ? Index::Create(dir_.str(), schema)
                                              : Index::InMemory(schema);
    EXPECT_TRUE(index.ok()) << index.status();
    return index.ok() ? *std::move(index) : nullptr;
  }

  std::vector<std::string> Ids(Index& index, std::string_view query, size_t k = 10) {
    SearchOptions options;
    options.k = k;
    return testing::HitIds(index, query, options);
  }

  TempDir dir_;
};

TEST_P(IndexApiTest, BooleanOperators) {
  auto index = NewIndex();
  AddAndCommit(*index, {MakeDoc("a", "apple banana"), MakeDoc("b", "apple cherry"),
                        MakeDoc("c", "banana cherry"), MakeDoc("d", "durian")});
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_THAT(sorted(Ids(*index, "apple banana")), ElementsAre("a", "b", "c"));
  EXPECT_THAT(Ids(*index, "+apple +banana"), ElementsAre("a"));
  EXPECT_THAT(Ids(*index, "apple AND cherry"), ElementsAre("b"));
  EXPECT_THAT(sorted(Ids(*index, "cherry -apple")), ElementsAre("c"));
  EXPECT_THAT(sorted(Ids(*index, "banana OR durian")), ElementsAre("a", "c", "d"));
  EXPECT_THAT(sorted(Ids(*index, "(apple OR durian) AND NOT banana")), ElementsAre("b", "d"));
  EXPECT_THAT(Ids(*index, "-apple"), ElementsAre());  // purely negative: nothing, as Lucene
  EXPECT_THAT(Ids(*index, "nothing"), ElementsAre());
}

TEST_P(IndexApiTest, TiesAreBrokenByDocumentOrder) {
  auto index = NewIndex();
  std::vector<Document> docs;
  for (int i = 0; i < 20; ++i) docs.push_back(MakeDoc("d" + std::to_string(i), "same words"));
  AddAndCommit(*index, docs);
  EXPECT_THAT(Ids(*index, "same", 3), ElementsAre("d0", "d1", "d2"));
}

TEST_P(IndexApiTest, PhraseMatchesOnlyAdjacentWords) {
  auto index = NewIndex();
  AddAndCommit(*index, {MakeDoc("a", "world economic forum in davos"),
                        MakeDoc("b", "economic world forum"), MakeDoc("c", "forum economic world")});
  EXPECT_THAT(Ids(*index, "\"economic forum\""), ElementsAre("a"));
  EXPECT_THAT(Ids(*index, "\"world economic forum\""), ElementsAre("a"));
  EXPECT_THAT(Ids(*index, "\"economic world\""), ElementsAre("b", "c"));
  EXPECT_THAT(Ids(*index, "\"world forum\"~1"), ElementsAre("b", "a"));  // shorter first
}

TEST_P(IndexApiTest, FieldQueriesAndKeywords) {
  auto index = NewIndex();
  Document a = MakeDoc("a", "body text", "Alpha title");
  a.Add("source", "REUTERS");
  Document b = MakeDoc("b", "alpha in the body");
  b.Add("source", "AFP");
  AddAndCommit(*index, {a, b});
  EXPECT_THAT(Ids(*index, "title:alpha"), ElementsAre("a"));
  EXPECT_THAT(Ids(*index, "body:alpha"), ElementsAre("b"));
  EXPECT_THAT(Ids(*index, "source:AFP"), ElementsAre("b"));
  EXPECT_THAT(Ids(*index, "alpha -source:REUTERS"), ElementsAre("b"));
}

TEST_P(IndexApiTest, CommitsAreAtomicAndRollbackForgets) {
  auto index = NewIndex();
  AddAndCommit(*index, {MakeDoc("a", "first")});
  ASSERT_OK_AND_ASSIGN(auto before, index->NewSearcher());
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter());
    ASSERT_OK(writer->Add(MakeDoc("b", "first second")));
    ASSERT_OK(writer->Rollback());
    ASSERT_OK(writer->Add(MakeDoc("c", "first third")));
    EXPECT_THAT(Ids(*index, "first"), ElementsAre("a"));  // not committed yet
    ASSERT_OK(writer->Commit());
  }
  EXPECT_THAT(Ids(*index, "first"), ElementsAre("a", "c"));
  // A searcher keeps its point-in-time view.
  EXPECT_EQ(before->num_documents(), 1u);
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter());
    ASSERT_OK(writer->Add(MakeDoc("d", "first")));
  }  // dropped without commit
  EXPECT_THAT(Ids(*index, "first"), ElementsAre("a", "c"));
}

TEST_P(IndexApiTest, UpdateReplacesAndDeleteRemoves) {
  auto index = NewIndex();
  AddAndCommit(*index, {MakeDoc("a", "old text"), MakeDoc("b", "other text")});
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder()));
  ASSERT_OK(writer->Update(MakeDoc("a", "new text")));
  ASSERT_OK(writer->Update(MakeDoc("c", "brand new")));
  ASSERT_OK(writer->Update(MakeDoc("c", "newest new")));  // replaces an uncommitted doc
  ASSERT_OK(writer->DeleteTerm("id", "b"));
  ASSERT_OK(writer->Commit());
  EXPECT_THAT(Ids(*index, "old"), ElementsAre());
  EXPECT_THAT(Ids(*index, "new"), ElementsAre("a", "c"));
  EXPECT_THAT(Ids(*index, "brand"), ElementsAre());
  EXPECT_THAT(Ids(*index, "other"), ElementsAre());
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  EXPECT_EQ(searcher->num_documents(), 2u);
  EXPECT_THAT(writer->DeleteTerm("body", "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("keyword")));
}

TEST_P(IndexApiTest, DeleteQueryRemovesMatchesAddedBeforeTheCall) {
  auto index = NewIndex();
  AddAndCommit(*index, {MakeDoc("a", "old alpha"), MakeDoc("b", "old beta"),
                        MakeDoc("e", "fresh epsilon")});
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder()));
  ASSERT_OK(writer->Add(MakeDoc("c", "old gamma")));  // uncommitted, older than the delete
  ASSERT_OK(writer->DeleteQuery(Query::Bool({{Occur::kMust, Query::Term("body", "old")},
                                             {Occur::kMustNot, Query::Term("body", "beta")}})));
  ASSERT_OK(writer->Add(MakeDoc("d", "old delta")));  // newer: survives
  EXPECT_THAT(Ids(*index, "old"), ElementsAre("a", "b"));  // nothing applied before Commit
  ASSERT_OK(writer->Commit());
  EXPECT_THAT(Ids(*index, "old"), ElementsAre("b", "d"));
  EXPECT_THAT(Ids(*index, "epsilon"), ElementsAre("e"));

  ASSERT_OK(writer->DeleteQuery(Query::Term("body", "delta")));
  ASSERT_OK(writer->Rollback());  // forgets the pending delete
  ASSERT_OK(writer->Commit());
  EXPECT_THAT(Ids(*index, "old"), ElementsAre("b", "d"));
  EXPECT_THAT(writer->DeleteQuery(Query::Term("nosuchfield", "x")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nosuchfield")));
}

// Count() answers a term from its document frequency in segments without
// deletions and by iterating elsewhere; both must agree with brute force.
TEST_P(IndexApiTest, TermCountsAreExactWithAndWithoutDeletes) {
  auto docs = testing::RandomDocs(3000, 50, 9);
  auto index = NewIndex();
  WriterOptions small;
  small.memory_budget_bytes = 32 * 1024;  // several segments
  small.merge_factor = 0;
  AddAndCommit(*index, docs, small);
  std::set<size_t> deleted;
  auto expect_counts = [&] {
    ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
    for (const char* word : {"w1", "w7", "w49", "nosuch"}) {
      uint64_t brute = 0;
      for (size_t i = 0; i < docs.size(); ++i) {
        const std::string body = " " + *docs[i].Get("body");
        brute += !deleted.count(i) && body.find(std::string(" ") + word + " ") != std::string::npos;
      }
      ASSERT_OK_AND_ASSIGN(uint64_t count, searcher->Count(Query::Term("body", word)));
      EXPECT_EQ(count, brute) << word;
    }
  };
  expect_counts();
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder(small)));
  for (size_t i = 0; i < 1000; i += 3) {  // some segments get deletions, later ones none
    ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(i)));
    deleted.insert(i);
  }
  ASSERT_OK(writer->Commit());
  expect_counts();
}

TEST_P(IndexApiTest, SmallMemoryBudgetMakesManySegmentsWithSameResults) {
  auto docs = testing::RandomDocs(600, 50, 1);
  auto one = NewIndex();
  AddAndCommit(*one, docs);
  auto many = Index::InMemory(Schema::Default());
  ASSERT_OK(many.status());
  WriterOptions tiny;
  tiny.memory_budget_bytes = 4096;
  AddAndCommit(**many, docs, tiny);
  for (const char* q : {"w1", "w2 w7", "+w0 +w3", "\"w1 w2\"", "w5 -w0"}) {
    ASSERT_OK_AND_ASSIGN(auto s1, one->NewSearcher());
    ASSERT_OK_AND_ASSIGN(auto s2, (*many)->NewSearcher());
    SearchOptions exact;
    exact.total_hits_threshold = SearchOptions::kExactTotal;  // segmentations differ
    ASSERT_OK_AND_ASSIGN(auto r1, s1->Search(q, exact));
    ASSERT_OK_AND_ASSIGN(auto r2, s2->Search(q, exact));
    ASSERT_EQ(r1.total_hits, r2.total_hits) << q;
    ASSERT_EQ(r1.hits.size(), r2.hits.size());
    for (size_t i = 0; i < r1.hits.size(); ++i) {
      EXPECT_EQ(*r1.hits[i].document.Get("id"), *r2.hits[i].document.Get("id")) << q;
      EXPECT_FLOAT_EQ(r1.hits[i].score, r2.hits[i].score);
    }
  }
}

TEST_P(IndexApiTest, SecondWriterIsRefused) {
  auto index = NewIndex();
  ASSERT_OK_AND_ASSIGN(auto first, index->NewWriter());
  EXPECT_THAT(index->NewWriter(), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("locked")));
  first.reset();
  EXPECT_OK(index->NewWriter());
}

TEST_P(IndexApiTest, BadValuesAreRejectedNamingTheField) {
  auto index = NewIndex();
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter());
  EXPECT_THAT(writer->Add(MakeDoc("a", "text", "", "2026-13-45")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("field date")));
  ASSERT_OK(writer->Add(MakeDoc("b", "text", "", "2026-01-16")));
  ASSERT_OK(writer->Commit());
  EXPECT_THAT(Ids(*index, "text"), ElementsAre("b"));
}

TEST_P(IndexApiTest, SyntaxErrorsGiveThePosition) {
  auto index = NewIndex();
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  EXPECT_THAT(searcher->Search("(davos"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("position 0")));
  EXPECT_THAT(searcher->Search("davos AND"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("after AND")));
  EXPECT_THAT(searcher->Search("nosuchfield:x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown field")));
}

// A commit removes the manifest it replaces; readers listing the folder just
// before must move on to the newer one, not report it missing.
TEST_P(IndexApiTest, ReadersOpenWhileCommitsReplaceManifests) {
  auto index = NewIndex();
  std::atomic<bool> done = false;
  absl::Status writer_status;
  std::thread committer([&] {
    auto writer = index->NewWriter();
    for (int i = 0; i < 300 && !done && writer.ok() && writer_status.ok(); ++i) {
      writer_status = (*writer)->Add(MakeDoc("d" + std::to_string(i), "word", "", ""));
      if (writer_status.ok()) writer_status = (*writer)->Commit();
    }
    if (!writer.ok()) writer_status = writer.status();
    done = true;
  });
  int reads = 0;
  absl::Status reader_status;
  while (!done && reader_status.ok()) {
    reader_status = index->Stats().status();
    if (reader_status.ok()) reader_status = index->NewSearcher().status();
    ++reads;
  }
  done = true;
  committer.join();
  ASSERT_OK(reader_status);
  ASSERT_OK(writer_status);
  EXPECT_GT(reads, 1);
  ASSERT_OK_AND_ASSIGN(IndexStats stats, index->Stats());
  EXPECT_EQ(stats.documents, 300u);
}

INSTANTIATE_TEST_SUITE_P(Backends, IndexApiTest,
                         ::testing::Values(Backend::kDisk, Backend::kMemory),
                         [](const auto& info) {
                           return info.param == Backend::kDisk ? "Disk" : "Memory";
                         });

TEST(IndexOpenTest, MissingAndExistingPaths) {
  TempDir dir;
  EXPECT_THAT(Index::Open((dir.path() / "nope").string()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("nope")));
  EXPECT_THAT(Index::Open(dir.str()), StatusIs(absl::StatusCode::kNotFound, HasSubstr("no trawl index")));
  ASSERT_OK(Index::Create(dir.str(), Schema::Default()).status());
  EXPECT_THAT(Index::Create(dir.str(), Schema::Default()),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("already exists")));
  ASSERT_OK_AND_ASSIGN(auto index, Index::Open(dir.str()));
  EXPECT_EQ(index->schema(), Schema::Default());
}

}  // namespace
}  // namespace trawl
