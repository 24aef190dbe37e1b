#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/parsers.h"
#include "tests/parse/parse_testing.h"
#include "tests/testing/status_matchers.h"
#include "trawl/parse.h"

namespace trawl {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;
using ::trawl::testing::Value;

absl::StatusOr<std::vector<Document>> ParseTrec(const std::string& data) {
  ParseStats stats;
  return parse::ParseBuffer(Format::kTrec, data, "ap.trec", {}, &stats);
}

constexpr char kSample[] = R"(junk before the first record
<DOC>
<DOCNO> AP880301-0001 </DOCNO>
<FILEID>AP-NR-03-01-88 2319EST</FILEID>
<DATE>880301</DATE>
<HEAD>Reagan Says</HEAD>
<HEAD>Budget &amp; Taxes</HEAD>
<TEXT>
   President Reagan said <B>today</B>
   that taxes would rise.
</TEXT>
<TEXT>
<P>Second block.</P><P>Third paragraph.</P>
</TEXT>
</DOC>
<DOC><DOCNO>LA010189-0001</DOCNO><DATE><P>January 1, 1989, Sunday, Home Edition</P></DATE><HEADLINE><P>A <I>big</I> day</P></HEADLINE><TEXT>One line.</TEXT></DOC>
<doc>
<docno>FT911-1</docno>
<date>1991-03-15</date>
<text>lower case tags</text>
</doc>
)";

TEST(TrecTest, SampleRecords) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseTrec(kSample));
  ASSERT_THAT(docs, SizeIs(3));
  EXPECT_THAT(docs[0].fields(),
              ElementsAre(Document::Field("id", "AP880301-0001"),
                          Document::Field("title", "Reagan Says Budget & Taxes"),
                          Document::Field("body",
                                          "President Reagan said today that taxes would rise."
                                          "\n\nSecond block.\n\nThird paragraph."),
                          Document::Field("date", "1988-03-01")));
  EXPECT_EQ(Value(docs[1], "id"), "LA010189-0001");
  EXPECT_EQ(Value(docs[1], "title"), "A big day");
  EXPECT_EQ(Value(docs[1], "date"), "1989-01-01");
  EXPECT_EQ(Value(docs[1], "body"), "One line.");
  EXPECT_EQ(Value(docs[2], "id"), "FT911-1");
  EXPECT_EQ(Value(docs[2], "date"), "1991-03-15");
  EXPECT_EQ(Value(docs[2], "body"), "lower case tags");
}

TEST(TrecTest, DateForms) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"880301", "1988-03-01"},        {"19880301", "1988-03-01"},
      {"1988-03-01", "1988-03-01"},    {"March 1, 1988", "1988-03-01"},
      {"1 Mar 1988", "1988-03-01"},    {"garbage", "<none>"},
      {"880231", "<none>"},
  };
  for (const auto& [raw, want] : cases) {
    ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                         ParseTrec("<DOC><DOCNO>1</DOCNO><DATE>" + raw + "</DATE></DOC>"));
    ASSERT_THAT(docs, SizeIs(1));
    EXPECT_EQ(Value(docs[0], "date"), want) << raw;
  }
}

TEST(TrecTest, MissingDocnoGetsFileAndLine) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseTrec("\n\n<DOC>\n<TEXT>a</TEXT>\n</DOC>\n<DOC><TEXT>b</TEXT></DOC>"));
  ASSERT_THAT(docs, SizeIs(2));
  EXPECT_EQ(Value(docs[0], "id"), "ap.trec:3");
  EXPECT_EQ(Value(docs[1], "id"), "ap.trec:6");
}

TEST(TrecTest, NoTextElementKeepsOtherText) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseTrec("<DOC>\n<DOCNO>9</DOCNO>\n<HL>Head</HL>\n<LP>Lead para.</LP>"
                                 "\n<DATE>880301</DATE></DOC>"));
  ASSERT_THAT(docs, SizeIs(1));
  EXPECT_EQ(Value(docs[0], "body"), "Lead para.");
  EXPECT_EQ(Value(docs[0], "title"), "Head");
}

TEST(TrecTest, UnterminatedLastRecordStillYielded) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs,
                       ParseTrec("<DOC><DOCNO>1</DOCNO><TEXT>a</TEXT></DOC>\n"
                                 "<DOC><DOCNO>2</DOCNO><TEXT>trunc"));
  ASSERT_THAT(docs, SizeIs(2));
  EXPECT_EQ(Value(docs[1], "id"), "2");
  EXPECT_EQ(Value(docs[1], "body"), "trunc");
}

TEST(TrecTest, NoRecordsNoDocuments) {
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseTrec("no markup at all\n"));
  EXPECT_THAT(docs, SizeIs(0));
}

TEST(TrecTest, ManyRecordsStreamed) {
  std::string data;
  for (int i = 0; i < 5000; ++i) {
    data += "<DOC>\n<DOCNO>D" + std::to_string(i) + "</DOCNO>\n<TEXT>\nword " +
            std::to_string(i) + "\n</TEXT>\n</DOC>\n";
  }
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseTrec(data));
  ASSERT_THAT(docs, SizeIs(5000));
  EXPECT_EQ(Value(docs[4999], "id"), "D4999");
  EXPECT_EQ(Value(docs[4999], "body"), "word 4999");
}

TEST(TrecTest, ManyRecordsOnOneLine) {
  std::string data;
  for (int i = 0; i < 3000; ++i) {
    data += "<DOC><DOCNO>" + std::to_string(i) + "</DOCNO><TEXT>t</TEXT></DOC>";
  }
  ASSERT_OK_AND_ASSIGN(std::vector<Document> docs, ParseTrec(data));
  ASSERT_THAT(docs, SizeIs(3000));
  EXPECT_EQ(Value(docs[2999], "id"), "2999");
}

}  // namespace
}  // namespace trawl
