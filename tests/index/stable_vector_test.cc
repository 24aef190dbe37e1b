#include "index/stable_vector.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace trawl::index {
namespace {

// Indexes across chunk boundaries (1, 2, block - 1, block of every chunk
// size) hold what was put there, and elements never move.
TEST(StableVectorTest, ElementsKeepTheirValuesAndAddresses) {
  StableVector<std::string> v;
  std::vector<const std::string*> addresses;
  const size_t n = 100000;
  for (size_t i = 0; i < n; ++i) {
    std::string& s = v.emplace_back();
    EXPECT_TRUE(s.empty());
    s = "value " + std::to_string(i);
    addresses.push_back(&s);
  }
  ASSERT_EQ(v.size(), n);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(v[i], "value " + std::to_string(i)) << i;
    ASSERT_EQ(&v[i], addresses[i]) << i;
  }
  const StableVector<std::string>& c = v;
  EXPECT_EQ(c[n - 1], "value " + std::to_string(n - 1));
}

TEST(StableVectorTest, CountsTheElementsItHolds) {
  StableVector<uint64_t> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.memory_bytes(), 0u);
  for (int i = 0; i < 1000; ++i) v.emplace_back() = static_cast<uint64_t>(i);
  EXPECT_GE(v.memory_bytes(), 1000 * sizeof(uint64_t));
  EXPECT_LT(v.memory_bytes(), 1000 * sizeof(uint64_t) + 1024);
}

// Destroys what it constructed, once (a leak or a double free shows under
// the sanitizer build; the count shows here).
TEST(StableVectorTest, DestroysEveryElementOnce) {
  auto alive = std::make_shared<int>(0);
  struct Counted {
    std::shared_ptr<int> count;
    Counted() = default;
    ~Counted() {
      if (count) --*count;
    }
  };
  {
    StableVector<Counted> v;
    for (int i = 0; i < 777; ++i) {
      v.emplace_back().count = alive;
      ++*alive;
    }
    StableVector<Counted> moved(std::move(v));
    EXPECT_EQ(moved.size(), 777u);
    EXPECT_EQ(v.size(), 0u);  // NOLINT(bugprone-use-after-move): moved from, empty
    StableVector<Counted> assigned;
    assigned.emplace_back();
    assigned = std::move(moved);
    EXPECT_EQ(assigned.size(), 777u);
    EXPECT_EQ(*alive, 777);
  }
  EXPECT_EQ(*alive, 0);
}

}  // namespace
}  // namespace trawl::index
