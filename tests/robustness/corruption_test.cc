// Damaged index files: every flipped byte and every truncation of every file
// of a small index gives a DataLoss ("corruption") status on open or search,
// never a crash and never a silently wrong answer.
#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"

namespace trawl {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void WriteAll(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Opens and runs a few searches; the first error, or OK with a fingerprint
// of the answers.
absl::StatusOr<std::string> OpenAndSearch(const std::string& path) {
  auto index = Index::Open(path);
  if (!index.ok()) return index.status();
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return searcher.status();
  std::string fingerprint;
  for (const char* q : {"w1", "w2 w3", "\"w1 w2\"", "+w0 -w4"}) {
    auto r = (*searcher)->Search(q);
    if (!r.ok()) return r.status();
    fingerprint += std::to_string(r->total_hits) + ":";
    for (const Hit& h : r->hits) {
      // Damage in the stored section (checksummed by Check only) can leave
      // a hit without its id.
      const std::string* id = h.document.Get("id");
      fingerprint += (id ? *id : "<no id>") + "," + std::to_string(h.score) + ";";
    }
  }
  return fingerprint;
}

absl::Status CheckIndex(const std::string& path) {
  auto index = Index::Open(path);
  if (!index.ok()) return index.status();
  return (*index)->Check();
}

class CorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(auto index, Index::Create(dir_.str(), Schema::Default()));
    testing::AddAndCommit(*index, testing::RandomDocs(40, 8, 5));
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter());
    ASSERT_OK(writer->DeleteTerm("id", "d3"));  // so a deletion file exists too
    ASSERT_OK(writer->Commit());
    ASSERT_OK_AND_ASSIGN(good_, OpenAndSearch(dir_.str()));
  }

  std::vector<fs::path> IndexFiles() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_.path())) {
      if (e.path().filename() != "write.lock") files.push_back(e.path());
    }
    return files;
  }

  testing::TempDir dir_;
  std::string good_;
};

TEST_F(CorruptionTest, EveryFlippedByteIsDetected) {
  std::vector<fs::path> files = IndexFiles();
  ASSERT_GE(files.size(), 3u);  // manifest, segment, deletions
  for (const fs::path& file : files) {
    const std::string original = ReadAll(file);
    // Every byte of small files; a stride through larger ones keeps it fast.
    size_t stride = std::max<size_t>(1, original.size() / 400);
    for (size_t at = 0; at < original.size(); at += stride) {
      std::string bad = original;
      bad[at] = static_cast<char>(bad[at] ^ 0x01);
      WriteAll(file, bad);
      // Searching may not notice damage in a bulk section (they are
      // checksummed by Check, not at open), but never fails otherwise.
      auto result = OpenAndSearch(dir_.str());
      if (!result.ok()) {
        ASSERT_EQ(result.status().code(), absl::StatusCode::kDataLoss)
            << file.filename() << " byte " << at << ": " << result.status();
      }
      ASSERT_EQ(CheckIndex(dir_.str()).code(), absl::StatusCode::kDataLoss)
          << file.filename() << " byte " << at << " went unnoticed by Check";
    }
    WriteAll(file, original);
  }
  ASSERT_OK_AND_ASSIGN(std::string again, OpenAndSearch(dir_.str()));
  EXPECT_EQ(again, good_);
}

TEST_F(CorruptionTest, EveryTruncationIsDetected) {
  for (const fs::path& file : IndexFiles()) {
    const std::string original = ReadAll(file);
    size_t stride = std::max<size_t>(1, original.size() / 100);
    for (size_t len = 0; len < original.size(); len += stride) {
      WriteAll(file, original.substr(0, len));
      auto result = OpenAndSearch(dir_.str());
      ASSERT_EQ(result.status().code(), absl::StatusCode::kDataLoss)
          << file.filename() << " cut at " << len << ": " << result.status();
    }
    WriteAll(file, original);
  }
}

TEST_F(CorruptionTest, MergeRefusesADamagedSegment) {
  for (const fs::path& file : IndexFiles()) {
    if (file.extension() != ".seg") continue;
    std::string bad = ReadAll(file);
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x01);  // a bulk section
    WriteAll(file, bad);
  }
  ASSERT_OK_AND_ASSIGN(auto index, Index::Open(dir_.str()));
  testing::AddAndCommit(*index, testing::RandomDocs(5, 8, 5));  // a second, sound segment
  ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter());
  EXPECT_EQ(writer->ForceMerge(1).code(), absl::StatusCode::kDataLoss);
}

TEST_F(CorruptionTest, MissingSegmentFileIsCorruption) {
  for (const fs::path& file : IndexFiles()) {
    if (file.extension() != ".seg") continue;
    fs::remove(file);
    EXPECT_EQ(OpenAndSearch(dir_.str()).status().code(), absl::StatusCode::kDataLoss);
  }
}

}  // namespace
}  // namespace trawl
