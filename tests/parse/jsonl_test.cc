#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/dates.h"
#include "parse/parsers.h"
#include "tests/parse/parse_testing.h"
#include "tests/testing/corpora.h"
#include "tests/testing/status_matchers.h"
#include "trawl/parse.h"

namespace trawl {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::trawl::testing::StatusIs;
using ::trawl::testing::Value;

absl::StatusOr<std::vector<Document>> ParseJsonl(const std::string& data,
                                                 const ParseOptions& options = {},
                                                 ParseStats* stats = nullptr) {
  ParseStats local;
  return parse::ParseBuffer(Format::kJsonl, data, "docs.jsonl", options,
                            stats ? stats : &local);
}

std::vector<std::string> Values(const Document& doc, std::string_view field) {
  std::vector<std::string> out;
  for (std::string_view v : doc.GetAll(field)) out.emplace_back(v);
  return out;
}

TEST(JsonlTest, ValueTypes) {
  ASSERT_OK_AND_ASSIGN(
      std::vector<Document> docs,
      ParseJsonl(R"({"id": "7", "title": "caf\u00e9 \"q\"", "n": 42, "neg": -3,)"
                 R"( "big": 18446744073709551615, "x": 2.5, "e": 1e3, "t": true,)"
                 R"( "f": false, "nothing": null})"));
  ASSERT_THAT(docs, SizeIs(1));
  const Document& d = docs[0];
  EXPECT_EQ(Value(d, "id"), "7");
  EXPECT_EQ(Value(d, "title"), "caf\xC3\xA9 \"q\"");
  EXPECT_EQ(Value(d, "n"), "42");
  EXPECT_EQ(Value(d, "neg"), "-3");
  EXPECT_EQ(Value(d, "big"), "18446744073709551615");
  EXPECT_EQ(Value(d, "x"), "2.5");
  EXPECT_EQ(Value(d, "e"), "1000");
  EXPECT_EQ(Value(d, "t"), "true");
  EXPECT_EQ(Value(d, "f"), "false");
  EXPECT_EQ(Value(d, "nothing"), "<none>");
}

TEST(JsonlTest, ArraysBecomeRepeatedValues) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseJsonl(R"({"id":"1","tags":["a","b",3,null,["x"],{"y":1}],"e":[]})"));
  EXPECT_THAT(Values(docs[0], "tags"), ElementsAre("a", "b", "3"));
  EXPECT_THAT(Values(docs[0], "e"), ElementsAre());
}

TEST(JsonlTest, NestedObjectsFlattenedWithDots) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseJsonl(R"({"id":"1","meta":{"author":"Ann","deep":{"k":["v"]}}})"));
  EXPECT_THAT(docs[0].fields(),
              ElementsAre(Document::Field("id", "1"), Document::Field("meta.author", "Ann"),
                          Document::Field("meta.deep.k", "v")));
}

TEST(JsonlTest, FieldMappingSelectsAndRenames) {
  ParseOptions options;
  options.json_fields = {{"meta.author", "author"}, {"headline", "title"},
                         {"headline", "alt"}, {"text", "body"}};
  ASSERT_OK_AND_ASSIGN(
      std::vector<Document> docs,
      ParseJsonl(R"({"headline":"H","text":"B","meta":{"author":"Ann","x":1},"skip":"s"})",
                 options));
  EXPECT_THAT(docs[0].fields(),
              ElementsAre(Document::Field("title", "H"), Document::Field("alt", "H"),
                          Document::Field("body", "B"), Document::Field("author", "Ann"),
                          Document::Field("id", "docs.jsonl:1")));
}

TEST(JsonlTest, MissingIdGeneratedFromFileAndLine) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseJsonl("{\"a\":1}\n\n{\"id\":null}\n{\"id\":5}\n"));
  ASSERT_THAT(docs, SizeIs(3));
  EXPECT_EQ(Value(docs[0], "id"), "docs.jsonl:1");
  EXPECT_EQ(Value(docs[1], "id"), "docs.jsonl:3");
  EXPECT_EQ(Value(docs[2], "id"), "5");
}

TEST(JsonlTest, DatesNormalized) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseJsonl("{\"date\":\"2026-01-16\"}\n"
                                  "{\"date\":\"2026-01-16T10:00:00Z\"}\n"
                                  "{\"date\":\"2024-02-29 23:59:59.5+08:00\"}\n"));
  EXPECT_EQ(Value(docs[0], "date"), "2026-01-16");
  EXPECT_EQ(Value(docs[1], "date"), "2026-01-16");
  EXPECT_EQ(Value(docs[2], "date"), "2024-02-29");
}

TEST(JsonlTest, InvalidDateFailsWithLine) {
  EXPECT_THAT(ParseJsonl("{}\n{}\n{\"date\":\"2026-13-45\"}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("docs.jsonl"), HasSubstr("line 3"),
                             HasSubstr("2026-13-45"))));
  EXPECT_THAT(ParseJsonl("{\"date\":20260116}"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 1")));
}

TEST(JsonlTest, MappedDateFieldNormalized) {
  ParseOptions options;
  options.json_fields = {{"published", "date"}};
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseJsonl(R"({"published":"1987-02-26T15:01:01"})", options));
  EXPECT_EQ(Value(docs[0], "date"), "1987-02-26");
}

TEST(JsonlTest, BadLineFailsWithItsNumber) {
  for (const char* bad : {"[1,2]", "42", "\"s\"", "{\"a\":", "{\"a\":1} x", "not json"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseJsonl(std::string("{\"id\":\"1\"}\n\n") + bad + "\n{\"id\":\"2\"}\n"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("docs.jsonl"), HasSubstr("line 3"))));
  }
}

TEST(JsonlTest, LenientSkipsAndCountsBadLines) {
  ParseOptions options;
  options.lenient = true;
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(
      std::vector<Document> docs,
      ParseJsonl("{\"id\":\"1\"}\n[1]\ngarbage\n{\"date\":\"2026-99-01\"}\n{\"id\":\"2\"}",
                 options, &stats));
  ASSERT_THAT(docs, SizeIs(2));
  EXPECT_EQ(Value(docs[1], "id"), "2");
  EXPECT_EQ(stats.skipped_lines, 3u);
}

TEST(JsonlTest, BlankLinesSkipped) {
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseJsonl("\n   \n{\"id\":\"a\"}\r\n\t\n\n{\"id\":\"b\"}\n\n", {}, &stats));
  ASSERT_THAT(docs, SizeIs(2));
  EXPECT_EQ(Value(docs[1], "id"), "b");
  EXPECT_EQ(stats.skipped_lines, 0u);
}

TEST(JsonlTest, EmptyObjectStillYieldsDocument) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseJsonl("{}"));
  ASSERT_THAT(docs, SizeIs(1));
  EXPECT_THAT(docs[0].fields(), ElementsAre(Document::Field("id", "docs.jsonl:1")));
}

TEST(JsonlTest, InvalidUtf8RepairedOrStrict) {
  const std::string data = "{\"id\":\"1\"}\n{\"body\":\"a\xFF" "b\xC3\"}\n";
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseJsonl(data, {}, &stats));
  EXPECT_EQ(Value(docs[1], "body"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  EXPECT_EQ(stats.invalid_utf8, 2u);

  ParseOptions strict;
  strict.strict_utf8 = true;
  strict.lenient = true;  // strict UTF-8 errors are never skipped
  EXPECT_THAT(ParseJsonl(data, strict),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("byte offset 21")));
}

TEST(JsonlTest, LongLinesAcrossBufferRefills) {
  const std::string body(1 << 20, 'x');  // longer than the initial buffer
  std::string data;
  for (int i = 0; i < 3; ++i) {
    data += "{\"id\":\"" + std::to_string(i) + "\",\"body\":\"" + body + "\"}\n";
  }
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseJsonl(data));
  ASSERT_THAT(docs, SizeIs(3));
  EXPECT_EQ(Value(docs[2], "id"), "2");
  EXPECT_EQ(Value(docs[2], "body"), body);
}

TEST(JsonlTest, Reuters21578AllDocumentsWithValidDates) {
  const std::optional<std::filesystem::path> corpus =
      testing::SharedCorpusDocs("reuters21578");
  if (!corpus) GTEST_SKIP() << "shared corpus reuters21578 not found";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<DocumentSource> source,
                       OpenDocuments({corpus->string()}, {}));
  size_t count = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(std::optional<Document> doc, source->Next());
    if (!doc) break;
    ++count;
    const std::string date = Value(*doc, "date");
    ASSERT_TRUE(parse::NormalizeIsoDate(date) == date) << Value(*doc, "id") << ": " << date;
    ASSERT_NE(doc->Get("body"), nullptr);
  }
  EXPECT_EQ(count, 21578u);
  EXPECT_EQ(source->stats().documents, 21578u);
  EXPECT_EQ(source->stats().skipped_lines, 0u);
}

}  // namespace
}  // namespace trawl
