// Range queries on date, i64 and f64 fields (fast-field scans) and on
// keyword fields (term walks); the range syntax; ranges as filters next to
// text; ConstantScore.
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"
#include "trawl/query_parser.h"

namespace trawl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::trawl::testing::StatusIs;

Schema RangeSchema() {
  Schema schema;
  EXPECT_OK(schema.AddField({.name = "id", .type = FieldType::kKeyword}));
  EXPECT_OK(schema.AddField({.name = "body", .type = FieldType::kText, .default_search = true}));
  EXPECT_OK(schema.AddField({.name = "date", .type = FieldType::kDate}));
  EXPECT_OK(schema.AddField({.name = "n", .type = FieldType::kI64}));
  EXPECT_OK(schema.AddField({.name = "x", .type = FieldType::kF64}));
  EXPECT_OK(schema.AddField({.name = "source", .type = FieldType::kKeyword}));
  return schema;
}

Document Doc(std::string id, std::string body, std::string date, std::string n, std::string x,
             std::string source) {
  Document d;
  d.Add("id", std::move(id));
  d.Add("body", std::move(body));
  if (!date.empty()) d.Add("date", std::move(date));
  if (!n.empty()) d.Add("n", std::move(n));
  if (!x.empty()) d.Add("x", std::move(x));
  if (!source.empty()) d.Add("source", std::move(source));
  return d;
}

class RangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(index_, Index::InMemory(RangeSchema()));
    testing::AddAndCommit(*index_, {
        Doc("a", "davos forum", "2025-12-31T23:59:59Z", "-5", "-2.5", "AFP"),
        Doc("b", "davos summit", "2026-01-01", "0", "0", "AP"),
        Doc("c", "zurich", "2026-01-15T12:00:00", "7", "1e3", "REUTERS"),
    });
    // A second segment.
    testing::AddAndCommit(*index_, {
        Doc("d", "davos davos", "2026-01-31T18:30:00", "42", "3.25", "Reuters"),
        Doc("e", "davos", "2026-02-01", "", "", ""),
        Doc("f", "geneva", "", "9223372036854775807", "-1e300", "BBC"),
    });
    ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  }

  // Ids of the matches, sorted.
  std::vector<std::string> Ids(const Query& q) const {
    SearchOptions options;
    options.k = 100;
    auto r = searcher_->Search(q, options);
    EXPECT_TRUE(r.ok()) << r.status() << " for " << q.ToString();
    std::set<std::string> ids;
    if (r.ok()) {
      for (const Hit& h : r->hits) ids.insert(*h.document.Get("id"));
    }
    return {ids.begin(), ids.end()};
  }
  std::vector<std::string> Ids(std::string_view text) const {
    auto q = ParseQuery(text, searcher_->schema());
    EXPECT_TRUE(q.ok()) << q.status();
    return q.ok() ? Ids(*q) : std::vector<std::string>{"<parse error>"};
  }

  std::unique_ptr<Index> index_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(RangeTest, DatesIncludeWholeDays) {
  EXPECT_THAT(Ids(Query::Range("date", "2026-01-01", "2026-01-31")), ElementsAre("b", "c", "d"));
  EXPECT_THAT(Ids(Query::Range("date", "2026-01-01", "2026-01-31", false, false)),
              ElementsAre("c"));
  EXPECT_THAT(Ids(Query::Range("date", std::nullopt, "2026-01-01")), ElementsAre("a", "b"));
  EXPECT_THAT(Ids(Query::Range("date", "2026-01-31T18:30:00", std::nullopt)),
              ElementsAre("d", "e"));
  EXPECT_THAT(Ids(Query::Range("date", "2026-01-31T18:30:00", std::nullopt, false)),
              ElementsAre("e"));
  EXPECT_THAT(Ids(Query::Range("date", std::nullopt, std::nullopt)),
              ElementsAre("a", "b", "c", "d", "e"));  // every doc with a date
}

TEST_F(RangeTest, Syntax) {
  EXPECT_THAT(Ids("date:[2026-01-01 TO 2026-01-31]"), ElementsAre("b", "c", "d"));
  EXPECT_THAT(Ids("date:{2026-01-01 TO 2026-01-31}"), ElementsAre("c"));
  EXPECT_THAT(Ids("date:[2026-01-01 TO 2026-01-31}"), ElementsAre("b", "c"));
  EXPECT_THAT(Ids("date:[* TO 2025-12-31]"), ElementsAre("a"));
  EXPECT_THAT(Ids("date:>=2026-01-15"), ElementsAre("c", "d", "e"));
  EXPECT_THAT(Ids("date:>2026-01-15"), ElementsAre("d", "e"));
  EXPECT_THAT(Ids("date:<2026-01-01"), ElementsAre("a"));
  EXPECT_THAT(Ids("date:<=2026-01-01"), ElementsAre("a", "b"));
  EXPECT_THAT(Ids("date:2026-01-15"), ElementsAre("c"));  // one day
  EXPECT_THAT(Ids("date:[\"2026-01-31T00:00:00\" TO *]"), ElementsAre("d", "e"));
  EXPECT_THAT(Ids("(date:>=2026-02-01)"), ElementsAre("e"));
  auto text = [&](std::string_view t) {
    auto q = ParseQuery(t, searcher_->schema());
    return q.ok() ? q->ToString() : std::string(q.status().message());
  };
  EXPECT_EQ(text("date:[2026-01-01 TO *}"), "date:[2026-01-01 TO *}");
  EXPECT_EQ(text("date:>=2026-01-01"), "date:[2026-01-01 TO *]");
  EXPECT_EQ(text("date:<2026-01-01"), "date:[* TO 2026-01-01}");
  EXPECT_EQ(text("n:[1 TO 2]^3"), "(n:[1 TO 2])^3");
}

TEST_F(RangeTest, SyntaxErrorsNameThePosition) {
  const Schema& schema = searcher_->schema();
  EXPECT_THAT(ParseQuery("date:[2026-13-01 TO *]", schema),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("position 6: field date: not a date")));
  EXPECT_THAT(ParseQuery("date:[2026-01-01 2026-02-01]", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected 'TO'")));
  EXPECT_THAT(ParseQuery("date:[2026-01-01 TO 2026-02-01", schema),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("position 5: range is never closed")));
  EXPECT_THAT(ParseQuery("[a TO b]", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs a field")));
  EXPECT_THAT(ParseQuery("n:>x", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not an integer")));
  EXPECT_THAT(ParseQuery("n:>", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected a range value")));
  EXPECT_THAT(searcher_->Search(Query::Range("date", "yesterday", std::nullopt)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a date")));
}

TEST_F(RangeTest, Integers) {
  EXPECT_THAT(Ids("n:[0 TO 42]"), ElementsAre("b", "c", "d"));
  EXPECT_THAT(Ids("n:{0 TO 42}"), ElementsAre("c"));
  EXPECT_THAT(Ids("n:<0"), ElementsAre("a"));
  EXPECT_THAT(Ids("n:>=9223372036854775807"), ElementsAre("f"));
  EXPECT_THAT(Ids("n:>9223372036854775807"), ElementsAre());
  EXPECT_THAT(Ids("n:<-9223372036854775808"), ElementsAre());
}

TEST_F(RangeTest, Doubles) {
  EXPECT_THAT(Ids("x:[-3 TO 0]"), ElementsAre("a", "b"));
  EXPECT_THAT(Ids("x:<0"), ElementsAre("a", "f"));
  EXPECT_THAT(Ids("x:>3.25"), ElementsAre("c"));
  EXPECT_THAT(Ids("x:[3.25 TO 1000]"), ElementsAre("c", "d"));
  EXPECT_THAT(Ids("x:[-1e301 TO -1e299]"), ElementsAre("f"));
}

TEST_F(RangeTest, KeywordsCompareBytes) {
  EXPECT_THAT(Ids("source:[AP TO BBC]"), ElementsAre("b", "f"));
  EXPECT_THAT(Ids("source:{AP TO BBC]"), ElementsAre("f"));
  EXPECT_THAT(Ids("source:[R TO *]"), ElementsAre("c", "d"));  // "REUTERS" < "Reuters"
  EXPECT_THAT(Ids("source:[* TO AP}"), ElementsAre("a"));
  SearchOptions options;
  options.max_expansions = 2;
  EXPECT_THAT(searcher_->Search(Query::Range("source", std::nullopt, std::nullopt), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("range source:[* TO *] expands to more than 2 terms")));
}

TEST_F(RangeTest, FiltersCombineWithText) {
  EXPECT_THAT(Ids("+davos +date:[2026-01-01 TO 2026-01-31]"), ElementsAre("b", "d"));
  EXPECT_THAT(Ids("davos -date:[2026-01-01 TO 2026-01-31]"), ElementsAre("a", "e"));
  // As a filter clause the range adds nothing to the score.
  ASSERT_OK_AND_ASSIGN(SearchResults text, searcher_->Search(Query::Term("body", "davos")));
  Query filtered = Query::Bool({{Occur::kMust, Query::Term("body", "davos")},
                                {Occur::kFilter, Query::Range("n", "0", std::nullopt)}});
  for (bool exact : {true, false}) {
    SearchOptions options;
    options.total_hits_threshold = exact ? SearchOptions::kExactTotal : 0;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(filtered, options));
    ASSERT_EQ(r.hits.size(), 2u);  // b and d
    for (const Hit& h : r.hits) {
      for (const Hit& t : text.hits) {
        if (t.address == h.address) {
          EXPECT_EQ(h.score, t.score);
        }
      }
    }
  }
  // As a required clause it adds its constant score 1, as in Lucene.
  ASSERT_OK_AND_ASSIGN(SearchResults must, searcher_->Search("+davos +n:>=0"));
  ASSERT_EQ(must.hits.size(), 2u);
  for (const Hit& h : must.hits) {
    for (const Hit& t : text.hits) {
      if (t.address == h.address) {
        EXPECT_FLOAT_EQ(h.score, t.score + 1);
      }
    }
  }
}

TEST_F(RangeTest, ConstantScore) {
  ASSERT_OK_AND_ASSIGN(SearchResults r,
                       searcher_->Search(Query::ConstantScore(Query::Term("body", "davos"), 2.5f)));
  ASSERT_EQ(r.hits.size(), 4u);
  for (const Hit& h : r.hits) EXPECT_EQ(h.score, 2.5f);
  // Ties in document order.
  EXPECT_EQ(*r.hits[0].document.Get("id"), "a");
  ASSERT_OK_AND_ASSIGN(
      SearchResults boosted,
      searcher_->Search(Query::Boost(Query::ConstantScore(Query::Term("body", "davos")), 3)));
  EXPECT_EQ(boosted.hits[0].score, 3.0f);
  EXPECT_EQ(Query::ConstantScore(Query::Term("body", "davos"), 2).ToString(),
            "ConstantScore(body:davos)^2");
}

TEST_F(RangeTest, DeletedDocumentsDoNotMatch) {
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index_->NewWriter());
    ASSERT_OK(writer->DeleteTerm("id", "c"));
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  EXPECT_THAT(Ids("date:[2026-01-01 TO 2026-01-31]"), ElementsAre("b", "d"));
  ASSERT_OK_AND_ASSIGN(uint64_t n, searcher_->Count(Query::Range("date", "2026-01-01", std::nullopt)));
  EXPECT_EQ(n, 3u);
}

// Ranges next to text are checked only on the text's docs (two-phase);
// alone or beside other ranges they scan. Both ways against brute force, on
// random docs over several segments, with some deleted.
TEST(RangeCombinationTest, RangesBesideTextMatchBruteForce) {
  std::mt19937 rng(7);
  struct Row {
    std::string id;
    std::set<std::string> words;
    int day;  // -1: no date
    int64_t n;
  };
  std::vector<Row> rows;
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(RangeSchema()));
  WriterOptions options;
  options.memory_budget_bytes = 16 * 1024;  // several segments
  options.merge_factor = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index->NewWriter(options));
    for (int i = 0; i < 3000; ++i) {
      Row row{"r" + std::to_string(i), {}, static_cast<int>(rng() % 40) - 5,
              static_cast<int64_t>(rng() % 100)};
      std::string body;
      for (int w = 0; w < 4; ++w) {
        std::string word = "w" + std::to_string(rng() % 12);
        row.words.insert(word);
        body += word + " ";
      }
      const std::string date =
          row.day < 0 ? "" : absl::StrFormat("2026-03-%02d", row.day % 28 + 1);
      if (row.day >= 0) row.day %= 28;
      ASSERT_OK(writer->Add(Doc(row.id, body, date, std::to_string(row.n), "", "")));
      rows.push_back(std::move(row));
    }
    for (int i = 0; i < 3000; i += 11) ASSERT_OK(writer->DeleteTerm("id", rows[i].id));
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  for (int q = 0; q < 200; ++q) {
    const std::string word = "w" + std::to_string(rng() % 12);
    const int from = static_cast<int>(rng() % 28), to = from + static_cast<int>(rng() % 10);
    const int64_t n_from = static_cast<int64_t>(rng() % 100);
    const Query text = Query::Term("body", word);
    const Query dates = Query::Range("date", absl::StrFormat("2026-03-%02d", from + 1),
                                     absl::StrFormat("2026-03-%02d", std::min(to, 27) + 1));
    const Query numbers = Query::Range("n", std::to_string(n_from), std::nullopt);
    auto in_dates = [&](const Row& r) { return r.day >= from && r.day <= std::min(to, 27); };
    auto in_numbers = [&](const Row& r) { return r.n >= n_from; };
    auto has_word = [&](const Row& r) { return r.words.count(word) > 0; };
    const std::vector<std::pair<Query, std::function<bool(const Row&)>>> cases = {
        {Query::Bool({{Occur::kMust, text}, {Occur::kFilter, dates}}),
         [&](const Row& r) { return has_word(r) && in_dates(r); }},
        {Query::Bool({{Occur::kMust, text}, {Occur::kMustNot, dates}}),
         [&](const Row& r) { return has_word(r) && !in_dates(r); }},
        {Query::Bool({{Occur::kMust, text}, {Occur::kMust, dates}, {Occur::kFilter, numbers}}),
         [&](const Row& r) { return has_word(r) && in_dates(r) && in_numbers(r); }},
        {Query::Bool({{Occur::kMust, dates}, {Occur::kMust, numbers}}),
         [&](const Row& r) { return in_dates(r) && in_numbers(r); }},
        {Query::Bool({{Occur::kMust, text}, {Occur::kFilter, Query::ConstantScore(dates, 2)}}),
         [&](const Row& r) { return has_word(r) && in_dates(r); }},
    };
    for (const auto& [query, matches] : cases) {
      std::set<std::string> expected;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (i % 11 != 0 && matches(rows[i])) expected.insert(rows[i].id);
      }
      SearchOptions options;
      options.k = 4000;
      ASSERT_OK_AND_ASSIGN(SearchResults r, searcher->Search(query, options));
      std::set<std::string> got;
      for (const Hit& h : r.hits) got.insert(*h.document.Get("id"));
      EXPECT_EQ(got, expected) << query.ToString();
      ASSERT_OK_AND_ASSIGN(uint64_t count, searcher->Count(query));
      EXPECT_EQ(count, expected.size()) << query.ToString();
    }
  }
}

}  // namespace
}  // namespace trawl
