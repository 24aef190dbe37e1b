// The single-term filters of lib/analysis/filters.h: normalization's
// ASCII path, elision.
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

// The ASCII path (a term with no uppercase letter as it is, else lowered
// byte by byte) gives what utf8proc gives for the same ASCII term, under
// every combination of options; an unchanged term is the input itself, not
// a copy.
TEST(NormalizerTest, AsciiPathAgreesWithUnicodePath) {
  const std::string terms[] = {"", "a", "Z", "davos", "Davos", "DAVOS", "u.s.", "U.S.",
                               "1,000", "5.93", "x86_64", "mIxEd123Case", "@[`{",
                               "straße"};  // the last: not ASCII, only the Unicode path
  for (int bits = 0; bits < 8; ++bits) {
    const Normalizer normalizer(NormalizeOptions{
        .case_fold = (bits & 1) != 0, .nfkc = (bits & 2) != 0, .ascii_fold = (bits & 4) != 0});
    NormalizeScratch fast_scratch, unicode_scratch;
    for (const std::string& term : terms) {
      const bool ascii = term != "straße";
      const std::string fast(normalizer.Apply(term, ascii, fast_scratch));
      const std::string unicode(normalizer.Apply(term, /*ascii=*/false, unicode_scratch));
      EXPECT_EQ(fast, unicode) << term << " options " << bits;
    }
  }
  const Normalizer fold({.case_fold = true});
  NormalizeScratch scratch;
  const std::string lower = "u.s.", upper = "U.S.";
  EXPECT_EQ(fold.Apply(lower, true, scratch).data(), lower.data());
  EXPECT_EQ(fold.Apply(upper, true, scratch), "u.s.");
  EXPECT_EQ(fold.Apply(upper, true, scratch).data(), scratch.text.data());
}

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
