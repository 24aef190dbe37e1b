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

using ::trawl::testing::RandomDocs;

// (id, score) of the top 50 of each query.
std::vector<std::string> Answers(Index& index) {
  auto searcher = index.NewSearcher();
  std::vector<std::string> out;
  for (const char* q : {"w1", "w2 w9", "+w0 +w3", "\"w1 w2\"", "w5 -w0", "w40 w41 w42"}) {
    SearchOptions options;
    options.k = 50;
    options.total_hits_threshold = SearchOptions::kExactTotal;  // segmentations differ
    auto r = (*searcher)->Search(q, options);
    EXPECT_TRUE(r.ok()) << r.status();
    std::string line = std::to_string(r->total_hits) + ":";
    for (const Hit& h : r->hits) line += *h.document.Get("id") + "=" + std::to_string(h.score) + " ";
    out.push_back(line);
  }
  return out;
}

size_t SegmentCount(Index& index) {
  auto stats = index.Stats();
  EXPECT_TRUE(stats.ok()) << stats.status();
  return stats->segments.size();
}

// Options whose small memory budget cuts a few thousand documents into many
// segments; merge_factor 0 leaves them unmerged.
WriterOptions SmallSegments(size_t memory_budget_bytes, size_t merge_factor) {
  WriterOptions options;
  options.memory_budget_bytes = memory_budget_bytes;
  options.merge_factor = merge_factor;
  return options;
}

TEST(MergeTest, ForceMergeDropsDeletesAndEqualsAFreshIndex) {
  std::vector<Document> docs = RandomDocs(3000, 80, 3);
  ASSERT_OK_AND_ASSIGN(auto merged, Index::InMemory(Schema::Default()));
  ASSERT_OK_AND_ASSIGN(auto writer,
                       merged->NewWriter(testing::InOrder(SmallSegments(32 * 1024, 0))));
  for (const Document& d : docs) ASSERT_OK(writer->Add(d));
  for (int i = 0; i < 3000; i += 7) ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(i)));
  ASSERT_OK(writer->Commit());
  EXPECT_GT(SegmentCount(*merged), 5u);
  ASSERT_OK(writer->ForceMerge(1));
  ASSERT_EQ(SegmentCount(*merged), 1u);
  ASSERT_OK_AND_ASSIGN(IndexStats stats, merged->Stats());
  EXPECT_EQ(stats.deleted, 0u);
  EXPECT_EQ(stats.documents, 3000u - 429u);
  ASSERT_OK(merged->Check());

  std::vector<Document> live;
  for (int i = 0; i < 3000; ++i) {
    if (i % 7 != 0) live.push_back(docs[static_cast<size_t>(i)]);
  }
  ASSERT_OK_AND_ASSIGN(auto fresh, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*fresh, live);
  EXPECT_EQ(Answers(*merged), Answers(*fresh));
}

// Stored blocks without deletes are copied as stored, the others rebuilt:
// deletes only in the first segments, then every live document's stored
// fields, fetched by id, are its own.
TEST(MergeTest, MergedStoredFieldsAreThoseOfEveryLiveDocument) {
  std::vector<Document> docs = RandomDocs(3000, 80, 5);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  ASSERT_OK_AND_ASSIGN(auto writer,
                       index->NewWriter(testing::InOrder(SmallSegments(32 * 1024, 0))));
  for (const Document& d : docs) ASSERT_OK(writer->Add(d));
  std::vector<bool> deleted(docs.size(), false);
  for (size_t i = 0; i < 400; i += 3) {
    ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(i)));
    deleted[i] = true;
  }
  ASSERT_OK(writer->Commit());
  ASSERT_GT(SegmentCount(*index), 5u);
  ASSERT_OK(writer->ForceMerge(1));
  ASSERT_EQ(SegmentCount(*index), 1u);
  ASSERT_OK(index->Check());
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  for (size_t i = 0; i < docs.size(); ++i) {
    const std::string id = "d" + std::to_string(i);
    ASSERT_OK_AND_ASSIGN(auto r, searcher->Search(Query::Term("id", id)));
    if (deleted[i]) {
      EXPECT_EQ(r.total_hits, 0u) << id;
      continue;
    }
    ASSERT_EQ(r.hits.size(), 1u) << id;
    EXPECT_EQ(*r.hits[0].document.Get("id"), id);
    EXPECT_EQ(*r.hits[0].document.Get("body"), *docs[i].Get("body")) << id;
  }
  // Postings too: inputs with deletes are merged doc by doc, the others a
  // block at a time, and the statistics of the fields are counted anew.
  std::vector<Document> live;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!deleted[i]) live.push_back(docs[i]);
  }
  ASSERT_OK_AND_ASSIGN(auto fresh, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*fresh, live);
  EXPECT_EQ(Answers(*index), Answers(*fresh));
}

TEST(MergeTest, ForceMergeToSeveralKeepsResults) {
  std::vector<Document> docs = RandomDocs(2000, 60, 4);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  const WriterOptions options = SmallSegments(16 * 1024, 0);
  testing::AddAndCommit(*index, docs, options);
  std::vector<std::string> before = Answers(*index);
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder(options)));
  ASSERT_OK(writer->ForceMerge(3));
  EXPECT_LE(SegmentCount(*index), 3u);
  EXPECT_GE(SegmentCount(*index), 2u);
  EXPECT_EQ(Answers(*index), before);
  EXPECT_THAT(writer->ForceMerge(0), testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

TEST(MergeTest, ForceMergeReportsRisingProgressEndingAtOne) {
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  const WriterOptions options = SmallSegments(16 * 1024, 0);
  std::vector<Document> docs = RandomDocs(3000, 60, 6);
  testing::AddAndCommit(*index, docs, options);
  ASSERT_GT(SegmentCount(*index), 6u);
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder(options)));
  for (int i = 0; i < 3000; i += 11) ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(i)));
  std::vector<double> shares;
  ASSERT_OK(writer->ForceMerge(3, [&](double done) { shares.push_back(done); }));
  ASSERT_GT(shares.size(), 3u);
  EXPECT_TRUE(std::is_sorted(shares.begin(), shares.end()));
  EXPECT_GE(shares.front(), 0.0);
  EXPECT_LT(shares.front(), 0.5);
  EXPECT_DOUBLE_EQ(shares.back(), 1.0);
  EXPECT_LE(SegmentCount(*index), 3u);
}

TEST(MergeTest, TieredMergingBoundsTheSegmentCount) {
  std::vector<Document> docs = RandomDocs(4000, 60, 5);
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(testing::InOrder(SmallSegments(12 * 1024, 4))));
  for (size_t i = 0; i < docs.size(); ++i) {
    ASSERT_OK(writer->Add(docs[i]));
    if (i % 500 == 499) {
      ASSERT_OK(writer->Commit());
    }
  }
  ASSERT_OK(writer->Commit());
  ASSERT_OK(writer->WaitForMerges());
  ASSERT_OK_AND_ASSIGN(IndexStats stats, index->Stats());
  EXPECT_EQ(stats.documents, 4000u);
  // Without merging this budget writes well over a hundred segments.
  EXPECT_LT(stats.segments.size(), 20u);
  ASSERT_OK(index->Check());
  ASSERT_OK_AND_ASSIGN(auto fresh, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*fresh, docs);
  EXPECT_EQ(Answers(*index), Answers(*fresh));
}

// The ids of every live doc matching `query`, sorted.
std::vector<std::string> MatchingIds(Index& index, const std::string& query) {
  SearchOptions options;
  options.k = 100000;
  std::vector<std::string> ids = testing::HitIds(index, query, options);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Merges chosen by one commit run while the next commit deletes from their
// inputs; the deletes must survive the merges' own commits. Whether a merge
// was in flight is seen in the segment count right after the second commit.
TEST(MergeTest, BackgroundMergesKeepDeletesMadeWhileTheyRan) {
  std::vector<Document> docs = RandomDocs(6000, 80, 7);
  std::vector<Document> live;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i % 5 != 0) live.push_back(docs[i]);
  }
  ASSERT_OK_AND_ASSIGN(auto fresh, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*fresh, live);
  bool overlapped = false;
  for (int attempt = 0; attempt < 5 && !overlapped; ++attempt) {
    ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
    ASSERT_OK_AND_ASSIGN(auto writer,
                         index->NewWriter(testing::InOrder(SmallSegments(16 * 1024, 4))));
    for (const Document& d : docs) ASSERT_OK(writer->Add(d));
    ASSERT_OK(writer->Commit());
    for (size_t i = 0; i < docs.size(); i += 5) {
      ASSERT_OK(writer->DeleteTerm("id", "d" + std::to_string(i)));
    }
    ASSERT_OK(writer->Commit());
    size_t segments_after_deletes = SegmentCount(*index);
    ASSERT_OK(writer->WaitForMerges());
    overlapped = SegmentCount(*index) < segments_after_deletes;
    ASSERT_OK_AND_ASSIGN(IndexStats stats, index->Stats());
    EXPECT_EQ(stats.documents, live.size());
    ASSERT_OK(index->Check());
    for (const char* q : {"w1", "w2 w9", "+w0 +w3", "\"w1 w2\"", "w5 -w0"}) {
      EXPECT_EQ(MatchingIds(*index, q), MatchingIds(*fresh, q)) << q;
    }
  }
  EXPECT_TRUE(overlapped) << "no merge was ever running during the deleting commit";
}

TEST(MergeTest, OpenSearchersKeepTheirSegments) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto index, Index::Create(dir.str(), Schema::Default()));
  const WriterOptions options = SmallSegments(16 * 1024, 0);
  testing::AddAndCommit(*index, RandomDocs(1000, 40, 6), options);
  ASSERT_OK_AND_ASSIGN(auto old_searcher, index->NewSearcher());
  ASSERT_OK_AND_ASSIGN(auto before, old_searcher->Search("w1 w2"));
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(options));
  ASSERT_OK(writer->ForceMerge(1));
  // The merged-away files are gone from the folder, yet the old view reads on.
  ASSERT_OK_AND_ASSIGN(auto after, old_searcher->Search("w1 w2"));
  EXPECT_EQ(before.total_hits, after.total_hits);
  ASSERT_EQ(before.hits.size(), after.hits.size());
  for (size_t i = 0; i < before.hits.size(); ++i) {
    EXPECT_EQ(before.hits[i].document, after.hits[i].document);
  }
}

// A merge writes its positions to a file of its own before copying them
// into the segment: none of that file is left behind in the folder.
TEST(MergeTest, AMergeLeavesOnlyItsSegmentInTheFolder) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto index, Index::Create(dir.str(), Schema::Default()));
  const std::vector<Document> docs = RandomDocs(2000, 60, 8);
  testing::AddAndCommit(*index, docs, SmallSegments(16 * 1024, 0));
  ASSERT_GT(SegmentCount(*index), 5u);
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(SmallSegments(16 * 1024, 0)));
    ASSERT_OK(writer->ForceMerge(1));
  }
  std::vector<std::string> segment_files, other_files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.str())) {
    const std::string name = entry.path().filename().string();
    (name.ends_with(".seg") ? segment_files : other_files).push_back(name);
  }
  EXPECT_EQ(segment_files.size(), 1u);
  for (const std::string& name : other_files) {
    EXPECT_TRUE(name.starts_with("commit_") || name == "write.lock") << name;
  }
  ASSERT_OK(index->Check());
  ASSERT_OK_AND_ASSIGN(auto fresh, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*fresh, docs);
  EXPECT_EQ(Answers(*index), Answers(*fresh));
}

}  // namespace
}  // namespace trawl
