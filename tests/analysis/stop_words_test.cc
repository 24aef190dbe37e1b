// StopWordSet: membership after normalization, and the ids that key the
// stemmer's per-thread caches.
#include "analysis/stop_words.h"

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace trawl::analysis {
namespace {

TEST(StopWordSetTest, IdsAreEqualExactlyForEqualWords) {
  const Normalizer fold({.case_fold = true});
  const Normalizer ascii({.case_fold = true, .ascii_fold = true});
  ASSERT_OK_AND_ASSIGN(auto english, StopWordSet::Make("english", fold));
  ASSERT_OK_AND_ASSIGN(auto english_again, StopWordSet::Make("english", fold));
  // The English list is ASCII: accent folding leaves it as it is.
  ASSERT_OK_AND_ASSIGN(auto english_ascii, StopWordSet::Make("english", ascii));
  ASSERT_OK_AND_ASSIGN(auto french, StopWordSet::Make("french", fold));
  ASSERT_OK_AND_ASSIGN(auto french_ascii, StopWordSet::Make("french", ascii));
  EXPECT_GT(english->id(), 0u);
  EXPECT_EQ(english->id(), english_again->id());
  EXPECT_EQ(english->id(), english_ascii->id());
  EXPECT_NE(english->id(), french->id());
  // "été" is on one list, "ete" on the other.
  EXPECT_NE(french->id(), french_ascii->id());
  EXPECT_TRUE(french->Contains("été", HashTerm("été")));
  EXPECT_TRUE(french_ascii->Contains("ete", HashTerm("ete")));
  EXPECT_FALSE(french_ascii->Contains("été", HashTerm("été")));
}

TEST(StopWordSetTest, CatalanFunctionWords) {
  ASSERT_OK_AND_ASSIGN(auto catalan,
                       StopWordSet::Make("catalan", Normalizer({.case_fold = true})));
  for (const char* word : {"el", "dels", "amb", "però", "això", "és", "són", "havia"}) {
    EXPECT_TRUE(catalan->Contains(word, HashTerm(word))) << word;
  }
  for (const char* word : {"casa", "es\u0301", "barcelona"}) {
    EXPECT_FALSE(catalan->Contains(word, HashTerm(word))) << word;
  }
}

}  // namespace
}  // namespace trawl::analysis
