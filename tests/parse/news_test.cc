#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/parsers.h"
#include "tests/parse/parse_testing.h"
#include "tests/testing/status_matchers.h"
#include "trawl/parse.h"

namespace trawl {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using ::trawl::testing::ReadDocuments;
using ::trawl::testing::ScratchDir;
using ::trawl::testing::StatusIs;
using ::trawl::testing::Value;

constexpr char kSeedName[] = "000_34f2c2ac72de5d4c.txt";

void ExpectSeed(const Document& doc) {
  EXPECT_EQ(Value(doc, "id"), kSeedName);
  EXPECT_EQ(Value(doc, "date"), "2026-01-16");
  EXPECT_THAT(Value(doc, "title"),
              StartsWith("Ukrainian President Volodymyr Zelensky is hoping"));
  EXPECT_EQ(Value(doc, "source"), "REUTERS");
  const std::string body = Value(doc, "body");
  EXPECT_THAT(body, StartsWith("KYIV \xE2\x80\x93 A Ukrainian delegation"));
  EXPECT_THAT(body, EndsWith("he told reporters."));
  EXPECT_THAT(body, Not(HasSubstr("Sign up")));
  EXPECT_THAT(body, Not(HasSubstr("REUTERS")));
  EXPECT_THAT(body, HasSubstr("Pavel.\n\n\xE2\x80\x9CI think"));  // paragraphs kept
}

TEST(NewsTest, SeedThroughOpenDocuments) {
  ParseStats stats;
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ReadDocuments({TRAWL_SOURCE_DIR "/seeds"}, {}, &stats));
  ASSERT_EQ(docs.size(), 1u);
  ExpectSeed(docs[0]);
  EXPECT_EQ(stats.documents, 1u);
  EXPECT_EQ(stats.invalid_utf8, 0u);
  EXPECT_EQ(stats.bytes,
            std::filesystem::file_size(std::string(TRAWL_SOURCE_DIR "/seeds/") + kSeedName));
}

TEST(NewsTest, SeedThroughParseNewsArticle) {
  std::ifstream in(std::string(TRAWL_SOURCE_DIR "/seeds/") + kSeedName, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(text.empty());
  ASSERT_OK_AND_ASSIGN(Document doc, ParseNewsArticle(text, kSeedName));
  ExpectSeed(doc);
}

TEST(NewsTest, FieldsInOrder) {
  ASSERT_OK_AND_ASSIGN(Document doc,
                       ParseNewsArticle("date 2026-02-03 junk\n\nTitle line\n\nBody one.\n\n"
                                        "Body two, he said. AFP",
                                        "a.txt"));
  EXPECT_THAT(doc.fields(),
              ElementsAre(Document::Field("id", "a.txt"), Document::Field("title", "Title line"),
                          Document::Field("body", "Body one.\n\nBody two, he said."),
                          Document::Field("date", "2026-02-03"),
                          Document::Field("source", "AFP")));
}

TEST(NewsTest, BadDateNamesFileAndLine) {
  ScratchDir dir;
  const std::string path = dir.Write("bad.txt", "\n\n  date 2026-13-45 Sign up now\n\nTitle\n");
  EXPECT_THAT(ReadDocuments({path}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("bad.txt"), HasSubstr("line 3"),
                             HasSubstr("2026-13-45"))));
  EXPECT_THAT(ParseNewsArticle("date 2026-02-30\n\nx", "feb.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("feb.txt"), HasSubstr("line 1"))));
}

TEST(NewsTest, BoilerplateLinesDropped) {
  ASSERT_OK_AND_ASSIGN(
      Document doc,
      ParseNewsArticle("date 2026-01-01\n\nTitle\n\nSign up now: newsletters\n\nFirst.\n"
                       "Join ST's Telegram channel\n\nRead more at straitstimes.com\n\n"
                       "Get ST's newsletters delivered\n\nLast.",
                       "b"));
  EXPECT_EQ(Value(doc, "body"), "First.\n\nLast.");
  EXPECT_EQ(Value(doc, "source"), "<none>");
}

struct CreditCase {
  std::string last_paragraph;
  std::vector<std::string> sources;
  std::string body;
};

class AgencyCreditTest : public ::testing::TestWithParam<CreditCase> {};

// A test name from the ASCII letters and digits of `text`, each run of other
// bytes one '_' ("He left. AFP" -> "He_left_AFP").
std::string ParamName(std::string_view text) {
  std::string name;
  for (char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      name += c;
    } else if (!name.empty() && name.back() != '_') {
      name += '_';
    }
  }
  if (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

TEST_P(AgencyCreditTest, SplitsCreditFromLastParagraph) {
  const CreditCase& c = GetParam();
  ASSERT_OK_AND_ASSIGN(Document doc,
                       ParseNewsArticle("Title\n\nFirst.\n\n" + c.last_paragraph, "c"));
  std::vector<std::string> sources;
  for (std::string_view s : doc.GetAll("source")) sources.emplace_back(s);
  EXPECT_EQ(sources, c.sources);
  EXPECT_EQ(Value(doc, "body"), c.body);
}

INSTANTIATE_TEST_SUITE_P(
    Credits, AgencyCreditTest,
    ::testing::Values(
        CreditCase{"He left. REUTERS", {"REUTERS"}, "First.\n\nHe left."},
        CreditCase{"He left. WASHINGTON POST", {"WASHINGTON POST"}, "First.\n\nHe left."},
        CreditCase{"He left. AFP, REUTERS", {"AFP", "REUTERS"}, "First.\n\nHe left."},
        CreditCase{"\xE2\x80\x9CWe left,\xE2\x80\x9D he said. XINHUA  ",
                   {"XINHUA"},
                   "First.\n\n\xE2\x80\x9CWe left,\xE2\x80\x9D he said."},
        CreditCase{"He asked: why? BLOOMBERG", {"BLOOMBERG"}, "First.\n\nHe asked: why?"},
        CreditCase{"REUTERS", {"REUTERS"}, "First."},
        CreditCase{"It went to the UK", {}, "First.\n\nIt went to the UK"},
        CreditCase{"They met in Kyiv, AFP", {}, "First.\n\nThey met in Kyiv, AFP"},
        CreditCase{"He left. A", {}, "First.\n\nHe left. A"},
        CreditCase{"He left.ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   {},
                   "First.\n\nHe left.ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
        CreditCase{"He left the NATO summit.", {}, "First.\n\nHe left the NATO summit."}),
    [](const ::testing::TestParamInfo<CreditCase>& info) {
      return ParamName(info.param.last_paragraph);
    });

TEST(NewsTest, NoHeaderMeansNoDate) {
  ASSERT_OK_AND_ASSIGN(Document doc, ParseNewsArticle("Just a title\nover two lines", "d"));
  EXPECT_EQ(Value(doc, "title"), "Just a title\nover two lines");
  EXPECT_EQ(Value(doc, "body"), "");
  EXPECT_EQ(Value(doc, "date"), "<none>");
}

TEST(NewsTest, EmptyArticleStillYieldsDocument) {
  ASSERT_OK_AND_ASSIGN(Document doc, ParseNewsArticle("", "empty.txt"));
  EXPECT_EQ(Value(doc, "id"), "empty.txt");
  EXPECT_EQ(Value(doc, "body"), "");
  EXPECT_EQ(Value(doc, "title"), "<none>");
}

TEST(NewsTest, WindowsLineEndings) {
  ASSERT_OK_AND_ASSIGN(Document doc,
                       ParseNewsArticle("date 2026-01-16\r\n\r\nT\r\n\r\nB. AP\r\n", "e"));
  EXPECT_EQ(Value(doc, "title"), "T");
  EXPECT_EQ(Value(doc, "body"), "B.");
  EXPECT_EQ(Value(doc, "source"), "AP");
}

TEST(NewsTest, HeaderDetection) {
  EXPECT_TRUE(parse::HasNewsDateHeader("\n \t date 2026-01-16 x\nmore"));
  EXPECT_TRUE(parse::HasNewsDateHeader("date 2026-13-45"));
  EXPECT_FALSE(parse::HasNewsDateHeader("date night ideas\n"));
  EXPECT_FALSE(parse::HasNewsDateHeader("title\ndate 2026-01-16"));
  EXPECT_FALSE(parse::HasNewsDateHeader("dated 2026-01-16"));
  EXPECT_FALSE(parse::HasNewsDateHeader(""));
}

}  // namespace
}  // namespace trawl
