#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/parsers.h"
#include "tests/parse/parse_testing.h"
#include "tests/testing/status_matchers.h"
#include "trawl/parse.h"
#include "zlib.h"
#include "zstd.h"

namespace trawl {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::trawl::testing::ReadDocuments;
using ::trawl::testing::ScratchDir;
using ::trawl::testing::StatusIs;
using ::trawl::testing::Value;

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::vector<std::string> Ids(const std::vector<Document>& docs) {
  std::vector<std::string> ids;
  for (const Document& d : docs) ids.push_back(Value(d, "id"));
  return ids;
}

// Large enough to span many buffer refills once decompressed.
std::string ManyJsonLines(int n) {
  std::string data;
  for (int i = 0; i < n; ++i) {
    data += "{\"id\":\"" + std::to_string(i) + "\",\"body\":\"some words for line " +
            std::to_string(i) + "\"}\n";
  }
  return data;
}

TEST(FormatTest, NamesRoundTrip) {
  for (Format f : {Format::kAuto, Format::kNews, Format::kJsonl, Format::kTrec, Format::kHtml,
                   Format::kText}) {
    ASSERT_OK_AND_ASSIGN(Format back, FormatFromName(FormatName(f)));
    EXPECT_EQ(back, f);
  }
  EXPECT_EQ(FormatName(Format::kJsonl), "jsonl");
  EXPECT_THAT(FormatFromName("xml"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("xml")));
}

TEST(FormatTest, DetectByExtensionThenContent) {
  using parse::DetectFormat;
  EXPECT_EQ(DetectFormat("a.jsonl", "x"), Format::kJsonl);
  EXPECT_EQ(DetectFormat("a.NDJSON.gz", "x"), Format::kJsonl);
  EXPECT_EQ(DetectFormat("dir.v2/a.html.zst", "x"), Format::kHtml);
  EXPECT_EQ(DetectFormat("a.htm", "x"), Format::kHtml);
  EXPECT_EQ(DetectFormat("a.trec", "x"), Format::kTrec);
  EXPECT_EQ(DetectFormat("a.sgml", "x"), Format::kTrec);
  EXPECT_EQ(DetectFormat("a.txt", " date 2026-01-16 x"), Format::kNews);
  EXPECT_EQ(DetectFormat("a.txt", "{\"id\":1}"), Format::kText);
  EXPECT_EQ(DetectFormat("a.dat", " \n{\"id\":1}"), Format::kJsonl);
  EXPECT_EQ(DetectFormat("a", "<DOC>\n"), Format::kTrec);
  EXPECT_EQ(DetectFormat("a", "<!DOCTYPE html>"), Format::kHtml);
  EXPECT_EQ(DetectFormat("a", "<html lang=en>"), Format::kHtml);
  EXPECT_EQ(DetectFormat("a.gz", "date 2026-01-16"), Format::kNews);
  EXPECT_EQ(DetectFormat("README", "hello"), Format::kText);
}

TEST(SourceTest, FolderRecursiveSortedWithGlobs) {
  ScratchDir dir;
  dir.Write("b.txt", "bee");
  dir.Write("a.txt", "date 2026-01-16\n\nTitle A\n\nBody.");
  dir.Write("sub/c.txt", "sea");
  dir.Write("sub/d.md", "skipped by glob");
  dir.Write("a.jsonl", "{\"id\":\"j1\"}\n{\"id\":\"j2\"}\n");
  ParseOptions options;
  options.include_globs = {"*.txt", "*.jsonl"};
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ReadDocuments({dir.path().string()}, options, &stats));
  EXPECT_THAT(Ids(docs), ElementsAre("j1", "j2", "a.txt", "b.txt", "sub/c.txt"));
  EXPECT_EQ(Value(docs[2], "title"), "Title A");  // news
  EXPECT_EQ(Value(docs[3], "body"), "bee");       // text
  EXPECT_EQ(stats.documents, 5u);
}

TEST(SourceTest, FilesGivenDirectlyUseFileName) {
  ScratchDir dir;
  const std::string a = dir.Write("x/one.md", "one");
  const std::string b = dir.Write("two.md", "two");
  ParseOptions options;
  options.include_globs = {"*.txt"};  // globs only filter folder listings
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({b, a}, options));
  EXPECT_THAT(Ids(docs), ElementsAre("two.md", "one.md"));
}

TEST(SourceTest, ExplicitFormatOverridesDetection) {
  ScratchDir dir;
  const std::string path = dir.Write("page.html", "<p>not parsed as html</p>");
  ParseOptions options;
  options.format = Format::kText;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({path}, options));
  EXPECT_EQ(Value(docs[0], "body"), "<p>not parsed as html</p>");
}

TEST(SourceTest, GzipAndZstdRoundTrip) {
  ScratchDir dir;
  const std::string data = ManyJsonLines(20000);
  const std::string gz = dir.Write("docs.jsonl.gz", Gzip(data));
  const std::string zst = dir.Write("docs.jsonl.zst", Zstd(data));
  const std::string two_members = dir.Write("two.gz", Gzip("{\"id\":\"m1\"}\n") +
                                                          Gzip("{\"id\":\"m2\"}\n"));
  for (const std::string& path : {gz, zst}) {
    SCOPED_TRACE(path);
    ParseStats stats;
    ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({path}, {}, &stats));
    ASSERT_THAT(docs, SizeIs(20000));
    EXPECT_EQ(Value(docs[19999], "body"), "some words for line 19999");
    EXPECT_EQ(stats.bytes, data.size());
  }
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({two_members}));
  EXPECT_THAT(Ids(docs), ElementsAre("m1", "m2"));
}

TEST(SourceTest, CompressedNewsDetectedAfterSuffix) {
  ScratchDir dir;
  const std::string path =
      dir.Write("story.txt.gz", Gzip("date 2026-01-16 x\n\nTitle\n\nBody. AFP"));
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({path}));
  EXPECT_EQ(Value(docs[0], "id"), "story.txt.gz");
  EXPECT_EQ(Value(docs[0], "source"), "AFP");
}

TEST(SourceTest, CorruptOrTruncatedCompressedDataFails) {
  ScratchDir dir;
  const std::string data = ManyJsonLines(2000);
  std::string gz = Gzip(data);
  const std::string truncated = dir.Write("t.jsonl.gz", gz.substr(0, gz.size() / 2));
  gz[gz.size() / 2] ^= 0x55;
  gz[gz.size() / 2 + 1] ^= 0x55;
  const std::string corrupt = dir.Write("c.jsonl.gz", gz);
  const std::string zst = Zstd(data);
  const std::string truncated_zst = dir.Write("t.jsonl.zst", zst.substr(0, zst.size() - 10));
  for (const std::string& path : {truncated, corrupt, truncated_zst}) {
    EXPECT_THAT(ReadDocuments({path}), StatusIs(absl::StatusCode::kDataLoss, HasSubstr(path)));
  }
}

TEST(SourceTest, InvalidUtf8ReplacedAndCounted) {
  ScratchDir dir;
  const std::string path = dir.Write("bad.txt", "ok \xC3\x28 and \xE2\x82 end \xFF");
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({path}, {}, &stats));
  EXPECT_EQ(Value(docs[0], "body"),
            "ok \xEF\xBF\xBD( and \xEF\xBF\xBD end \xEF\xBF\xBD");
  EXPECT_EQ(stats.invalid_utf8, 3u);
}

TEST(SourceTest, StrictUtf8FailsWithByteOffset) {
  ScratchDir dir;
  const std::string text = dir.Write("bad.txt", "ok \xC3\x28");
  const std::string trec = dir.Write("bad.trec", "<DOC>\n<TEXT>\xFF</TEXT></DOC>");
  ParseOptions strict;
  strict.strict_utf8 = true;
  EXPECT_THAT(ReadDocuments({text}, strict),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("bad.txt"), HasSubstr("byte offset 3"))));
  EXPECT_THAT(ReadDocuments({trec}, strict),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("bad.trec"), HasSubstr("byte offset 12"))));
}

TEST(SourceTest, ByteOrderMarkIgnored) {
  ScratchDir dir;
  const std::string path = dir.Write("bom.dat", "\xEF\xBB\xBF{\"id\":\"x\"}\n");
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({path}));
  EXPECT_THAT(Ids(docs), ElementsAre("x"));
}

TEST(SourceTest, BinaryFileSkippedWithMessage) {
  ScratchDir dir;
  dir.Write("a.txt", "text");
  dir.Write("b.bin", std::string("\x7f" "ELF\0\0\0", 7));
  dir.Write("c.gz", Gzip(std::string("zipped\0binary", 13)));
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ReadDocuments({dir.path().string()}, {}, &stats));
  EXPECT_THAT(Ids(docs), ElementsAre("a.txt"));
  EXPECT_EQ(stats.skipped_files, 2u);
  ASSERT_THAT(stats.messages, SizeIs(2));
  EXPECT_THAT(stats.messages[0], AllOf(HasSubstr("b.bin"), HasSubstr("binary")));
}

TEST(SourceTest, EmptyFilesStillYieldDocuments) {
  ScratchDir dir;
  dir.Write("a.txt", "");
  dir.Write("b.html", "");
  dir.Write("c", "");
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ReadDocuments({dir.path().string()}));
  ASSERT_THAT(Ids(docs), ElementsAre("a.txt", "b.html", "c"));
  for (const Document& d : docs) EXPECT_EQ(Value(d, "body"), "");
}

TEST(SourceTest, MissingPathIsNotFound) {
  ScratchDir dir;
  const std::string ok = dir.Write("a.txt", "x");
  const std::string missing = (dir.path() / "nope.txt").string();
  EXPECT_THAT(OpenDocuments({ok, missing}, {}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(missing)));
}

TEST(SourceTest, StandardInputIsDash) {
  ScratchDir dir;
  const std::string path = dir.Write("in", Gzip("{\"title\":\"from stdin\"}\n"));
  const int saved = dup(STDIN_FILENO);
  const int fd = open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  dup2(fd, STDIN_FILENO);
  absl::StatusOr<std::vector<Document>> docs = ReadDocuments({"-"});
  dup2(saved, STDIN_FILENO);
  close(fd);
  close(saved);
  ASSERT_OK(docs);
  ASSERT_THAT(*docs, SizeIs(1));
  EXPECT_EQ(Value((*docs)[0], "title"), "from stdin");
  EXPECT_EQ(Value((*docs)[0], "id"), "stdin:1");
}

TEST(SourceTest, ErrorEndsTheSource) {
  ScratchDir dir;
  const std::string path = dir.Write("a.jsonl", "{\"id\":\"1\"}\nbad\n{\"id\":\"3\"}\n");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<DocumentSource> source, OpenDocuments({path}, {}));
  ASSERT_OK_AND_ASSIGN(std::optional<Document> first, source->Next());
  ASSERT_TRUE(first.has_value());
  EXPECT_THAT(source->Next(), StatusIs(absl::StatusCode::kInvalidArgument,
                                       AllOf(HasSubstr("a.jsonl"), HasSubstr("line 2"))));
  ASSERT_OK_AND_ASSIGN(std::optional<Document> after, source->Next());
  EXPECT_FALSE(after.has_value());
}

TEST(SourceTest, NothingReadBeforeNext) {
  ScratchDir dir;
  const std::string path = dir.Write("a.jsonl", "{\"id\":\"1\"}\n");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<DocumentSource> source, OpenDocuments({path}, {}));
  EXPECT_EQ(source->stats().bytes, 0u);
  std::filesystem::remove(path);  // gone before the first Next: skipped, not fatal
  ASSERT_OK_AND_ASSIGN(std::optional<Document> doc, source->Next());
  EXPECT_FALSE(doc.has_value());
  EXPECT_EQ(source->stats().skipped_files, 1u);
}

}  // namespace
}  // namespace trawl
