#include "index/memory_segment.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"

namespace trawl::index {
namespace {

// The budget counts, per distinct term, its record (by use: they grow in
// chunks; two strings and four counters, over 64 bytes), its postings
// strings and the 48 bytes its flush will take; so a buffer of many terms
// counts at least that much, and not the doubled capacity of a record
// array.
TEST(MemorySegmentTest, CountsPerTermRecordsAndWhatTheirFlushNeeds) {
  const Schema schema = Schema::Default();
  ASSERT_OK_AND_ASSIGN(FieldAnalyzers analyzers, MakeFieldAnalyzers(schema));
  MemorySegment segment(schema, analyzers);
  EXPECT_EQ(segment.memory_bytes(), 0u);
  const size_t terms = 20000;
  std::string body;
  for (size_t i = 0; i < terms; ++i) body += "t" + std::to_string(i) + " ";
  ASSERT_OK(segment.Add(testing::MakeDoc("d0", body)));
  const size_t bytes = segment.memory_bytes();
  EXPECT_GE(bytes, terms * (64 + 48));
  // Records (about 80 bytes), the flush's 48, the hash table and small
  // postings strings: far below what counting a doubled array would add.
  EXPECT_LT(bytes, terms * 400);
  auto dir = io::NewMemoryDirectory();
  ASSERT_OK(segment.Flush(*dir, "s"));
}

// Every byte appended to a term's postings strings is counted through
// their capacities, whether it went in on the one-byte path or as part of a
// longer varint: 4000 occurrences of "y" (one-byte position deltas) and 20
// of "x", 200 positions apart (two-byte deltas), count at least their
// streams' bytes and, as capacities double, under twice that plus the
// per-term costs.
TEST(MemorySegmentTest, CountsPostingsStringsAsTheyGrow) {
  // One unstored text field, so that nothing but postings grows.
  Schema schema;
  ASSERT_OK(schema.AddField({.name = "body", .type = FieldType::kText, .stored = false}));
  ASSERT_OK_AND_ASSIGN(FieldAnalyzers analyzers, MakeFieldAnalyzers(schema));
  MemorySegment segment(schema, analyzers);
  Document first;
  first.Add("body", "x y");
  ASSERT_OK(segment.Add(first));
  const size_t small = segment.memory_bytes();
  std::string body;
  for (int run = 0; run < 20; ++run) {
    body += "x ";
    for (int i = 0; i < 199; ++i) body += "y ";
  }
  Document second;
  second.Add("body", body);
  ASSERT_OK(segment.Add(second));
  const size_t streams = 20 * 2 + 20 * 199;
  const size_t grown = segment.memory_bytes() - small;
  EXPECT_GE(grown, streams);
  EXPECT_LT(grown, 2 * streams + 1000);
  auto dir = io::NewMemoryDirectory();
  ASSERT_OK(segment.Flush(*dir, "s"));
}

}  // namespace
}  // namespace trawl::index
