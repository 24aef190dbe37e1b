// The single-term filters of lib/analysis/filters.h: elision.
#include "analysis/filters.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace trawl::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::trawl::testing::StatusIs;

TEST(ElisionTest, FrenchArticlesAndConjunctions) {
  ASSERT_OK_AND_ASSIGN(const Elision french, Elision::Make("french"));
  EXPECT_EQ(french.Strip("l'avion"), "avion");
  EXPECT_EQ(french.Strip("qu'il"), "il");
  EXPECT_EQ(french.Strip("jusqu'à"), "à");
  EXPECT_EQ(french.Strip("lorsqu'on"), "on");
  EXPECT_EQ(french.Strip("puisqu'elle"), "elle");
  EXPECT_EQ(french.Strip("quoiqu'il"), "il");
}

TEST(ElisionTest, EitherApostropheAnyAsciiCase) {
  ASSERT_OK_AND_ASSIGN(const Elision french, Elision::Make("french"));
  EXPECT_EQ(french.Strip("l\u2019avion"), "avion");
  EXPECT_EQ(french.Strip("L'Avion"), "Avion");
  EXPECT_EQ(french.Strip("QU\u2019IL"), "IL");
}

TEST(ElisionTest, OnlyAnArticleBeforeTheFirstApostrophe) {
  ASSERT_OK_AND_ASSIGN(const Elision french, Elision::Make("french"));
  EXPECT_EQ(french.Strip("aujourd'hui"), "aujourd'hui");
  EXPECT_EQ(french.Strip("d'aujourd'hui"), "aujourd'hui");
  EXPECT_EQ(french.Strip("rock'n'roll"), "rock'n'roll");
  EXPECT_EQ(french.Strip("'avion"), "'avion");
  EXPECT_EQ(french.Strip("avion"), "avion");
  EXPECT_EQ(french.Strip("la'vion"), "la'vion");
  EXPECT_EQ(french.Strip("l'"), "");
  EXPECT_EQ(french.Strip(""), "");
}

TEST(ElisionTest, ItalianAndCatalanSets) {
  ASSERT_OK_AND_ASSIGN(const Elision italian, Elision::Make("italian"));
  EXPECT_EQ(italian.Strip("dell'uomo"), "uomo");
  EXPECT_EQ(italian.Strip("sugl'istanti"), "istanti");
  EXPECT_EQ(italian.Strip("un'altra"), "altra");
  EXPECT_EQ(italian.Strip("qu'il"), "qu'il");
  ASSERT_OK_AND_ASSIGN(const Elision catalan, Elision::Make("catalan"));
  EXPECT_EQ(catalan.Strip("s'ha"), "ha");
  EXPECT_EQ(catalan.Strip("n'hi"), "hi");
  EXPECT_EQ(catalan.Strip("dell'uomo"), "dell'uomo");
}

TEST(ElisionTest, UnknownLanguageIsInvalidArgument) {
  EXPECT_THAT(Elision::Make("german"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("german")));
  EXPECT_THAT(ElisionLanguages(), ElementsAre("catalan", "french", "italian"));
}

}  // namespace
}  // namespace trawl::analysis
