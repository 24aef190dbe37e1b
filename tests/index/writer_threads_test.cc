// Indexing with several threads gives the same index content as one thread
// (documents may land in other segments, so compare hits as sets).
#include <atomic>
#include <map>
#include <thread>

#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"

namespace trawl {
namespace {

using ::trawl::testing::RandomDocs;

// id -> score of every hit, for a few queries.
std::vector<std::map<std::string, float>> AllHits(Index& index) {
  auto searcher = index.NewSearcher();
  std::vector<std::map<std::string, float>> out;
  for (const char* q : {"w1", "w2 w9", "+w0 +w3", "\"w1 w2\"", "w5 -w0"}) {
    SearchOptions options;
    options.k = 100000;
    auto r = (*searcher)->Search(q, options);
    EXPECT_TRUE(r.ok()) << r.status();
    std::map<std::string, float> hits;
    for (const Hit& h : r->hits) hits[*h.document.Get("id")] = h.score;
    out.push_back(std::move(hits));
  }
  return out;
}

TEST(WriterThreadsTest, SeveralThreadsIndexTheSameContent) {
  std::vector<Document> docs = RandomDocs(4000, 100, 21);
  ASSERT_OK_AND_ASSIGN(auto single, Index::InMemory(Schema::Default()));
  WriterOptions one;
  one.threads = 1;
  testing::AddAndCommit(*single, docs, one);

  ASSERT_OK_AND_ASSIGN(auto multi, Index::InMemory(Schema::Default()));
  WriterOptions four;
  four.threads = 4;
  four.memory_budget_bytes = 64 * 1024;  // many flushes from every thread
  four.merge_factor = 0;
  testing::AddAndCommit(*multi, docs, four);
  ASSERT_OK_AND_ASSIGN(IndexStats stats, multi->Stats());
  EXPECT_EQ(stats.documents, docs.size());
  EXPECT_GT(stats.segments.size(), 4u);
  ASSERT_OK(multi->Check());
  EXPECT_EQ(AllHits(*single), AllHits(*multi));
}

TEST(WriterThreadsTest, AddFromManyThreadsThenUpdateAndDelete) {
  std::vector<Document> docs = RandomDocs(2000, 50, 22);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.threads = 3;
  options.memory_budget_bytes = 32 * 1024;
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(options));
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < docs.size(); i += 4) {
        EXPECT_OK(writer->Add(docs[i]));
      }
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(writer->pending_documents(), docs.size());
  ASSERT_OK(writer->Commit());
  ASSERT_OK(writer->Update(testing::MakeDoc("d7", "replaced uniqueword")));
  ASSERT_OK(writer->DeleteTerm("id", "d8"));
  EXPECT_THAT(writer->Add(testing::MakeDoc("bad", "x", "", "not-a-date")),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("date")));
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  EXPECT_EQ(searcher->num_documents(), docs.size() - 1);
  ASSERT_OK_AND_ASSIGN(auto r, searcher->Search("uniqueword"));
  ASSERT_EQ(r.total_hits, 1u);
  EXPECT_EQ(*r.hits[0].document.Get("id"), "d7");
  ASSERT_OK_AND_ASSIGN(auto gone, searcher->Count(Query::Term("id", "d8")));
  EXPECT_EQ(gone, 0u);
}

TEST(WriterThreadsTest, RollbackDiscardsQueuedAndFlushedDocuments) {
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.threads = 2;
  options.memory_budget_bytes = 16 * 1024;
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(options));
  for (const Document& d : RandomDocs(1500, 40, 23)) ASSERT_OK(writer->Add(d));
  ASSERT_OK(writer->Rollback());
  ASSERT_OK(writer->Add(testing::MakeDoc("only", "survivor")));
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(IndexStats stats, index->Stats());
  EXPECT_EQ(stats.documents, 1u);
}

// index_in_calling_threads: callers index on checked-out buffers; more
// callers than buffers wait their turn.
TEST(WriterThreadsTest, CallingThreadsIndexTheSameContent) {
  std::vector<Document> docs = RandomDocs(4000, 100, 24);
  ASSERT_OK_AND_ASSIGN(auto single, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*single, docs);

  ASSERT_OK_AND_ASSIGN(auto multi, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.threads = 2;
  options.index_in_calling_threads = true;
  options.memory_budget_bytes = 64 * 1024;  // flushes in the calling threads
  options.merge_factor = 0;
  ASSERT_OK_AND_ASSIGN(auto writer, multi->NewWriter(options));
  std::vector<std::thread> callers;
  for (size_t t = 0; t < 3; ++t) {
    callers.emplace_back([&, t] {
      for (size_t i = t; i < docs.size(); i += 3) EXPECT_OK(writer->Add(docs[i]));
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(writer->pending_documents(), docs.size());
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(IndexStats stats, multi->Stats());
  EXPECT_EQ(stats.documents, docs.size());
  EXPECT_GT(stats.segments.size(), 2u);
  ASSERT_OK(multi->Check());
  EXPECT_EQ(AllHits(*single), AllHits(*multi));
}

TEST(WriterThreadsTest, CallingThreadsKeepUpdateAndDeleteOrder) {
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  WriterOptions options;
  options.threads = 2;
  options.index_in_calling_threads = true;
  options.memory_budget_bytes = 16 * 1024;
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(options));
  ASSERT_OK(writer->Add(testing::MakeDoc("a", "first version")));
  ASSERT_OK(writer->Add(testing::MakeDoc("b", "kept")));
  ASSERT_OK(writer->Update(testing::MakeDoc("a", "second version")));
  ASSERT_OK(writer->DeleteTerm("id", "b"));
  ASSERT_OK(writer->Add(testing::MakeDoc("b", "added after the delete")));
  EXPECT_THAT(writer->Add(testing::MakeDoc("bad", "x", "", "not-a-date")),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("date")));
  ASSERT_OK(writer->Commit());
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  EXPECT_EQ(searcher->num_documents(), 2u);
  EXPECT_EQ(testing::HitIds(*index, "second"), std::vector<std::string>{"a"});
  EXPECT_TRUE(testing::HitIds(*index, "first").empty());
  EXPECT_EQ(testing::HitIds(*index, "after"), std::vector<std::string>{"b"});
  EXPECT_TRUE(testing::HitIds(*index, "kept").empty());
}

// An Add() racing a Commit() waits for it: every document lands in exactly
// one commit, whichever mode feeds the buffers.
TEST(WriterThreadsTest, AddWhileCommittingLosesNothing) {
  for (bool in_caller : {false, true}) {
    SCOPED_TRACE(in_caller);
    std::vector<Document> docs = RandomDocs(3000, 30, 25);
    ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
    WriterOptions options;
    options.threads = 2;
    options.index_in_calling_threads = in_caller;
    options.memory_budget_bytes = 32 * 1024;
    options.merge_factor = 0;
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(options));
    std::atomic<bool> done{false};
    std::thread committer([&] {
      while (!done) EXPECT_OK(writer->Commit());
    });
    std::vector<std::thread> callers;
    for (size_t t = 0; t < 2; ++t) {
      callers.emplace_back([&, t] {
        for (size_t i = t; i < docs.size(); i += 2) EXPECT_OK(writer->Add(docs[i]));
      });
    }
    for (auto& c : callers) c.join();
    done = true;
    committer.join();
    ASSERT_OK(writer->Commit());
    ASSERT_OK_AND_ASSIGN(IndexStats stats, index->Stats());
    EXPECT_EQ(stats.documents, docs.size());
    ASSERT_OK(index->Check());
  }
}

}  // namespace
}  // namespace trawl
