#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/dates.h"
#include "util/utf8.h"

namespace trawl::parse {
namespace {

TEST(DatesTest, IsoDates) {
  EXPECT_EQ(NormalizeIsoDate("2026-01-16"), "2026-01-16");
  EXPECT_EQ(NormalizeIsoDate("2026-01-16T10:00:00Z"), "2026-01-16");
  EXPECT_EQ(NormalizeIsoDate("2026-01-16t10:00:00.123-05:00"), "2026-01-16");
  EXPECT_EQ(NormalizeIsoDate("2024-02-29 08:00"), "2024-02-29");
  for (const char* bad : {"2026-13-45", "2026-02-29", "1900-02-29", "2026-1-16", "2026/01/16",
                          "2026-01-16x", "2026-01-16T", "2026-01-16Tnoon", "20260116", "",
                          "0999-01-01", "-026-01-16", "2026-00-10", "2026-01-00"}) {
    EXPECT_EQ(NormalizeIsoDate(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(NormalizeIsoDate("2000-02-29"), "2000-02-29");
}

TEST(DatesTest, LooseDates) {
  const std::pair<const char*, const char*> cases[] = {
      {"880301", "1988-03-01"},
      {"050301", "2005-03-01"},
      {"19880301", "1988-03-01"},
      {" 1988-03-01 ", "1988-03-01"},
      {"1988/3/1", "1988-03-01"},
      {"March 1, 1988", "1988-03-01"},
      {"Sept. 30, 1991", "1991-09-30"},
      {"1 Mar 1988", "1988-03-01"},
      {"01-MAR-88", "1988-03-01"},
      {"Tue, 01 Mar 1988 10:00:00 GMT", "1988-03-01"},
      {"3/1/1988", "1988-03-01"},
      {"January 1, 1989, Sunday, Home Edition", "1989-01-01"},
      {"FT 15 MAR 91", "1991-03-15"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(NormalizeLooseDate(in), want) << in;
  for (const char* bad : {"", "soon", "880231", "March 1988", "13/45/1988", "99999999"}) {
    EXPECT_EQ(NormalizeLooseDate(bad), std::nullopt) << bad;
  }
}

TEST(Utf8Test, ValidTextUnchanged) {
  const std::string text = "plain \xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80";
  EXPECT_TRUE(util::IsValidUtf8(text));
  EXPECT_EQ(util::FirstInvalidUtf8(text), std::nullopt);
  std::string out;
  EXPECT_EQ(util::AppendRepairedUtf8(text, &out), 0u);
  EXPECT_EQ(out, text);
}

TEST(Utf8Test, MaximalSubpartsReplaced) {
  const std::pair<std::string, std::string> cases[] = {
      {"\xFF", "\xEF\xBF\xBD"},
      {"a\xC3", "a\xEF\xBF\xBD"},                      // truncated at the end
      {"\xE2\x82(", "\xEF\xBF\xBD("},                  // one U+FFFD for the subpart
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},        // overlong
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
      {"\xF4\x90\x80\x80", std::string(4 * 3, ' ')},   // above U+10FFFF
      {"\xF0\x9F\x98", "\xEF\xBF\xBD"},
  };
  for (const auto& [in, want_in] : cases) {
    std::string want = want_in;
    if (want == std::string(12, ' ')) want = "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
    std::string out;
    util::AppendRepairedUtf8(in, &out);
    EXPECT_EQ(out, want);
    EXPECT_TRUE(util::IsValidUtf8(out));
  }
  EXPECT_EQ(util::FirstInvalidUtf8("abc\xE2\x82("), 3u);
}

TEST(Utf8Test, AppendUtf8) {
  std::string out;
  for (uint32_t cp : {0x41u, 0xE9u, 0x2019u, 0x1F600u, 0xD800u, 0x110000u}) {
    util::AppendUtf8(cp, &out);
  }
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace trawl::parse
