#include <cmath>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"
#include "trawl/query_parser.h"

namespace trawl {
namespace {

using ::testing::HasSubstr;
using ::trawl::testing::StatusIs;

TEST(QueryTest, ToStringShowsTheTree) {
  Query q = Query::Bool({{Occur::kMust, Query::Term("body", "davos")},
                         {Occur::kMustNot, Query::Term("body", "trump")},
                         {Occur::kShould, Query::Phrase("title", {"world", "forum"}, 2)}});
  EXPECT_EQ(q.ToString(), "+body:davos -body:trump title:\"world forum\"~2");
  EXPECT_EQ(Query::Boost(Query::All(), 2).ToString(), "(*:*)^2");
}

TEST(QueryParserTest, ParsesTheLanguage) {
  Schema schema = Schema::Default();
  auto parse = [&](std::string_view text) {
    auto q = ParseQuery(text, schema, {.default_fields = {"body"}});
    return q.ok() ? q->ToString() : std::string(q.status().message());
  };
  EXPECT_EQ(parse("Davos"), "body:davos");
  EXPECT_EQ(parse("a b"), "body:a body:b");
  EXPECT_EQ(parse("+a -b"), "+body:a -body:b");
  EXPECT_EQ(parse("a AND b OR c"), "+body:a body:b body:c");
  EXPECT_EQ(parse("a AND NOT b"), "+body:a -body:b");
  EXPECT_EQ(parse("title:(x y) source:AFP"), "((title:x)^2 (title:y)^2) source:AFP");
  EXPECT_EQ(parse("\"World Economic  Forum\"~3"), "body:\"world economic forum\"~3");
  EXPECT_EQ(parse("post-war"), "body:\"post war\"");
  EXPECT_EQ(parse("a^2.5"), "(body:a)^2.5");
  EXPECT_EQ(parse("\\(a\\)"), "body:a");
}

TEST(QueryParserTest, ErrorsNameThePosition) {
  Schema schema = Schema::Default();
  EXPECT_THAT(ParseQuery("a (b", schema), StatusIs(absl::StatusCode::kInvalidArgument,
                                                     HasSubstr("position 2: '(' is never closed")));
  EXPECT_THAT(ParseQuery("a b)", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("position 3: unexpected ')'")));
  EXPECT_THAT(ParseQuery("\"open", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unterminated phrase")));
  EXPECT_THAT(ParseQuery("", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected a query")));
  EXPECT_THAT(ParseQuery("a^x", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("after '^'")));
  EXPECT_THAT(ParseQuery("title:body:x", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unexpected ':'")));
  EXPECT_THAT(ParseQuery("a~3", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("position 2: expected 0, 1 or 2")));
  EXPECT_THAT(ParseQuery("a*~1", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cannot be fuzzy")));
}

TEST(QueryParserTest, HostileInputNeitherCrashesNorHangs) {
  Schema schema = Schema::Default();
  std::string nested(10000, '(');
  nested += "a" + std::string(10000, ')');
  EXPECT_THAT(ParseQuery(nested, schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nested too deeply")));
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "w" + std::to_string(i) + " ";
  ASSERT_OK_AND_ASSIGN(Query q, ParseQuery(many, schema, {.default_fields = {"body"}}));
  EXPECT_EQ(q.node().clauses.size(), 10000u);
  // A trailing backslash escapes nothing (found by the fuzzer: it looped).
  EXPECT_THAT(ParseQuery("($|\\", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("escape")));
  std::string colons(10000, ':');
  EXPECT_FALSE(ParseQuery(colons, schema).ok());
}

TEST(QueryTest, DeepTreesAreRefusedNotRecursedInto) {
  Query q = Query::Term("body", "a");
  for (int i = 0; i < 1500; ++i) q = Query::Bool({{Occur::kMust, q}});
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  EXPECT_THAT(searcher->Search(q), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deeper")));
}

TEST(QueryTest, NegativeOrNonFiniteBoostsAreRefused) {
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  const Query term = Query::Term("body", "a");
  for (float bad : {-1.0f, std::nanf(""), std::numeric_limits<float>::infinity()}) {
    EXPECT_THAT(searcher->Search(Query::Boost(term, bad)),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(">= 0")));
    EXPECT_THAT(searcher->Search(Query::ConstantScore(term, bad)),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(">= 0")));
  }
  EXPECT_OK(searcher->Search(Query::Boost(term, 0.0f)).status());
  EXPECT_OK(searcher->Search(Query::Bool({{Occur::kShould, Query::Boost(term, 2.5f)}})).status());
}

}  // namespace
}  // namespace trawl
