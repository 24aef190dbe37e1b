#include "segment/doc_store.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace trawl::segment {
namespace {

// Document `i`: one to three values of varied lengths, some past a block.
std::vector<std::pair<uint32_t, std::string>> Doc(uint32_t i) {
  std::vector<std::pair<uint32_t, std::string>> values;
  for (uint32_t v = 0; v <= i % 3; ++v) {
    const size_t length = (i * 131 + v * 17) % (i % 50 == 0 ? 9000 : 700);
    std::string bytes;
    for (size_t k = 0; k < length; ++k) bytes += static_cast<char>('a' + (i + k * v) % 26);
    values.emplace_back(v, bytes);
  }
  return values;
}

absl::Status AddDoc(DocStoreWriter& writer, uint32_t i) {
  const auto values = Doc(i);
  std::vector<StoredValue> views;
  for (const auto& [field, bytes] : values) views.emplace_back(field, bytes);
  return writer.Add(views);
}

// Documents first..first+count-1 of Doc() as a finished section.
std::string Section(uint32_t first, uint32_t count) {
  DocStoreWriter writer;
  for (uint32_t i = first; i < first + count; ++i) EXPECT_OK(AddDoc(writer, i));
  auto section = writer.Finish();
  EXPECT_OK(section.status());
  return *section;
}

// The documents of `store`, as Get returns them.
void ExpectDocs(const DocStore& store, const std::vector<uint32_t>& expected) {
  ASSERT_EQ(store.doc_count(), expected.size());
  for (uint32_t d = 0; d < expected.size(); ++d) {
    ASSERT_OK_AND_ASSIGN(auto values, store.Get(d));
    EXPECT_EQ(values, Doc(expected[d])) << "doc " << d;
  }
  uint32_t scanned = 0;
  ASSERT_OK(store.Scan([&](uint32_t doc, std::span<const StoredValue> values) {
    EXPECT_EQ(doc, scanned++);
    EXPECT_EQ(values.size(), Doc(expected[doc]).size());
    return absl::OkStatus();
  }));
  EXPECT_EQ(scanned, expected.size());
}

TEST(DocStoreTest, BlocksPartitionTheDocuments) {
  const std::string section = Section(0, 500);
  ASSERT_OK_AND_ASSIGN(DocStore store, DocStore::Open(section, 500, "f", BlockCodec::kLz4));
  ASSERT_GT(store.block_count(), 10u);
  EXPECT_EQ(store.block_first_doc(0), 0u);
  EXPECT_EQ(store.block_first_doc(store.block_count()), 500u);
  uint32_t docs = 0;
  for (size_t b = 0; b < store.block_count(); ++b) {
    EXPECT_LT(store.block_first_doc(b), store.block_first_doc(b + 1));
    EXPECT_FALSE(store.compressed_block(b).empty());
    ASSERT_OK(store.ScanBlock(b, [&](uint32_t doc, std::span<const StoredValue>) {
      EXPECT_EQ(doc, docs++);
      return absl::OkStatus();
    }));
  }
  EXPECT_EQ(docs, 500u);
  std::vector<uint32_t> expected(500);
  for (uint32_t i = 0; i < 500; ++i) expected[i] = i;
  ExpectDocs(store, expected);
}

// Blocks copied compressed between documents added one by one (a block
// being filled is cut short before a copied one), as a merge writes them.
TEST(DocStoreTest, CopiedBlocksKeepTheirDocuments) {
  const std::string a = Section(1000, 300), b = Section(2000, 7);
  ASSERT_OK_AND_ASSIGN(DocStore store_a, DocStore::Open(a, 300, "a", BlockCodec::kLz4));
  ASSERT_OK_AND_ASSIGN(DocStore store_b, DocStore::Open(b, 7, "b", BlockCodec::kLz4));
  DocStoreWriter writer;
  std::vector<uint32_t> expected;
  for (uint32_t i = 0; i < 3; ++i) {
    ASSERT_OK(AddDoc(writer, i));
    expected.push_back(i);
  }
  for (const DocStore* in : {&store_a, &store_b}) {
    const uint32_t base = in == &store_a ? 1000 : 2000;
    for (size_t blk = 0; blk < in->block_count(); ++blk) {
      const uint32_t first = in->block_first_doc(blk), end = in->block_first_doc(blk + 1);
      ASSERT_OK(writer.AddCompressedBlock(in->compressed_block(blk), in->raw_size(blk),
                                          end - first));
      for (uint32_t d = first; d < end; ++d) expected.push_back(base + d);
    }
    ASSERT_OK(AddDoc(writer, 3));
    expected.push_back(3);
  }
  EXPECT_FALSE(writer.AddCompressedBlock("", 0, 0).ok());
  ASSERT_OK_AND_ASSIGN(std::string section, writer.Finish());
  const uint32_t count = static_cast<uint32_t>(expected.size());
  ASSERT_OK_AND_ASSIGN(DocStore store, DocStore::Open(section, count, "c", BlockCodec::kLz4));
  EXPECT_EQ(store.block_count(), 1 + store_a.block_count() + 1 + store_b.block_count() + 1);
  ExpectDocs(store, expected);
}

}  // namespace
}  // namespace trawl::segment
