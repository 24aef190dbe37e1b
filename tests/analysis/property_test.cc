// Invariants of every analyzer on arbitrary input: it returns, offsets lie
// within the input with start < end, positions never decrease, and the
// terms are valid UTF-8 no longer than the limit.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "trawl/analyzer.h"
#include "util/utf8.h"

namespace trawl {
namespace {

// Analyzes `text` with `analyzer` and checks the invariants; stops at the
// first violation so that one bad input does not flood the log.
void CheckInvariants(const Analyzer& analyzer, const std::string& text) {
  uint32_t last_position = 0;
  bool first = true;
  bool ok = true;
  analyzer.Analyze(text, [&](const Token& t) {
    if (!ok) return;
    ok = t.start_offset < t.end_offset && t.end_offset <= text.size() &&
         (first || t.position >= last_position) && !t.text.empty() &&
         t.text.size() <= AnalyzerSpec().max_token_bytes &&
         util::ScanUtf8(t.text).valid;
    EXPECT_TRUE(ok) << analyzer.name() << ": token \"" << t.text << "\" at "
                    << t.position << " [" << t.start_offset << ", "
                    << t.end_offset << ") after position " << last_position
                    << " in a " << text.size() << "-byte input";
    first = false;
    last_position = t.position;
  });
}

std::vector<std::unique_ptr<Analyzer>> AllAnalyzers() {
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  for (const std::string& name : AnalyzerNames()) {
    auto analyzer = MakeAnalyzer(name);
    EXPECT_TRUE(analyzer.ok()) << analyzer.status();
    if (analyzer.ok()) analyzers.push_back(std::move(*analyzer));
  }
  AnalyzerSpec everything;
  everything.nfkc = true;
  everything.ascii_fold = true;
  everything.english_possessive = true;
  everything.stop_words = "french";
  everything.stemmer = "french";
  for (const char* tokenizer : {"standard", "whitespace", "keyword"}) {
    everything.tokenizer = tokenizer;
    auto analyzer = MakeAnalyzer(everything);
    EXPECT_TRUE(analyzer.ok()) << analyzer.status();
    if (analyzer.ok()) analyzers.push_back(std::move(*analyzer));
  }
  return analyzers;
}

// Bytes that exercise the tokenizer's special cases more often than
// uniformly random bytes would.
std::string RandomBytes(std::mt19937& rng) {
  static const char kInteresting[] = "aZ09 .,'_:;-@\xC3\xA9\xE2\x80\x99\xE6\x97\xA5\xF0\x9F";
  std::uniform_int_distribution<int> length(0, 200);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> pick(0, sizeof(kInteresting) - 2);
  std::string s(length(rng), '\0');
  for (char& c : s) {
    c = byte(rng) < 128 ? kInteresting[pick(rng)] : static_cast<char>(byte(rng));
  }
  return s;
}

// Valid UTF-8 drawn from scripts and characters the analyzers treat
// specially: Latin with accents, Cyrillic, CJK, combining marks,
// apostrophes, digits, white space, emoji, and a few astral code points.
std::string RandomUtf8(std::mt19937& rng) {
  static const char32_t kPool[] = {
      'a', 'Z', '0', '9', ' ', '.', ',', '\'', '_', '-', ':', 0xE9, 0xDF,
      0x130, 0x2019, 0x2BC, 0x301, 0x308, 0x430, 0x416, 0x457, 0x5D0, 0x663,
      0x915, 0x94D, 0x3042, 0x30AB, 0x30FC, 0x4E2D, 0x6587, 0xAC00, 0xFB01,
      0xFF21, 0x2167, 0x200D, 0x00A0, 0x3000, 0xFFFD, 0x1F600, 0x20000,
      // Emoji sequences: thumbs up, skin tone, VS16, keycap, regional
      // indicators, a text-default heart, tags; '#' for keycaps, geresh.
      0x1F44D, 0x1F3FD, 0xFE0F, 0x20E3, 0x1F1EB, 0x1F1F7, 0x2764, 0xE0067,
      0xE007F, '#', 0x5F3,
  };
  std::uniform_int_distribution<int> length(0, 80);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPool) - 1);
  std::uniform_int_distribution<char32_t> any(0x80, 0x10FFFF);
  std::string s;
  for (int n = length(rng); n > 0; --n) {
    char32_t cp = pick(rng) == 0 ? any(rng) : kPool[pick(rng)];
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    util::AppendUtf8(cp, &s);
  }
  return s;
}

TEST(AnalyzerPropertyTest, RandomBytes) {
  const auto analyzers = AllAnalyzers();
  std::mt19937 rng(20240601);
  for (int i = 0; i < 3000; ++i) {
    const std::string text = RandomBytes(rng);
    for (const auto& analyzer : analyzers) CheckInvariants(*analyzer, text);
    if (HasFailure()) return;
  }
}

TEST(AnalyzerPropertyTest, RandomUtf8) {
  const auto analyzers = AllAnalyzers();
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    const std::string text = RandomUtf8(rng);
    for (const auto& analyzer : analyzers) CheckInvariants(*analyzer, text);
    if (HasFailure()) return;
  }
}

// Long inputs cross the tokenizer's 64-byte blocks at every alignment.
TEST(AnalyzerPropertyTest, BlockBoundaries) {
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer("standard"));
  const std::string unit = "Ab1,000 U.S. don't caf\xC3\xA9 x_y fin.\xC3\xA9t\xC3\xA9 ";
  for (size_t offset = 0; offset < 64; ++offset) {
    const std::string text = std::string(offset, ' ') + unit + unit + unit + unit;
    std::vector<std::string> terms;
    for (const OwnedToken& t : analyzer->Tokens(text)) terms.push_back(t.text);
    const std::vector<std::string> expected_unit = {
        "ab1,000", "u.s", "don't", "caf\xC3\xA9", "x_y", "fin.\xC3\xA9t\xC3\xA9"};
    std::vector<std::string> expected;
    for (int i = 0; i < 4; ++i) {
      expected.insert(expected.end(), expected_unit.begin(), expected_unit.end());
    }
    ASSERT_EQ(terms, expected) << "offset " << offset;
  }
}

// The standard tokenizer scans long ASCII stretches 64 bytes at a time and
// everything else one character at a time. No rule joins across a space,
// so a long text must give the tokens of its space-separated pieces, each
// short enough to be scanned a character at a time.
TEST(AnalyzerPropertyTest, BlockScanAgreesWithCharacterScan) {
  ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer("standard"));
  static const char* const kParts[] = {
      "a", "Zq", "7", "42", ".", ",", "'", ":", ";", "_", "-", "$", "\xC3\xA9",
      "\xE2\x80\x99", "\xCC\x81", "\xD0\x96", "\xE4\xB8\xAD", "\xFF"};
  std::mt19937 rng(99);
  std::uniform_int_distribution<size_t> part(0, std::size(kParts) - 1);
  std::uniform_int_distribution<int> parts_per_piece(1, 12);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::vector<OwnedToken> expected;
    uint32_t position = 0;
    while (text.size() < 2000) {
      std::string piece;
      for (int n = parts_per_piece(rng); n > 0; --n) piece += kParts[part(rng)];
      const auto offset = static_cast<uint32_t>(text.size());
      uint32_t next_position = position;
      for (OwnedToken t : analyzer->Tokens(piece)) {
        t.position += position;
        t.start_offset += offset;
        t.end_offset += offset;
        next_position = t.position + 1;
        expected.push_back(std::move(t));
      }
      position = next_position;
      text += piece + " ";
    }
    ASSERT_EQ(analyzer->Tokens(text), expected) << text;
  }
}

}  // namespace
}  // namespace trawl
