// FuzzyTermWalker against brute force: every term of the field tested one
// by one with BoundedEditDistance (how fuzzy queries were expanded before the
// walker), over random words and options, on dictionaries of random terms
// over a small alphabet (with multi-byte, invalid and U+FFFD code points)
// and of the vocabulary of real corpora.
#include "search/fuzzy_terms.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "search/multi_term.h"
#include "segment/term_dictionary.h"
#include "tests/analysis/corpus_bodies.h"
#include "tests/testing/corpora.h"
#include "tests/testing/status_matchers.h"
#include "trawl/analyzer.h"
#include "util/utf8.h"

namespace trawl::search {
namespace {

struct Found {
  std::string term;
  uint32_t edits;
  size_t code_points;
  uint32_t doc_freq;
  friend bool operator==(const Found&, const Found&) = default;
};

std::ostream& operator<<(std::ostream& os, const Found& f) {
  return os << "'" << f.term << "' edits " << f.edits << " cps " << f.code_points << " df "
            << f.doc_freq;
}

struct Options {
  uint32_t prefix_length = 0;
  uint32_t max_edits = 1;
  bool transpositions = true;
};

// The expansion as it was: every term of the field from the prefix on,
// converted to code points and measured.
std::vector<Found> BruteForce(const segment::TermDictionary& dict, uint32_t field,
                              std::string_view word, const Options& o) {
  const std::u32string target = CodePoints(word);
  size_t at = 0;
  for (uint32_t i = 0; i < o.prefix_length && at < word.size(); ++i) {
    at += util::DecodeUtf8(word, at).length;
  }
  const std::string prefix(word.substr(0, at));
  std::vector<Found> out;
  EXPECT_OK(WalkField(dict, field, prefix,
                      [&](std::string_view term, const segment::TermInfo& info) {
                        if (term.substr(0, prefix.size()) != prefix) return false;
                        const std::u32string candidate = CodePoints(term);
                        auto edits = BoundedEditDistance(target, candidate, o.max_edits,
                                                         o.transpositions);
                        if (edits) {
                          out.push_back({std::string(term), *edits, candidate.size(),
                                         info.doc_freq});
                        }
                        return true;
                      }));
  return out;
}

std::vector<Found> Walked(FuzzyTermWalker& walker, const segment::TermDictionary& dict,
                          uint32_t field) {
  std::vector<Found> out;
  EXPECT_OK(walker.Walk(dict, field,
                        [&](std::string_view term, const segment::TermInfo& info,
                            uint32_t edits, size_t code_points) {
                          out.push_back({std::string(term), edits, code_points, info.doc_freq});
                        }));
  return out;
}

// A dictionary of `terms` in field 1, every other one also in fields 0 and
// 2 (neighbours the walk must not cross into); doc_freq is a term's rank.
std::string BuildDictionary(const std::set<std::string>& terms) {
  std::vector<std::string> keys;
  size_t i = 0;
  for (const std::string& t : terms) {
    for (uint32_t field : {0u, 1u, 2u}) {
      if (field == 1 || i % 2 == 0) keys.push_back(segment::TermKey(field, t));
    }
    ++i;
  }
  std::sort(keys.begin(), keys.end());
  segment::TermDictionaryWriter w;
  uint32_t rank = 0;
  for (const std::string& k : keys) {
    ++rank;
    w.Add(k, {rank, rank, 0, 0});
  }
  return w.Finish();
}

// Compares the walker and brute force for `word` under `o`; returns how
// many terms matched.
size_t ExpectSame(const segment::TermDictionary& dict, std::string_view word, const Options& o) {
  FuzzyTermWalker walker(word, o.prefix_length, o.max_edits, o.transpositions);
  const std::vector<Found> want = BruteForce(dict, 1, word, o);
  // Twice with one walker: its buffers must not leak between walks.
  for (int pass = 0; pass < 2; ++pass) {
    EXPECT_EQ(Walked(walker, dict, 1), want)
        << "word '" << word << "' prefix " << o.prefix_length << " edits " << o.max_edits
        << " transpositions " << o.transpositions;
  }
  return want.size();
}

Options RandomOptions(std::mt19937& rng) {
  Options o;
  o.max_edits = static_cast<uint32_t>(rng() % 3);
  o.prefix_length = rng() % 3 == 0 ? static_cast<uint32_t>(rng() % 4) : 0;
  o.transpositions = rng() % 4 != 0;
  return o;
}

// Pieces of terms: ASCII, 2-, 3- and 4-byte code points, U+FFFD, and bytes
// that are not valid UTF-8 on their own (a lone lead byte, a continuation
// byte, 0xFF, a truncated 3-byte sequence).
const std::vector<std::string>& Alphabet() {
  static const std::vector<std::string> pieces = {
      "a", "b", "c", "d", "\xC3\xA9", "\xC3\xA8", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
      "\xEF\xBF\xBD", "\xC3", "\x80", "\xFF", "\xE2\x82", "\x7F", "\xC4\x80"};
  return pieces;
}

std::string RandomTerm(std::mt19937& rng, size_t max_pieces, bool valid_only) {
  const auto& alphabet = Alphabet();
  const size_t letters = valid_only ? 8 : alphabet.size();
  std::string t;
  const size_t n = rng() % (max_pieces + 1);
  for (size_t i = 0; i < n; ++i) t += alphabet[rng() % letters];
  return t;
}

TEST(FuzzyTermWalkerTest, SmallAlphabetMatchesBruteForce) {
  std::mt19937 rng(20);
  for (bool valid_only : {true, false}) {
    std::set<std::string> terms;
    while (terms.size() < 3000) terms.insert(RandomTerm(rng, 7, valid_only));
    const std::string section = BuildDictionary(terms);
    ASSERT_OK_AND_ASSIGN(segment::TermDictionary dict,
                         segment::TermDictionary::Open(section, "test"));
    size_t matched = 0;
    for (int q = 0; q < 600 && !HasFailure(); ++q) {
      matched += ExpectSame(dict, RandomTerm(rng, 6, valid_only || rng() % 2 == 0),
                            RandomOptions(rng));
    }
    EXPECT_GT(matched, 6000u);  // about 10 per word
  }
}

TEST(FuzzyTermWalkerTest, EdgeCases) {
  const std::set<std::string> terms = {"",       "a",     "ab",   "abc",  "b",   "ba",
                                       "caf\xC3\xA9", "cafe", "cafes", "\xFF", "\xFF\xFF",
                                       "z\xC3",  "z\xC3\xA9"};
  const std::string section = BuildDictionary(terms);
  ASSERT_OK_AND_ASSIGN(segment::TermDictionary dict,
                       segment::TermDictionary::Open(section, "test"));
  size_t matched = 0;
  for (std::string word : {"", "a", "ab", "caf\xC3\xA9", "\xFF", "z\xC3", "z", "zz", "\xC3\xA9"}) {
    for (uint32_t edits = 0; edits <= 2; ++edits) {
      for (uint32_t prefix = 0; prefix <= 5; ++prefix) {
        for (bool swaps : {false, true}) matched += ExpectSame(dict, word, {prefix, edits, swaps});
      }
    }
  }
  EXPECT_GT(matched, 300u);
  // An empty dictionary, and a field with no terms.
  const std::string empty = segment::TermDictionaryWriter().Finish();
  ASSERT_OK_AND_ASSIGN(segment::TermDictionary none,
                       segment::TermDictionary::Open(empty, "test"));
  FuzzyTermWalker walker("a", 0, 2, true);
  EXPECT_TRUE(Walked(walker, none, 1).empty());
  EXPECT_TRUE(Walked(walker, dict, 7).empty());
}

// A word of the vocabulary with 0-3 random edits whose code points come
// from the vocabulary too.
std::string Misspell(std::mt19937& rng, const std::vector<std::string>& vocabulary,
                     const std::u32string& letters) {
  std::u32string w = CodePoints(vocabulary[rng() % vocabulary.size()]);
  const int edits = static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    const char32_t c = letters[rng() % letters.size()];
    const size_t at = w.empty() ? 0 : rng() % w.size();
    switch (rng() % 4) {
      case 0:
        w.insert(w.begin() + static_cast<ptrdiff_t>(at), c);
        break;
      case 1:
        if (!w.empty()) w.erase(at, 1);
        break;
      case 2:
        if (!w.empty()) w[at] = c;
        break;
      default:
        if (at + 1 < w.size()) std::swap(w[at], w[at + 1]);
        break;
    }
  }
  std::string out;
  for (char32_t c : w) util::AppendUtf8(c, &out);
  return out;
}

// The vocabulary of SciFact (abstracts with Greek letters, accents and
// symbols) and Reuters, as the standard analyzer makes it.
TEST(FuzzyTermWalkerTest, CorpusVocabularyMatchesBruteForce) {
  std::set<std::string> terms;
  for (const char* corpus : {"scifact", "reuters21578"}) {
    auto docs = testing::SharedCorpusDocs(corpus);
    if (!docs) GTEST_SKIP() << "corpus " << corpus << " is absent (set TRAWL_SHARED_DIR)";
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> bodies,
                         testing::ReadCorpusBodies(*docs, 4 << 20));
    ASSERT_OK_AND_ASSIGN(auto analyzer, MakeAnalyzer("standard"));
    for (const std::string& body : bodies) {
      analyzer->Analyze(body, [&](const Token& t) { terms.emplace(t.text); });
    }
  }
  const std::vector<std::string> vocabulary(terms.begin(), terms.end());
  std::u32string letters;
  for (const std::string& t : vocabulary) {
    for (char32_t c : CodePoints(t)) {
      if (letters.find(c) == std::u32string::npos) letters.push_back(c);
    }
  }
  const size_t wide_letters = static_cast<size_t>(
      std::count_if(letters.begin(), letters.end(), [](char32_t c) { return c >= 0x80; }));
  ASSERT_GE(wide_letters, 20u);
  const std::string section = BuildDictionary(terms);
  ASSERT_OK_AND_ASSIGN(segment::TermDictionary dict,
                       segment::TermDictionary::Open(section, "test"));
  std::mt19937 rng(2020);
  size_t matched = 0;
  for (int q = 0; q < 150 && !HasFailure(); ++q) {
    matched += ExpectSame(dict, Misspell(rng, vocabulary, letters), RandomOptions(rng));
  }
  EXPECT_GT(matched, 150u);
  // Words of non-ASCII terms, where multi-byte code points drive the skips.
  std::vector<std::string> wide;
  for (const std::string& t : vocabulary) {
    if (!util::ScanUtf8(t).ascii) wide.push_back(t);
  }
  ASSERT_FALSE(wide.empty());
  matched = 0;
  for (int q = 0; q < 60 && !HasFailure(); ++q) {
    matched += ExpectSame(dict, Misspell(rng, wide, letters), RandomOptions(rng));
  }
  EXPECT_GT(matched, 60u);
}

}  // namespace
}  // namespace trawl::search
