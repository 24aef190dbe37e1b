// The analyzers over every body of Reuters-21578, with term counts checked
// against a simple independent count.
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "tests/analysis/corpus_bodies.h"
#include "tests/testing/corpora.h"
#include "tests/testing/status_matchers.h"
#include "trawl/analyzer.h"

namespace trawl {
namespace {

bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Counts the occurrences in `text` of each word that is a key of `counts`
// (lowercase). Written without the tokenizer from a plain reading of the
// UAX #29 rules for ASCII text, which Reuters is: a word is a run of letters
// and digits that ' . : join between letters and . , ' join between digits.
void CountWords(std::string_view text, std::map<std::string, size_t>& counts) {
  auto alnum = [&](size_t i) { return i < text.size() && (IsAlpha(text[i]) || IsDigit(text[i])); };
  auto joins = [&](size_t i) {  // text[i] between two word characters
    if (i == 0 || i + 1 >= text.size()) return false;
    const char before = text[i - 1], c = text[i], after = text[i + 1];
    if (IsAlpha(before) && IsAlpha(after)) return c == '\'' || c == '.' || c == ':';
    if (IsDigit(before) && IsDigit(after)) return c == '\'' || c == '.' || c == ',' || c == ';';
    return false;
  };
  size_t i = 0;
  while (i < text.size()) {
    if (!alnum(i)) {
      ++i;
      continue;
    }
    std::string word;
    while (alnum(i) || (joins(i) && !word.empty())) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
      ++i;
    }
    if (auto it = counts.find(word); it != counts.end()) ++it->second;
  }
}

class ReutersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto docs = testing::SharedCorpusDocs("reuters21578");
    if (!docs) GTEST_SKIP() << "corpus reuters21578 is absent (set TRAWL_SHARED_DIR)";
    ASSERT_OK_AND_ASSIGN(bodies_, testing::ReadCorpusBodies(*docs));
    ASSERT_EQ(bodies_.size(), 21578u);
  }

  std::vector<std::string> bodies_;
};

TEST_F(ReutersTest, EveryAnalyzerHandlesTheBodies) {
  for (const std::string& name : AnalyzerNames()) {
    ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer(name));
    // English text: every body for the analyzers meant for it, a sample
    // for the other languages, to keep the test (and its ASan run) short.
    const bool all = name == "standard" || name == "english" ||
                     name == "keyword" || name == "whitespace";
    size_t tokens = 0;
    for (size_t i = 0; i < bodies_.size(); i += all ? 1 : 8) {
      const std::string& body = bodies_[i];
      analyzer->Analyze(body, [&](const Token& t) {
        ++tokens;
        ASSERT_LT(t.start_offset, t.end_offset);
        ASSERT_LE(t.end_offset, body.size());
      });
    }
    // Most bodies are longer than the keyword analyzer's 255-byte limit.
    EXPECT_GT(tokens, name == "keyword" ? 0 : bodies_.size() / 8) << name;
  }
}

TEST_F(ReutersTest, TermCountsMatchAnIndependentCount) {
  std::map<std::string, size_t> expected = {
      {"cocoa", 0},  {"cocoa's", 0}, {"cocoas", 0}, {"coffee", 0},
      {"1,000", 0},  {"tonnes", 0},  {"u.s", 0},    {"the", 0}};
  for (const std::string& body : bodies_) CountWords(body, expected);
  ASSERT_GT(expected["cocoa"], 100u);  // the test means something

  ASSERT_OK_AND_ASSIGN(auto standard, MakeAnalyzer("standard"));
  ASSERT_OK_AND_ASSIGN(auto english, MakeAnalyzer("english"));
  std::map<std::string, size_t> standard_counts, english_counts;
  for (const std::string& body : bodies_) {
    standard->Analyze(body, [&](const Token& t) {
      if (auto it = expected.find(std::string(t.text)); it != expected.end()) {
        ++standard_counts[it->first];
      }
    });
    english->Analyze(body, [&](const Token& t) { ++english_counts[std::string(t.text)]; });
  }
  for (const auto& [word, count] : expected) {
    EXPECT_EQ(standard_counts[word], count) << word;
  }
  // English drops "the", stems "tonnes" to "tonn" (as it does "tonne"),
  // and brings "cocoa's" and "cocoas" to "cocoa".
  EXPECT_EQ(english_counts.count("the"), 0u);
  EXPECT_GE(english_counts["tonn"], expected["tonnes"]);
  EXPECT_EQ(english_counts["cocoa"],
            expected["cocoa"] + expected["cocoa's"] + expected["cocoas"]);
}

}  // namespace
}  // namespace trawl
