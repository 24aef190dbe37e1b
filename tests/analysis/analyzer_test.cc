// The named analyzers and AnalyzerSpec pipelines: stop words, stemming,
// folding options, names and errors.
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/analysis/analysis_testing.h"
#include "tests/testing/status_matchers.h"
#include "trawl/analyzer.h"

namespace trawl {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::trawl::testing::Analyze;
using ::trawl::testing::StatusIs;
using ::trawl::testing::Terms;

TEST(AnalyzerTest, EnglishStemsAndDropsPossessives) {
  EXPECT_THAT(Terms("english", "running Ukraine's Ukraine’s leaders"),
              ElementsAre("run", "ukrain", "ukrain", "leader"));
}

TEST(AnalyzerTest, HeaderExample) {
  EXPECT_THAT(Analyze("english", "Ukraine’s leaders"),
              ElementsAre(OwnedToken{"ukrain", 0, 0, 11},
                          OwnedToken{"leader", 1, 12, 19}));
}

TEST(AnalyzerTest, StopWordsLeavePositionGaps) {
  EXPECT_THAT(Analyze("english", "The war and the peace"),
              ElementsAre(OwnedToken{"war", 1, 4, 7}, OwnedToken{"peac", 4, 16, 21}));
  // The standard analyzer keeps them.
  EXPECT_THAT(Terms("standard", "The war and the peace"),
              ElementsAre("the", "war", "and", "the", "peace"));
}

TEST(AnalyzerTest, EnglishSentence) {
  EXPECT_THAT(
      Analyze("english",
              "Kyiv’s team hopes US$800 billion (S$1 trillion) will fund post-war work."),
      ElementsAre(OwnedToken{"kyiv", 0, 0, 8}, OwnedToken{"team", 1, 9, 13},
                  OwnedToken{"hope", 2, 14, 19}, OwnedToken{"us", 3, 20, 22},
                  OwnedToken{"800", 4, 23, 26}, OwnedToken{"billion", 5, 27, 34},
                  OwnedToken{"s", 6, 36, 37}, OwnedToken{"1", 7, 38, 39},
                  OwnedToken{"trillion", 8, 40, 48},
                  // "will" (9) is a stop word.
                  OwnedToken{"fund", 10, 55, 59}, OwnedToken{"post", 11, 60, 64},
                  OwnedToken{"war", 12, 65, 68}, OwnedToken{"work", 13, 69, 73}));
}

TEST(AnalyzerTest, LanguageAnalyzers) {
  EXPECT_THAT(Terms("german", "Die Häuser und die Straßen"),
              ElementsAre("haus", "strass"));
  // Snowball's French stemmer turns -euse into -eux and unaccents è.
  EXPECT_THAT(Terms("french", "Les chanteuses étaient célèbres"),
              ElementsAre("chanteux", "célebr"));
  EXPECT_THAT(Terms("russian", "Україна и Россия подписали договоры"),
              ElementsAre("україн", "росс", "подписа", "договор"));
  EXPECT_THAT(Terms("spanish", "los niños cantaban"), ElementsAre("niñ", "cant"));
}

// Elided articles go before stemming; without elision these terms would
// be "l'avion", "dell'uomo", "l'hom" and so on.
TEST(AnalyzerTest, FrenchStripsElision) {
  EXPECT_THAT(
      Analyze("french", "L'avion d'Air France s’est posé jusqu'à l'aéroport"),
      ElementsAre(OwnedToken{"avion", 0, 0, 7}, OwnedToken{"air", 1, 8, 13},
                  OwnedToken{"franc", 2, 14, 20},
                  // "s’est" leaves "est", a stop word (3).
                  OwnedToken{"pos", 4, 29, 34}, OwnedToken{"à", 5, 35, 43},
                  OwnedToken{"aéroport", 6, 44, 55}));
  // Not an article: the apostrophe stays.
  EXPECT_THAT(Terms("french", "Aujourd'hui"), ElementsAre("aujourd'hui"));
}

TEST(AnalyzerTest, ItalianStripsElision) {
  EXPECT_THAT(Terms("italian",
                    "L'amico dell'uomo arrivò all'aeroporto nell'anno "
                    "dell'Unità, un'altra volta"),
              ElementsAre("amic", "uom", "arriv", "aeroport", "anno", "unit",
                          "altra", "volt"));
}

TEST(AnalyzerTest, CatalanStripsElision) {
  // "s'ha" leaves "ha" and "de" is kept: both are stop words, dropped.
  EXPECT_THAT(Terms("catalan", "L'home d'Andorra s'ha endut l'ordinador de l'escola"),
              ElementsAre("hom", "andorr", "end", "ordin", "esc"));
}

TEST(AnalyzerTest, CatalanDropsStopWordsKeepingTheirPositions) {
  // "Els" 0, "i" 3, "de" 5, "la" 6, "són" 8 are stop words; "d'una" is
  // "una" after elision, a stop word too.
  EXPECT_THAT(Analyze("catalan", "Els gats petits i grans de la casa són d'una veïna"),
              ::testing::ElementsAreArray(std::vector<OwnedToken>{
                  {"gat", 1, 4, 8},
                  {"pet", 2, 9, 15},
                  {"gran", 4, 18, 23},
                  {"cas", 7, 30, 34},
                  {"vein", 10, 46, 52},  // Snowball's Catalan drops accents
              }));
}

TEST(AnalyzerTest, ElisionSpecWithoutCaseFolding) {
  AnalyzerSpec spec;
  spec.tokenizer = "whitespace";
  spec.case_fold = false;
  spec.elision = "french";
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(spec));
  EXPECT_THAT(Terms(*analyzer, "L’Avion D'Air"), ElementsAre("Avion", "Air"));
  EXPECT_EQ(analyzer->name(), "tokenizer=whitespace,elision=french,max_token_bytes=255");
}

TEST(AnalyzerTest, FrenchAccentsWithAndWithoutAsciiFold) {
  AnalyzerSpec spec;
  const std::string text = "Élève À l’école, déjà CAFÉ crème";
  ASSERT_OK_AND_ASSIGN(auto plain, MakeAnalyzer(spec));
  EXPECT_THAT(Terms(*plain, text),
              ElementsAre("élève", "à", "l'école", "déjà", "café", "crème"));
  spec.ascii_fold = true;
  ASSERT_OK_AND_ASSIGN(auto folded, MakeAnalyzer(spec));
  EXPECT_THAT(Terms(*folded, text),
              ElementsAre("eleve", "a", "l'ecole", "deja", "cafe", "creme"));
  // Decomposed input folds the same way.
  EXPECT_THAT(Terms(*folded, "cafe\u0301 Ærøskøbing Łódź"),
              ElementsAre("cafe", "aeroskobing", "lodz"));
}

TEST(AnalyzerTest, StopWordsMatchAfterAsciiFolding) {
  AnalyzerSpec spec;
  spec.ascii_fold = true;
  spec.stop_words = "french";
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(spec));
  // "était" and "là" become "etait" and "la", which are on the folded list.
  EXPECT_THAT(Terms(*analyzer, "Il était là-bas"), ElementsAre("bas"));
}

TEST(AnalyzerTest, Nfkc) {
  AnalyzerSpec spec;
  spec.nfkc = true;
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(spec));
  // Fullwidth letters and a Roman numeral become plain letters.
  EXPECT_THAT(Terms(*analyzer, "ＡＢＣ Ⅻ"), ElementsAre("abc", "xii"));
  // Case folding alone keeps them apart (but unfolds the ligature ﬁ).
  ASSERT_OK_AND_ASSIGN(auto standard, MakeAnalyzer("standard"));
  EXPECT_THAT(Terms(*standard, "ﬁnance ＡＢＣ Ⅻ"), ElementsAre("finance", "ａｂｃ", "ⅻ"));
}

TEST(AnalyzerTest, NoCaseFolding) {
  AnalyzerSpec spec;
  spec.case_fold = false;
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(spec));
  EXPECT_THAT(Terms(*analyzer, "Straße ÉTÉ"), ElementsAre("Straße", "ÉTÉ"));
}

TEST(AnalyzerTest, KeywordAndWhitespaceDoNotFold) {
  EXPECT_THAT(Terms("keyword", "New York"), ElementsAre("New York"));
  EXPECT_THAT(Terms("whitespace", "New York's"), ElementsAre("New", "York's"));
}

TEST(AnalyzerTest, LongTokensAreDropped) {
  AnalyzerSpec spec;
  spec.max_token_bytes = 5;
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(spec));
  EXPECT_THAT(analyzer->Tokens("short toolong ok"),
              ElementsAre(OwnedToken{"short", 0, 0, 5}, OwnedToken{"ok", 2, 14, 16}));
}

TEST(AnalyzerTest, EveryNameConstructs) {
  const std::vector<std::string> names = AnalyzerNames();
  for (const char* name : {"standard", "english", "keyword", "whitespace",
                           "german", "french", "russian", "spanish", "italian",
                           "portuguese", "dutch", "swedish"}) {
    EXPECT_THAT(names, Contains(name));
  }
  EXPECT_THAT(names, Not(Contains("porter")));
  for (const std::string& name : names) {
    ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(name));
    EXPECT_EQ(analyzer->name(), name);
    EXPECT_THAT(analyzer->Tokens("Hello, world"), Not(IsEmpty())) << name;
  }
}

TEST(AnalyzerTest, UnknownNameIsInvalidArgument) {
  EXPECT_THAT(MakeAnalyzer("klingon"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("klingon")));
  EXPECT_THAT(MakeAnalyzer(""), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("unknown analyzer")));
}

TEST(AnalyzerTest, BadSpecIsInvalidArgument) {
  AnalyzerSpec spec;
  spec.tokenizer = "letter";
  EXPECT_THAT(MakeAnalyzer(spec),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("letter")));
  spec = AnalyzerSpec();
  spec.stemmer = "elvish";
  EXPECT_THAT(MakeAnalyzer(spec),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("elvish")));
  spec = AnalyzerSpec();
  spec.stop_words = "finnish";
  EXPECT_THAT(MakeAnalyzer(spec),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("finnish")));
  spec = AnalyzerSpec();
  spec.elision = "english";
  EXPECT_THAT(MakeAnalyzer(spec),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("english")));
}

TEST(AnalyzerTest, SpecDescribesItself) {
  AnalyzerSpec spec;
  spec.stemmer = "porter";
  spec.stop_words = "english";
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(spec));
  EXPECT_EQ(analyzer->name(),
            "tokenizer=standard,case_fold,stop_words=english,stemmer=porter,"
            "max_token_bytes=255");
  EXPECT_THAT(Terms(*analyzer, "the generalizations"), ElementsAre("gener"));
}

// The stemmer's per-thread cache also remembers stop words, so analyzers
// with the same stemmer and other stop words must not share it.
TEST(AnalyzerTest, StemCacheKeepsStopWordsApart) {
  AnalyzerSpec spec;
  spec.stemmer = "english";
  ASSERT_OK_AND_ASSIGN(auto no_stop, MakeAnalyzer(spec));
  spec.stop_words = "french";
  ASSERT_OK_AND_ASSIGN(auto french_stop, MakeAnalyzer(spec));
  ASSERT_OK_AND_ASSIGN(auto english, MakeAnalyzer("english"));
  const std::string text = "the running le 1,000";
  for (int round = 0; round < 2; ++round) {
    EXPECT_THAT(Terms(*english, text), ElementsAre("run", "le", "1,000"));
    EXPECT_THAT(Terms(*no_stop, text), ElementsAre("the", "run", "le", "1,000"));
    EXPECT_THAT(Terms(*french_stop, text), ElementsAre("the", "run", "1,000"));
  }
}

// Many threads on one analyzer get what one thread gets; run under TSan or
// ASan this also checks that the per-thread stemmers are not shared.
TEST(AnalyzerTest, ConcurrentAnalyzeMatchesSequential) {
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer("english"));
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "Running leaders of Ukraine's generalized, hopeful nations " +
            std::to_string(i) + ". ";
  }
  const std::vector<OwnedToken> expected = analyzer->Tokens(text);
  std::vector<std::vector<OwnedToken>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) result = analyzer->Tokens(text);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, expected);
}

// A sink may analyze other text with the same analyzer while it holds a
// token: the token it holds must not change underneath it.
TEST(AnalyzerTest, ReentrantSink) {
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer("english"));
  std::vector<std::string> outer;
  analyzer->Analyze("running quickly", [&](const Token& t) {
    const std::string before(t.text);
    analyzer->Analyze("jumping generously Running", [](const Token&) {});
    EXPECT_EQ(t.text, before);
    outer.push_back(before);
  });
  EXPECT_THAT(outer, ElementsAre("run", "quick"));
}

}  // namespace
}  // namespace trawl
