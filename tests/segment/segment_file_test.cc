#include "segment/segment_file.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "util/checksum.h"

namespace trawl::segment {
namespace {

TEST(StreamingChecksumTest, EqualsTheChecksumOfThePiecesTogether) {
  std::string all;
  util::StreamingChecksum streaming;
  for (int i = 0; i < 1000; ++i) {
    std::string piece(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26));
    all += piece;
    streaming.Update(piece);
  }
  EXPECT_EQ(streaming.Digest(), util::Checksum(all));
}

absl::StatusOr<std::string> FileBytes(io::Directory& dir, const std::string& name) {
  auto data = dir.Read(name);
  if (!data.ok()) return data.status();
  return std::string((*data)->data());
}

// Opening checksums these.
void AddSmallSections(SegmentFileWriter& writer) {
  for (Section id : {Section::kMeta, Section::kNorms, Section::kFast}) {
    ASSERT_OK(writer.Add(id, "small " + std::to_string(static_cast<int>(id))));
  }
}

// A section written in pieces (as a flush writes postings and positions)
// makes the same file as one written whole, and reads back.
TEST(SegmentFileWriterTest, SectionsInPiecesEqualSectionsWhole) {
  auto dir = io::NewMemoryDirectory();
  const std::string big(3 << 20, 'p');  // past the writer's 1 MB write buffer
  {
    ASSERT_OK_AND_ASSIGN(auto file, dir->Create("whole"));
    SegmentFileWriter writer(std::move(file));
    AddSmallSections(writer);
    ASSERT_OK(writer.Add(Section::kStored, "stored bytes"));
    ASSERT_OK(writer.Add(Section::kPostings, big + "tail"));
    ASSERT_OK(writer.Finish());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto file, dir->Create("pieces"));
    SegmentFileWriter writer(std::move(file));
    AddSmallSections(writer);
    ASSERT_OK(writer.Add(Section::kStored, "stored bytes"));
    ASSERT_OK(writer.BeginSection(Section::kPostings));
    EXPECT_FALSE(writer.BeginSection(Section::kPositions).ok());  // one open at a time
    for (size_t at = 0; at < big.size(); at += 1000) ASSERT_OK(writer.Append(big.substr(at, 1000)));
    ASSERT_OK(writer.Append(""));
    ASSERT_OK(writer.Append("tail"));
    EXPECT_FALSE(writer.Finish().ok());  // the section is still open
    ASSERT_OK(writer.EndSection());
    EXPECT_FALSE(writer.Append("late").ok());
    ASSERT_OK(writer.Finish());
  }
  ASSERT_OK_AND_ASSIGN(std::string whole, FileBytes(*dir, "whole"));
  ASSERT_OK_AND_ASSIGN(std::string pieces, FileBytes(*dir, "pieces"));
  EXPECT_EQ(whole, pieces);
  ASSERT_OK_AND_ASSIGN(auto data, dir->Read("pieces"));
  ASSERT_OK_AND_ASSIGN(SegmentFile file, SegmentFile::Open(data, "pieces"));
  EXPECT_EQ(file.section(Section::kPostings), big + "tail");
  EXPECT_EQ(file.section(Section::kStored), "stored bytes");
}

}  // namespace
}  // namespace trawl::segment
