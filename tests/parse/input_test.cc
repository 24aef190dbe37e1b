#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/input.h"
#include "tests/testing/status_matchers.h"

namespace trawl::parse {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Lines(BufferedInput& input) {
  std::vector<std::string> lines;
  while (true) {
    absl::StatusOr<std::optional<absl::string_view>> line = input.ReadLine();
    EXPECT_TRUE(line.ok()) << line.status();
    if (!line.ok() || !line->has_value()) return lines;
    lines.emplace_back(**line);
  }
}

TEST(InputTest, LinesWithAndWithoutTerminators) {
  const std::string data = "a\r\n\nb\rc\nlast";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<BufferedInput> input, OpenMemoryInput(data));
  EXPECT_THAT(Lines(*input), ElementsAre("a", "", "b\rc", "last"));
  EXPECT_EQ(input->offset(), data.size());
}

TEST(InputTest, LinesSpanningRefillsAndGrowth) {
  std::string data;
  std::vector<std::string> want;
  for (int length : {1, 70000, 3, 200000, 0, 65535, 65536}) {
    want.push_back(std::string(length, static_cast<char>('a' + want.size())));
    data += want.back() + "\n";
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<BufferedInput> input, OpenMemoryInput(data));
  EXPECT_EQ(Lines(*input), want);
}

TEST(InputTest, PeekDoesNotConsume) {
  const std::string data(100000, 'x');
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<BufferedInput> input, OpenMemoryInput(data));
  ASSERT_OK_AND_ASSIGN(absl::string_view head, input->Peek(90000));
  EXPECT_EQ(head.size(), 90000u);
  EXPECT_EQ(input->offset(), 0u);
  input->Skip(10);
  ASSERT_OK_AND_ASSIGN(std::string rest, input->ReadAll());
  EXPECT_EQ(rest.size(), data.size() - 10);
  ASSERT_OK_AND_ASSIGN(absl::string_view end, input->Peek(1));
  EXPECT_TRUE(end.empty());
}

TEST(InputTest, MissingFileIsNotFound) {
  EXPECT_THAT(OpenInput("/nonexistent/trawl/file"),
              testing::StatusIs(absl::StatusCode::kNotFound,
                                ::testing::HasSubstr("/nonexistent/trawl/file")));
}

}  // namespace
}  // namespace trawl::parse
