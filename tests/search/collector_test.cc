// Sorting by a fast field, deep paging with search_after, and facets, each
// checked against brute force over the documents.
#include <algorithm>
#include <map>
#include <random>
#include <set>

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

Schema CollectorSchema() {
  Schema schema = Schema::Default();  // id, title, body, date, source
  EXPECT_OK(schema.AddField({.name = "price", .type = FieldType::kF64}));
  EXPECT_OK(schema.AddField({.name = "tag", .type = FieldType::kKeyword}));
  return schema;
}

// Random docs with dates over 2025-2026 (some missing, some sharing a day),
// sources from a small set (some missing), prices, and 0-2 tags each.
std::vector<Document> Docs(size_t n) {
  std::vector<Document> docs = testing::RandomDocs(n, 50, 3);
  std::mt19937 rng(11);
  const char* sources[] = {"AFP", "AP", "REUTERS", "BBC", "DPA"};
  for (size_t i = 0; i < docs.size(); ++i) {
    Document& d = docs[i];
    if (rng() % 10 != 0) {
      char date[32];
      snprintf(date, sizeof(date), "%04u-%02u-%02uT%02u:00:00",
               static_cast<unsigned>(2025 + rng() % 2), static_cast<unsigned>(1 + rng() % 12),
               static_cast<unsigned>(1 + rng() % 28), static_cast<unsigned>(rng() % 24));
      d.Add("date", date);
    }
    if (rng() % 8 != 0) d.Add("source", sources[std::min<size_t>(rng() % 7, 4)]);
    if (rng() % 5 != 0) d.Add("price", std::to_string(static_cast<int>(rng() % 2000) - 1000) + ".5");
    for (size_t t = rng() % 3; t > 0; --t) d.Add("tag", "t" + std::to_string(rng() % 4));
  }
  return docs;
}

class CollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    docs_ = Docs(3000);
    ASSERT_OK_AND_ASSIGN(index_, Index::InMemory(CollectorSchema()));
    WriterOptions options;
    options.memory_budget_bytes = 128 * 1024;  // several segments
    testing::AddAndCommit(*index_, docs_, options);
    ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  }

  const Document& DocOf(const Hit& hit) const {
    return docs_[std::stoul(hit.document.Get("id")->substr(1))];
  }
  std::vector<const Document*> Matching(const std::string& word) const {
    std::vector<const Document*> out;
    for (const Document& d : docs_) {
      std::string body = " " + *d.Get("body");
      if (body.find(" " + word + " ") != std::string::npos) out.push_back(&d);
    }
    return out;
  }

  std::vector<Document> docs_;
  std::unique_ptr<Index> index_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(CollectorTest, SortsByDateWithMissingLast) {
  for (bool descending : {false, true}) {
    SearchOptions options;
    options.k = 5000;
    options.sort_by = "date";
    options.sort_descending = descending;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search("w3", options));
    EXPECT_EQ(r.hits.size(), Matching("w3").size());
    EXPECT_TRUE(r.total_is_exact);
    for (size_t i = 1; i < r.hits.size(); ++i) {
      const Hit& a = r.hits[i - 1];
      const Hit& b = r.hits[i];
      ASSERT_TRUE(a.sort_value.has_value() || !b.sort_value.has_value()) << "missing not last";
      if (a.sort_value && b.sort_value && *a.sort_value != *b.sort_value) {
        EXPECT_EQ(*a.sort_value > *b.sort_value, descending);
      } else if (a.sort_value == b.sort_value) {
        EXPECT_TRUE(a.address.segment < b.address.segment ||
                    (a.address.segment == b.address.segment && a.address.doc < b.address.doc));
      }
      // The value is the document's date.
      const std::string* date = DocOf(b).Get("date");
      EXPECT_EQ(date != nullptr, b.sort_value.has_value());
    }
  }
}

TEST_F(CollectorTest, SortsByDouble) {
  SearchOptions options;
  options.k = 3;
  options.sort_by = "price";
  options.sort_descending = true;
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search("w1", options));
  double best = -1e9;
  for (const Document* d : Matching("w1")) {
    if (const std::string* p = d->Get("price")) best = std::max(best, std::stod(*p));
  }
  ASSERT_FALSE(r.hits.empty());
  ASSERT_TRUE(r.hits[0].sort_value.has_value());
  EXPECT_EQ(SortValueToDouble(*r.hits[0].sort_value), best);
  EXPECT_EQ(std::stod(*r.hits[0].document.Get("price")), best);
}

TEST_F(CollectorTest, SortByNeedsAFastField) {
  SearchOptions options;
  options.sort_by = "source";
  EXPECT_THAT(searcher_->Search("w1", options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sort_by needs a date")));
  options.sort_by = "nope";
  EXPECT_THAT(searcher_->Search("w1", options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"nope\"")));
}

// Pages of `page` hits chained by search_after equal one search of all.
void ExpectPagesEqualOneSearch(const Searcher& searcher, const Query& q, SearchOptions options,
                               size_t page) {
  SearchOptions all = options;
  all.k = 100000;
  auto whole = searcher.Search(q, all);
  ASSERT_TRUE(whole.ok()) << whole.status();
  std::vector<Hit> paged;
  options.k = page;
  while (true) {
    auto r = searcher.Search(q, options);
    ASSERT_TRUE(r.ok()) << r.status();
    if (r->hits.empty()) break;
    ASSERT_LE(r->hits.size(), page);
    options.search_after = r->hits.back().cursor();
    for (Hit& h : r->hits) paged.push_back(std::move(h));
    ASSERT_LE(paged.size(), whole->hits.size());
  }
  ASSERT_EQ(paged.size(), whole->hits.size());
  for (size_t i = 0; i < paged.size(); ++i) {
    ASSERT_EQ(paged[i].address, whole->hits[i].address) << "rank " << i;
    ASSERT_EQ(paged[i].score, whole->hits[i].score);
    ASSERT_EQ(paged[i].sort_value, whole->hits[i].sort_value);
  }
}

TEST_F(CollectorTest, SearchAfterPagesThroughEverything) {
  ASSERT_OK_AND_ASSIGN(Query q, ParseQuery("w1 w2 w7", searcher_->schema()));
  SearchOptions by_score;
  by_score.load_documents = false;
  ExpectPagesEqualOneSearch(*searcher_, q, by_score, 37);
  SearchOptions pruned = by_score;
  pruned.total_hits_threshold = 0;
  ExpectPagesEqualOneSearch(*searcher_, q, pruned, 50);
  SearchOptions by_date = by_score;
  by_date.sort_by = "date";
  ExpectPagesEqualOneSearch(*searcher_, q, by_date, 41);
  by_date.sort_descending = true;
  ExpectPagesEqualOneSearch(*searcher_, q, by_date, 100);
  // Constant scores: every tie broken by address.
  ExpectPagesEqualOneSearch(*searcher_, Query::Prefix("body", "w1"), by_score, 64);
}

// Lucene's totalHitsThreshold: exact below it, a lower bound at or past it,
// and the same hits either way.
TEST_F(CollectorTest, TotalHitsThresholdBoundsTheCount) {
  const std::string text = "w1 w2 w7";
  ASSERT_OK_AND_ASSIGN(Query q, ParseQuery(text, searcher_->schema()));
  SearchOptions exact;
  exact.load_documents = false;
  exact.total_hits_threshold = SearchOptions::kExactTotal;
  ASSERT_OK_AND_ASSIGN(SearchResults all, searcher_->Search(q, exact));
  ASSERT_TRUE(all.total_is_exact);
  ASSERT_OK_AND_ASSIGN(uint64_t count, searcher_->Count(q));
  ASSERT_EQ(all.total_hits, count);
  ASSERT_GT(count, 100u);
  SearchOptions none = exact;
  none.k = 0;  // counts without collecting; past the threshold it prunes everything
  none.total_hits_threshold = 100;
  ASSERT_OK_AND_ASSIGN(SearchResults counted, searcher_->Search(q, none));
  EXPECT_TRUE(counted.hits.empty());
  EXPECT_FALSE(counted.total_is_exact);
  EXPECT_GE(counted.total_hits, 100u);
  for (uint64_t threshold : {uint64_t{0}, uint64_t{1}, uint64_t{100}, count, count + 1}) {
    SearchOptions options = exact;
    options.total_hits_threshold = threshold;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(q, options));
    EXPECT_EQ(r.total_is_exact, threshold > count) << threshold;
    if (r.total_is_exact) {
      EXPECT_EQ(r.total_hits, count);
    }
    EXPECT_GE(r.total_hits, std::min(threshold, count)) << threshold;
    EXPECT_LE(r.total_hits, count) << threshold;
    ASSERT_EQ(r.hits.size(), all.hits.size()) << threshold;
    for (size_t i = 0; i < r.hits.size(); ++i) {
      EXPECT_EQ(r.hits[i].address, all.hits[i].address) << threshold << " hit " << i;
    }
  }
}

// Lucene's Weight.count: where a segment's count is known without
// iterating it (a term without deletions, `+a b`, a clause matching nothing
// or every doc), the total is exact even when the top k are pruned.
TEST_F(CollectorTest, KnownCountsStayExactWhilePruning) {
  const std::vector<const Document*> w3_docs = Matching("w3");
  const uint64_t w3 = w3_docs.size();
  std::set<const Document*> w3_or_w4(w3_docs.begin(), w3_docs.end());
  for (const Document* d : Matching("w4")) w3_or_w4.insert(d);
  struct Case {
    Query query;
    std::optional<uint64_t> known;  // the brute-force count when known up front
  };
  auto term = [](const char* word) { return Query::Term("body", word); };
  std::vector<Case> cases;
  cases.push_back({term("w3"), w3});
  cases.push_back({Query::Bool({{Occur::kMust, term("w3")}, {Occur::kShould, term("w4")}}), w3});
  cases.push_back({Query::Bool({{Occur::kShould, term("w3")}, {Occur::kShould, term("nowhere")}}), w3});
  cases.push_back({Query::Bool({{Occur::kMust, term("w3")}, {Occur::kMust, term("nowhere")}}), 0});
  cases.push_back({Query::Bool({{Occur::kMust, term("w3")}, {Occur::kFilter, Query::All()}}), w3});
  cases.push_back({Query::Bool({{Occur::kShould, term("w3")}, {Occur::kShould, Query::All()}}),
                   docs_.size()});
  cases.push_back({Query::Bool({{Occur::kMust, term("w3")}, {Occur::kMustNot, Query::All()}}), 0});
  // Not known: two clauses that both match.
  cases.push_back({Query::Bool({{Occur::kShould, term("w3")}, {Occur::kShould, term("w4")}}), {}});
  cases.push_back({Query::Bool({{Occur::kMust, term("w3")}, {Occur::kMustNot, term("w4")}}), {}});
  for (const Case& c : cases) {
    SearchOptions exact;
    exact.load_documents = false;
    exact.total_hits_threshold = SearchOptions::kExactTotal;
    SearchOptions pruned = exact;
    pruned.total_hits_threshold = 0;
    ASSERT_OK_AND_ASSIGN(SearchResults all, searcher_->Search(c.query, exact));
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(c.query, pruned));
    ASSERT_OK_AND_ASSIGN(uint64_t count, searcher_->Count(c.query));
    const std::string what = c.query.ToString();
    EXPECT_EQ(all.total_hits, count) << what;
    EXPECT_EQ(r.total_is_exact, c.known.has_value()) << what;
    if (c.known) {
      EXPECT_EQ(count, *c.known) << what;
      EXPECT_EQ(r.total_hits, *c.known) << what;
    }
    ASSERT_EQ(r.hits.size(), all.hits.size()) << what;
    for (size_t i = 0; i < r.hits.size(); ++i) {
      EXPECT_EQ(r.hits[i].address, all.hits[i].address) << what << " hit " << i;
    }
  }
  ASSERT_OK_AND_ASSIGN(uint64_t either, searcher_->Count(cases[7].query));
  EXPECT_EQ(either, w3_or_w4.size());
  // A deleted doc makes its segment's count unknown again.
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index_->NewWriter(testing::InOrder()));
    ASSERT_OK(writer->DeleteTerm("id", *w3_docs.front()->Get("id")));
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto after, index_->NewSearcher());
  SearchOptions pruned;
  pruned.total_hits_threshold = 0;
  ASSERT_OK_AND_ASSIGN(SearchResults r, after->Search(cases[0].query, pruned));
  EXPECT_FALSE(r.total_is_exact);
  ASSERT_OK_AND_ASSIGN(uint64_t count, after->Count(cases[0].query));
  EXPECT_EQ(count, w3 - 1);
}

TEST_F(CollectorTest, TermFacetsCountEveryMatch) {
  SearchOptions options;
  options.k = 1;
  options.total_hits_threshold = 0;  // facets need every match anyway
  options.facets = {{.field = "source", .size = 3}, {.field = "tag", .size = 10}};
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search("w4", options));
  auto matching = Matching("w4");
  EXPECT_EQ(r.total_hits, matching.size());
  EXPECT_TRUE(r.total_is_exact);
  std::map<std::string, uint64_t> sources, tags;
  uint64_t no_source = 0, no_tag = 0;
  for (const Document* d : matching) {
    if (const std::string* s = d->Get("source")) ++sources[*s]; else ++no_source;
    auto all = d->GetAll("tag");
    std::set<std::string> distinct(all.begin(), all.end());  // a doc counts once per value
    for (const std::string& t : distinct) ++tags[t];
    no_tag += all.empty();
  }
  std::vector<FacetBucket> want;
  for (auto& [k, v] : sources) want.push_back({k, v});
  std::sort(want.begin(), want.end(), [](const FacetBucket& a, const FacetBucket& b) {
    return a.count != b.count ? a.count > b.count : a.label < b.label;
  });
  uint64_t other = 0;
  for (size_t i = 3; i < want.size(); ++i) other += want[i].count;
  want.resize(3);
  ASSERT_EQ(r.facets.size(), 2u);
  EXPECT_EQ(r.facets[0].field, "source");
  EXPECT_EQ(r.facets[0].buckets, want);
  EXPECT_EQ(r.facets[0].other, other);
  EXPECT_EQ(r.facets[0].missing, no_source);
  uint64_t tag_total = 0;
  for (const FacetBucket& b : r.facets[1].buckets) {
    EXPECT_EQ(b.count, tags[b.label]) << b.label;  // multi-valued: each value counts
    tag_total += b.count;
  }
  EXPECT_EQ(r.facets[1].buckets.size(), tags.size());
  EXPECT_EQ(r.facets[1].missing, no_tag);
  EXPECT_GT(tag_total, 0u);
}

TEST_F(CollectorTest, DateHistogramAndRanges) {
  SearchOptions options;
  options.facets = {
      {.field = "date", .kind = FacetKind::kDateHistogram, .interval = DateInterval::kMonth},
      {.field = "date", .kind = FacetKind::kDateHistogram, .interval = DateInterval::kYear},
      {.field = "date", .kind = FacetKind::kDateHistogram, .interval = DateInterval::kDay},
      {.field = "price",
       .kind = FacetKind::kRanges,
       .ranges = {{.label = "cheap", .from = std::nullopt, .to = "0"},
                  {.label = "", .from = "0", .to = "500"},
                  {.label = "", .from = "500", .to = std::nullopt}}},
      {.field = "date",
       .kind = FacetKind::kRanges,
       .ranges = {{.label = "jan 2026", .from = "2026-01-01", .to = "2026-02-01"}}},
  };
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search("w0", options));
  std::map<std::string, uint64_t> months, years, days;
  uint64_t no_date = 0, no_price = 0, cheap = 0, mid = 0, dear = 0, jan = 0;
  for (const Document* d : Matching("w0")) {
    if (const std::string* date = d->Get("date")) {
      ++days[date->substr(0, 10)];
      ++months[date->substr(0, 7)];
      ++years[date->substr(0, 4)];
      jan += date->substr(0, 7) == "2026-01";
    } else {
      ++no_date;
    }
    if (const std::string* p = d->Get("price")) {
      double v = std::stod(*p);
      (v < 0 ? cheap : v < 500 ? mid : dear)++;
    } else {
      ++no_price;
    }
  }
  auto buckets = [](const std::map<std::string, uint64_t>& m) {
    std::vector<FacetBucket> out;
    for (auto& [k, v] : m) out.push_back({k, v});
    return out;
  };
  ASSERT_EQ(r.facets.size(), 5u);
  EXPECT_EQ(r.facets[0].buckets, buckets(months));
  EXPECT_EQ(r.facets[1].buckets, buckets(years));
  EXPECT_EQ(r.facets[2].buckets, buckets(days));
  EXPECT_EQ(r.facets[0].missing, no_date);
  EXPECT_THAT(r.facets[3].buckets,
              ElementsAre(FacetBucket{"cheap", cheap}, FacetBucket{"0..500", mid},
                          FacetBucket{"500..*", dear}));
  EXPECT_EQ(r.facets[3].missing, no_price);
  EXPECT_THAT(r.facets[4].buckets, ElementsAre(FacetBucket{"jan 2026", jan}));
}

TEST_F(CollectorTest, FacetRequestsAreChecked) {
  auto fails = [&](FacetRequest request, std::string_view message) {
    SearchOptions options;
    options.facets = {std::move(request)};
    EXPECT_THAT(searcher_->Search("w0", options),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(std::string(message))));
  };
  fails({.field = "nope"}, "unknown field \"nope\"");
  fails({.field = "body"}, "terms facets need a keyword field");
  fails({.field = "source", .kind = FacetKind::kDateHistogram}, "need a date field");
  fails({.field = "price", .kind = FacetKind::kRanges}, "needs ranges");
  fails({.field = "price", .kind = FacetKind::kRanges, .ranges = {{.from = "cheap"}}},
        "not a number");
}

}  // namespace
}  // namespace trawl
