// TermTable and HashTerm, the hash table under stop words and stem caches.
#include "analysis/term_table.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "gtest/gtest.h"

namespace trawl::analysis {
namespace {

// Every lowercase word of one to three letters.
std::vector<std::string> ShortWords() {
  std::vector<std::string> words;
  for (char a = 'a'; a <= 'z'; ++a) {
    words.push_back(std::string(1, a));
    for (char b = 'a'; b <= 'z'; ++b) {
      words.push_back({a, b});
      for (char c = 'a'; c <= 'z'; ++c) words.push_back({a, b, c});
    }
  }
  return words;
}

TEST(HashTermTest, ShortWordsDoNotCollide) {
  std::unordered_set<uint64_t> hashes, tags;
  const std::vector<std::string> words = ShortWords();
  for (const std::string& word : words) {
    hashes.insert(HashTerm(word));
    tags.insert(HashTerm(word) >> 32);
  }
  EXPECT_EQ(hashes.size(), words.size());
  // 18K words in 2^32 tags: a collision or two at most.
  EXPECT_GE(tags.size() + 2, words.size());
}

TEST(HashTermTest, LengthAndEveryByteCount) {
  const std::string base = "internationalization";  // 20 bytes, 3 words
  std::unordered_set<uint64_t> hashes;
  for (size_t n = 0; n <= base.size(); ++n) hashes.insert(HashTerm(base.substr(0, n)));
  std::string changed = base;
  for (size_t i = 0; i < base.size(); ++i, changed = base) {
    changed[i] ^= 1;
    hashes.insert(HashTerm(changed));
  }
  EXPECT_EQ(hashes.size(), 2 * base.size() + 1);
}

TEST(TermTableTest, FindsWhatItHoldsUntilCleared) {
  TermTable table(/*slots_log2=*/16);
  const std::vector<std::string> words = ShortWords();
  const std::string long_value(40, 'x');  // past the slot: goes to the arena
  for (const std::string& word : words) {
    ASSERT_TRUE(table.Insert(word, HashTerm(word), word.size() == 2 ? long_value : word));
  }
  EXPECT_EQ(table.size(), words.size());
  for (const std::string& word : words) {
    auto found = table.Find(word, HashTerm(word));
    ASSERT_TRUE(found.has_value()) << word;
    EXPECT_EQ(*found, word.size() == 2 ? long_value : word);
  }
  EXPECT_FALSE(table.Find("abcd", HashTerm("abcd")).has_value());
  table.Clear();
  EXPECT_EQ(table.size(), 0u);
  EXPECT_FALSE(table.Find("abc", HashTerm("abc")).has_value());
}

TEST(TermTableTest, RefusesWhenFullOrEmptyKey) {
  TermTable table(/*slots_log2=*/2);  // 4 slots, 3 entries
  EXPECT_FALSE(table.Insert("", HashTerm(""), "x"));
  for (const char* word : {"a", "b", "c"}) {
    EXPECT_TRUE(table.Insert(word, HashTerm(word), ""));
  }
  EXPECT_TRUE(table.full());
  EXPECT_FALSE(table.Insert("d", HashTerm("d"), ""));
  EXPECT_EQ(table.Find("c", HashTerm("c")), std::string_view());
}

}  // namespace
}  // namespace trawl::analysis
