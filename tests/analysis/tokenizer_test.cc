// Golden tokenizations of the standard analyzer (tokenizer + case folding)
// and of the whitespace and keyword tokenizers.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/analysis/analysis_testing.h"
#include "analysis/tokenizer.h"
#include "trawl/analyzer.h"
#include "util/utf8.h"

namespace trawl {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::trawl::testing::Analyze;
using ::trawl::testing::Terms;

struct Golden {
  std::string text;
  std::vector<OwnedToken> tokens;
};

TEST(StandardTokenizerTest, EnglishNewsSentence) {
  const std::string text =
      "Kyiv’s team hopes US$800 billion (S$1 trillion) will fund post-war work.";
  // ’ is three bytes, so every offset after "Kyiv’s" is two past its
  // character count.
  EXPECT_THAT(Analyze("standard", text),
              ElementsAreArray(std::vector<OwnedToken>{
                  {"kyiv's", 0, 0, 8},
                  {"team", 1, 9, 13},
                  {"hopes", 2, 14, 19},
                  {"us", 3, 20, 22},
                  {"800", 4, 23, 26},
                  {"billion", 5, 27, 34},
                  {"s", 6, 36, 37},
                  {"1", 7, 38, 39},
                  {"trillion", 8, 40, 48},
                  {"will", 9, 50, 54},
                  {"fund", 10, 55, 59},
                  {"post", 11, 60, 64},
                  {"war", 12, 65, 68},
                  {"work", 13, 69, 73},
              }));
}

TEST(StandardTokenizerTest, Apostrophes) {
  EXPECT_THAT(Terms("standard", "don't Ukraineʼs O’Brien ‘quoted’ rock'n'roll"),
              ElementsAre("don't", "ukraine's", "o'brien", "quoted", "rock'n'roll"));
  // Not between letters: the apostrophe is punctuation.
  EXPECT_THAT(Terms("standard", "'tis the players' '90s"),
              ElementsAre("tis", "the", "players", "90s"));
}

TEST(StandardTokenizerTest, Numbers) {
  const std::vector<Golden> cases = {
      {"1,000 bags", {{"1,000", 0, 0, 5}, {"bags", 1, 6, 10}}},
      {"3.5 mln", {{"3.5", 0, 0, 3}, {"mln", 1, 4, 7}}},
      {"US$800.", {{"us", 0, 0, 2}, {"800", 1, 3, 6}}},
      {"1,000.", {{"1,000", 0, 0, 5}}},
      {"12:30", {{"12", 0, 0, 2}, {"30", 1, 3, 5}}},
      {"-5.25%", {{"5.25", 0, 1, 5}}},
      {"1,234,567.89", {{"1,234,567.89", 0, 0, 12}}},
      {"3.5kg", {{"3.5kg", 0, 0, 5}}},
      {"٣٤٥ ४२", {{"٣٤٥", 0, 0, 6}, {"४२", 1, 7, 13}}},
  };
  for (const Golden& g : cases) {
    EXPECT_THAT(Analyze("standard", g.text), ElementsAreArray(g.tokens)) << g.text;
  }
}

TEST(StandardTokenizerTest, UrlsAndEmail) {
  EXPECT_THAT(Terms("standard", "mail a.b@ex.com now"),
              ElementsAre("mail", "a.b", "ex.com", "now"));
  EXPECT_THAT(Terms("standard", "https://www.example.com/path/to_file?q=1&lang=en"),
              ElementsAre("https", "www.example.com", "path", "to_file", "q", "1",
                          "lang", "en"));
  EXPECT_THAT(Analyze("standard", "x@ex.com"),
              ElementsAre(OwnedToken{"x", 0, 0, 1}, OwnedToken{"ex.com", 1, 2, 8}));
}

TEST(StandardTokenizerTest, HyphensAndPunctuation) {
  EXPECT_THAT(Terms("standard", "post-war state-of-the-art U.S.A. end. Next"),
              ElementsAre("post", "war", "state", "of", "the", "art", "u.s.a",
                          "end", "next"));
  EXPECT_THAT(Terms("standard", "__init__ ___ a_b"), ElementsAre("__init__", "a_b"));
}

TEST(StandardTokenizerTest, Cyrillic) {
  const std::string text = "Україна’s ЗСУ, Київ";
  EXPECT_THAT(Analyze("standard", text),
              ElementsAre(OwnedToken{"україна's", 0, 0, 18},
                          OwnedToken{"зсу", 1, 19, 25},
                          OwnedToken{"київ", 2, 27, 35}));
}

// UAX #29 WB7b/WB7c: gershayim written as '"' join Hebrew letters, as in
// acronyms; quotes around a word, or between Latin letters, do not.
TEST(StandardTokenizerTest, HebrewGershayimJoinHebrewLetters) {
  EXPECT_THAT(Analyze("standard", "צה\"ל"), ElementsAre(OwnedToken{"צה\"ל", 0, 0, 7}));
  EXPECT_THAT(Terms("standard", "\"שלום\" ו\"ל a\"b"),
              ElementsAre("שלום", "ו\"ל", "a", "b"));
  // Other joiners treat Hebrew letters like any letter.
  EXPECT_THAT(Terms("standard", "ג'ירפה"), ElementsAre("ג'ירפה"));
}

// UAX #29 WB7a: a Hebrew letter keeps a following '\'' even at the end of
// the word (transliterations such as ג' for "j"); U+05F3 GERESH is a letter.
TEST(StandardTokenizerTest, HebrewLetterKeepsAFollowingSingleQuote) {
  EXPECT_THAT(Analyze("standard", "ג' צ'"),
              ElementsAre(OwnedToken{"ג'", 0, 0, 3}, OwnedToken{"צ'", 1, 4, 7}));
  EXPECT_THAT(Analyze("standard", "צ׳יפס"), ElementsAre(OwnedToken{"צ׳יפס", 0, 0, 10}));
  // Only after a Hebrew letter, and only '\'' (Single_Quote).
  EXPECT_THAT(Terms("standard", "players' ג’ 'שלום'"),
              ElementsAre("players", "ג", "שלום'"));
}

// Emoji sequences of UTS #51 are one token each, as in Lucene's
// StandardTokenizer: skin tones, ZWJ sequences, flags, keycaps, tags.
TEST(StandardTokenizerTest, EmojiSequencesAreOneTokenEach) {
  // 👍🏽 is U+1F44D U+1F3FD, eight bytes.
  EXPECT_THAT(Analyze("standard", "Great 👍🏽 job"),
              ElementsAre(OwnedToken{"great", 0, 0, 5}, OwnedToken{"👍🏽", 1, 6, 14},
                          OwnedToken{"job", 2, 15, 18}));
  // Man ZWJ woman ZWJ girl: 4 + 3 + 4 + 3 + 4 bytes.
  EXPECT_THAT(Analyze("standard", "👨‍👩‍👧"),
              ElementsAre(OwnedToken{"👨‍👩‍👧", 0, 0, 18}));
  // Two regional indicators make a flag; two flags in a row are two tokens.
  EXPECT_THAT(Analyze("standard", "🇫🇷🇩🇪"),
              ElementsAre(OwnedToken{"🇫🇷", 0, 0, 8}, OwnedToken{"🇩🇪", 1, 8, 16}));
  // Keycaps: digit, '#' and '*', with or without VS16.
  EXPECT_THAT(Analyze("standard", "1️⃣ #️⃣ *⃣"),
              ElementsAre(OwnedToken{"1️⃣", 0, 0, 7}, OwnedToken{"#️⃣", 1, 8, 15},
                          OwnedToken{"*⃣", 2, 16, 20}));
  // Emoji between letters split them; emoji in a row without ZWJ are
  // separate tokens.
  EXPECT_THAT(Analyze("standard", "poo💩poo😀😀"),
              ElementsAreArray(std::vector<OwnedToken>{
                  {"poo", 0, 0, 3},
                  {"💩", 1, 3, 7},
                  {"poo", 2, 7, 10},
                  {"😀", 3, 10, 14},
                  {"😀", 4, 14, 18},
              }));
  EXPECT_THAT(Terms("standard", "I ❤️ Paris🇫🇷!"), ElementsAre("i", "❤️", "paris", "🇫🇷"));
  // Sequences whose base is text by default: rainbow flag (VS16 + ZWJ),
  // couple with heart (ZWJ, VS16, ZWJ), index finger up with a skin tone.
  EXPECT_THAT(Terms("standard", "🏳️‍🌈 👩‍❤️‍👨 ☝🏽"),
              ElementsAre("🏳️‍🌈", "👩‍❤️‍👨", "☝🏽"));
  // A tag sequence: the flag of England.
  EXPECT_THAT(Analyze("standard", "🏴󠁧󠁢󠁥󠁮󠁧󠁿"),
              ElementsAre(OwnedToken{"🏴󠁧󠁢󠁥󠁮󠁧󠁿", 0, 0, 28}));
}

TEST(StandardTokenizerTest, TextPresentationSymbolsAreNotTokens) {
  // ©, ™ and ❤ are pictographs shown as text unless VS16 follows; a lone
  // regional indicator and a lone skin tone are no emoji either.
  EXPECT_THAT(Analyze("standard", "Apple™ © ❤ 🇫 🏽 ©️"),
              ElementsAre(OwnedToken{"apple", 0, 0, 5}, OwnedToken{"©️", 1, 26, 31}));
  // The english analyzer keeps emoji: no stemming, no stop word.
  EXPECT_THAT(Terms("english", "the 👍🏽 runners 🏃"), ElementsAre("👍🏽", "runner", "🏃"));
}

// The raw tokens of the standard tokenizer, without case folding (which
// would turn Ⓜ into ⓜ).
std::vector<OwnedToken> RawTokens(const analysis::Tokenizer& tokenizer,
                                  std::string_view text) {
  std::vector<OwnedToken> tokens;
  tokenizer.Tokenize(text, [&](const analysis::RawToken& t) {
    tokens.push_back(OwnedToken{std::string(t.text), t.position, t.start, t.end});
  });
  return tokens;
}

// Every fully-qualified emoji of Unicode's emoji-test.txt (Debian's
// unicode-data package) is exactly one token, alone and between words.
TEST(StandardTokenizerTest, EveryFullyQualifiedEmojiIsOneToken) {
  const std::filesystem::path path = "/usr/share/unicode/emoji/emoji-test.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << path << " is absent (apt-get install unicode-data)";
  auto tokenizer = analysis::MakeTokenizer("standard");
  ASSERT_TRUE(tokenizer.ok()) << tokenizer.status();
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    const size_t semicolon = line.find(';');
    if (line.empty() || line[0] == '#' || semicolon == std::string::npos ||
        line.find("; fully-qualified", semicolon) == std::string::npos) {
      continue;
    }
    std::string emoji;
    std::istringstream code_points(line.substr(0, semicolon));
    for (std::string hex; code_points >> hex;) {
      util::AppendUtf8(static_cast<char32_t>(std::stoul(hex, nullptr, 16)), &emoji);
    }
    const auto size = static_cast<uint32_t>(emoji.size());
    ASSERT_THAT(RawTokens(**tokenizer, emoji),
                ElementsAre(OwnedToken{emoji, 0, 0, size}))
        << line;
    ASSERT_THAT(RawTokens(**tokenizer, "ab, " + emoji + " cd"),
                ElementsAre(OwnedToken{"ab", 0, 0, 2}, OwnedToken{emoji, 1, 4, 4 + size},
                            OwnedToken{"cd", 2, 5 + size, 7 + size}))
        << line;
    ++checked;
  }
  EXPECT_GT(checked, 3000);
}

// Long texts built from words whose tokens are known, so that every word
// falls at every offset within the tokenizer's 64-byte blocks, its batches
// of tokens fill up, and rewritten words (’ -> ') and words that cross
// blocks come between plain ones.
TEST(StandardTokenizerTest, LongTextsKeepEveryTokenAcrossBatchesAndBlocks) {
  struct Word {
    const char* text;
    const char* term;
  };
  static const Word kWords[] = {
      {"a", "a"},           {"The", "the"},       {"quick", "quick"},
      {"Ukraine's", "ukraine's"}, {"don’t", "don't"}, {"1,000", "1,000"},
      {"3.5", "3.5"},       {"U.S", "u.s"},       {"x1", "x1"},
      {"Київ", "київ"},     {"👍🏽", "👍🏽"},      {"MixedCASEword", "mixedcaseword"},
      {"averyveryverylongwordthatislongerthanhalfablockofsixtyfourbytes",
       "averyveryverylongwordthatislongerthanhalfablockofsixtyfourbytes"},
  };
  static const char* const kSeparators[] = {" ", "  ", ", ", ". ", " - ", "\n", " (", ") "};
  std::mt19937 rng(7);
  auto analyzer = MakeAnalyzer("standard");
  ASSERT_TRUE(analyzer.ok()) << analyzer.status();
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::vector<OwnedToken> expected;
    const int words = std::uniform_int_distribution<int>(1, 600)(rng);
    for (int i = 0; i < words; ++i) {
      const Word& w = kWords[rng() % std::size(kWords)];
      const auto start = static_cast<uint32_t>(text.size());
      text += w.text;
      expected.push_back(OwnedToken{w.term, static_cast<uint32_t>(i), start,
                                    static_cast<uint32_t>(text.size())});
      text += kSeparators[rng() % std::size(kSeparators)];
    }
    ASSERT_THAT((*analyzer)->Tokens(text), ElementsAreArray(expected)) << text;
  }
}

TEST(StandardTokenizerTest, GermanSharpSFoldsToSs) {
  EXPECT_THAT(Terms("standard", "Die Straße STRASSE Grüße"),
              ElementsAre("die", "strasse", "strasse", "grüsse"));
}

TEST(StandardTokenizerTest, CombiningMarksStayInTheWord) {
  // "café" with a combining acute accent, and Devanagari vowel signs.
  EXPECT_THAT(Terms("standard", "cafe\u0301 नमस्ते"),
              ElementsAre("cafe\u0301", "नमस्ते"));
}

TEST(StandardTokenizerTest, CjkUnigramsAndBigrams) {
  // Each ideograph is three bytes.
  EXPECT_THAT(Analyze("standard", "東京都 x 日本"),
              ElementsAreArray(std::vector<OwnedToken>{
                  {"東", 0, 0, 3},
                  {"東京", 0, 0, 6},
                  {"京", 1, 3, 6},
                  {"京都", 1, 3, 9},
                  {"都", 2, 6, 9},
                  {"x", 3, 10, 11},
                  {"日", 4, 12, 15},
                  {"日本", 4, 12, 18},
                  {"本", 5, 15, 18},
              }));
  EXPECT_THAT(Terms("standard", "abc漢字123"),
              ElementsAre("abc", "漢", "漢字", "字", "123"));
  EXPECT_THAT(Terms("standard", "ひらがなカタ"),
              ElementsAre("ひ", "ひら", "ら", "らが", "が", "がな", "な", "なカ", "カ",
                          "カタ", "タ"));
  // Hangul is written with spaces between words.
  EXPECT_THAT(Terms("standard", "한국어 텍스트"), ElementsAre("한국어", "텍스트"));
}

TEST(StandardTokenizerTest, InvalidUtf8IsASeparator) {
  EXPECT_THAT(Analyze("standard", "ab\xFF" "cd\xE2\x80"),
              ElementsAre(OwnedToken{"ab", 0, 0, 2}, OwnedToken{"cd", 1, 3, 5}));
  // A surrogate encoded in UTF-8 and an overlong '/' are invalid too.
  EXPECT_THAT(Terms("standard", "x\xED\xA0\x80y\xC0\xAFz"), ElementsAre("x", "y", "z"));
  EXPECT_THAT(Terms("standard", ""), IsEmpty());
}

TEST(WhitespaceTokenizerTest, SplitsOnUnicodeWhiteSpaceOnly) {
  EXPECT_THAT(Analyze("whitespace", " Post-War\u00A0US$800\u3000x\n"),
              ElementsAre(OwnedToken{"Post-War", 0, 1, 9},
                          OwnedToken{"US$800", 1, 11, 17},
                          OwnedToken{"x", 2, 20, 21}));
  EXPECT_THAT(Terms("whitespace", "a\xFF" "b c"), ElementsAre("a\uFFFDb", "c"));
}

TEST(KeywordTokenizerTest, WholeInputIsOneToken) {
  EXPECT_THAT(Analyze("keyword", "New York, NY"),
              ElementsAre(OwnedToken{"New York, NY", 0, 0, 12}));
  EXPECT_THAT(Analyze("keyword", ""), IsEmpty());
}

}  // namespace
}  // namespace trawl
