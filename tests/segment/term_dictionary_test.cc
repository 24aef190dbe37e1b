#include "segment/term_dictionary.h"

#include <algorithm>
#include <random>
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

// Find scans a block without rebuilding keys; probes around every key
// (prefixes, extensions, neighbours by one byte, bytes >= 0x80) must agree
// with a plain binary search.
TEST_P(TermDictionaryTest, FindAgreesWithBinarySearch) {
  std::set<std::string> key_set;
  for (const std::string& k : SortedKeys(GetParam())) {
    key_set.insert(k);
    key_set.insert(k + "\xc3\xa9t\xc3\xa9");  // shares a prefix, then UTF-8
  }
  std::vector<std::string> keys(key_set.begin(), key_set.end());
  TermDictionaryWriter w;
  for (size_t i = 0; i < keys.size(); ++i) w.Add(keys[i], InfoFor(i));
  std::string section = w.Finish();
  ASSERT_OK_AND_ASSIGN(TermDictionary dict, TermDictionary::Open(section, "test"));
  std::vector<std::string> probes = {"", std::string(1, '\0'), "\xff\xff"};
  for (const std::string& k : keys) {
    probes.push_back(k);
    probes.push_back(k.substr(0, k.size() - 1));
    probes.push_back(k + std::string(1, '\0'));
    probes.push_back(k + "\xff");
    std::string lower = k, higher = k;
    --lower.back();
    ++higher.back();
    probes.push_back(lower);
    probes.push_back(higher);
  }
  for (const std::string& probe : probes) {
    auto at = std::lower_bound(keys.begin(), keys.end(), probe);
    const bool present = at != keys.end() && *at == probe;
    ASSERT_OK_AND_ASSIGN(auto info, dict.Find(probe));
    ASSERT_EQ(info.has_value(), present) << ::testing::PrintToString(probe);
    if (present) {
      EXPECT_EQ(*info, InfoFor(static_cast<size_t>(at - keys.begin())));
    }
  }
}

// One iterator sought forward and backward, within a block and across
// blocks, lands where a fresh Seek (a binary search) does.
TEST_P(TermDictionaryTest, IteratorSeekAgreesWithLowerBound) {
  std::vector<std::string> keys = SortedKeys(GetParam());
  TermDictionaryWriter w;
  for (size_t i = 0; i < keys.size(); ++i) w.Add(keys[i], InfoFor(i));
  std::string section = w.Finish();
  ASSERT_OK_AND_ASSIGN(TermDictionary dict, TermDictionary::Open(section, "test"));
  ASSERT_OK_AND_ASSIGN(TermDictionary::Iterator it, dict.Seek(""));
  std::mt19937 rng(7);
  for (int step = 0; step < 2000; ++step) {
    std::string probe;
    if (!keys.empty() && rng() % 4 != 0) {
      // Near the current key or anywhere: a key, or one byte off it.
      size_t at = rng() % keys.size();
      probe = keys[at];
      if (rng() % 2 == 0) probe.push_back('\0');
    } else {
      probe = TermKey(static_cast<uint32_t>(rng() % 4), "t" + std::to_string(rng() % 100));
    }
    ASSERT_OK(it.Seek(probe));
    auto want = std::lower_bound(keys.begin(), keys.end(), probe);
    ASSERT_EQ(it.Valid(), want != keys.end()) << ::testing::PrintToString(probe);
    if (it.Valid()) {
      ASSERT_EQ(it.key(), *want);
      ASSERT_EQ(it.info(), InfoFor(static_cast<size_t>(want - keys.begin())));
    }
    // Sometimes step on: the next Seek then starts from further along.
    if (it.Valid() && rng() % 3 == 0) {
      ASSERT_OK(it.Next());
    }
  }
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
