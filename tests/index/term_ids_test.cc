#include "index/term_ids.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace trawl::index {
namespace {

// Against a std::map: ids dense in first-seen order, through many growths,
// with empty, inline (<= 20 bytes) and arena (longer) terms.
TEST(TermIdsTest, MatchesAReferenceMap) {
  std::mt19937 rng(5);
  TermIds ids;
  std::map<std::string, uint32_t> reference;
  for (int i = 0; i < 200000; ++i) {
    std::string term(rng() % 40, 'a');
    for (char& c : term) c = static_cast<char>('a' + rng() % 3);
    bool added;
    uint32_t id = ids.Intern(term, &added);
    auto [it, inserted] = reference.try_emplace(term, static_cast<uint32_t>(reference.size()));
    ASSERT_EQ(added, inserted) << term;
    ASSERT_EQ(id, it->second) << term;
  }
  ASSERT_EQ(ids.size(), reference.size());
  std::vector<std::string_view> terms = ids.Terms();
  ASSERT_EQ(terms.size(), reference.size());
  for (const auto& [term, id] : reference) EXPECT_EQ(terms[id], term);
  std::vector<int> visits(reference.size(), 0);
  ids.ForEach([&](uint32_t id, std::string_view term) {
    ASSERT_LT(id, visits.size());
    ++visits[id];
    EXPECT_EQ(term, terms[id]);
  });
  EXPECT_EQ(std::count(visits.begin(), visits.end(), 1), static_cast<long>(visits.size()));
}

TEST(TermIdsTest, BinaryAndVeryLongTerms) {
  TermIds ids;
  bool added;
  const std::string with_nul("a\0b", 3), long_term(100000, 'x');
  EXPECT_EQ(ids.Intern(with_nul, &added), 0u);
  EXPECT_TRUE(added);
  EXPECT_EQ(ids.Intern(std::string("a\0c", 3), &added), 1u);
  EXPECT_EQ(ids.Intern(long_term, &added), 2u);
  EXPECT_TRUE(added);
  EXPECT_EQ(ids.Intern(long_term, &added), 2u);
  EXPECT_FALSE(added);
  EXPECT_EQ(ids.Terms()[2], long_term);
}

}  // namespace
}  // namespace trawl::index
