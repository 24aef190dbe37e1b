#include "segment/term_dictionary.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace trawl::segment {
namespace {

using ::trawl::testing::StatusIs;

std::vector<std::string> SortedKeys(size_t n) {
  std::set<std::string> keys;
  for (size_t i = 0; keys.size() < n; ++i) {
    keys.insert(TermKey(static_cast<uint32_t>(i % 3), "t" + std::to_string(i * 7919 % 100003)));
  }
  return {keys.begin(), keys.end()};
}

TermInfo InfoFor(size_t i) {
  return {static_cast<uint32_t>(i + 1), 2 * i + 1, 10 * i, 20 * i};
}

class TermDictionaryTest : public ::testing::TestWithParam<size_t> {};

TEST_P(TermDictionaryTest, FindsSeeksAndIterates) {
  std::vector<std::string> keys = SortedKeys(GetParam());
  TermDictionaryWriter w;
  for (size_t i = 0; i < keys.size(); ++i) w.Add(keys[i], InfoFor(i));
  std::string section = w.Finish();
  ASSERT_OK_AND_ASSIGN(TermDictionary dict, TermDictionary::Open(section, "test"));
  EXPECT_EQ(dict.num_terms(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(auto info, dict.Find(keys[i]));
    ASSERT_TRUE(info.has_value()) << keys[i];
    EXPECT_EQ(*info, InfoFor(i));
    ASSERT_OK_AND_ASSIGN(auto missing, dict.Find(keys[i] + "~"));
    EXPECT_FALSE(missing.has_value());
  }
  // Seek to a field prefix and walk it in order.
  ASSERT_OK_AND_ASSIGN(auto it, dict.Seek(TermKey(1, "")));
  size_t expected = std::lower_bound(keys.begin(), keys.end(), TermKey(1, "")) - keys.begin();
  while (it.Valid()) {
    ASSERT_LT(expected, keys.size());
    EXPECT_EQ(it.key(), keys[expected]);
    EXPECT_EQ(it.info(), InfoFor(expected));
    ++expected;
    ASSERT_OK(it.Next());
  }
  EXPECT_EQ(expected, keys.size());
}

INSTANTIATE_TEST_SUITE_P(Sizes, TermDictionaryTest, ::testing::Values(0, 1, 31, 32, 33, 1000));

TEST(TermDictionaryCorruption, TruncatedTrailerIsDataLoss) {
  TermDictionaryWriter w;
  w.Add(TermKey(0, "a"), InfoFor(0));
  std::string section = w.Finish();
  EXPECT_THAT(TermDictionary::Open(section.substr(0, section.size() - 3), "f"),
              StatusIs(absl::StatusCode::kDataLoss, ::testing::HasSubstr("corruption in f")));
}

}  // namespace
}  // namespace trawl::segment
