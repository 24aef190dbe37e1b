// Prefix, wildcard, regex and fuzzy queries: the matchers on their own,
// the query syntax, and searches checked against brute force over the words
// of every document.
#include "search/multi_term.h"

#include <chrono>
#include <set>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "search/regex.h"
#include "tests/testing/index_fixtures.h"
#include "tests/testing/status_matchers.h"
#include "trawl/index.h"
#include "trawl/query_parser.h"

namespace trawl {
namespace {

using ::testing::HasSubstr;
using ::trawl::testing::StatusIs;

TEST(WildcardPatternTest, MatchesCodePoints) {
  using search::WildcardPattern;
  EXPECT_TRUE(WildcardPattern("w?ld*card").Matches("wildcard"));
  EXPECT_TRUE(WildcardPattern("w?ld*card").Matches("weldxxcard"));
  EXPECT_FALSE(WildcardPattern("w?ld*card").Matches("wldcard"));
  EXPECT_TRUE(WildcardPattern("*").Matches(""));
  EXPECT_TRUE(WildcardPattern("*").Matches("anything"));
  EXPECT_FALSE(WildcardPattern("?").Matches(""));
  EXPECT_TRUE(WildcardPattern("caf?").Matches("café"));  // one code point, two bytes
  EXPECT_FALSE(WildcardPattern("caf??").Matches("café"));
  EXPECT_TRUE(WildcardPattern("a*b*c").Matches("aXbYbZc"));
  EXPECT_FALSE(WildcardPattern("a*b*c").Matches("aXbYbZ"));
  EXPECT_TRUE(WildcardPattern("a\\*b").Matches("a*b"));
  EXPECT_FALSE(WildcardPattern("a\\*b").Matches("axb"));
  EXPECT_EQ(WildcardPattern("dav?s").literal_prefix(), "dav");
  EXPECT_EQ(WildcardPattern("a\\*b*").literal_prefix(), "a*b");
  EXPECT_EQ(WildcardPattern("*x").literal_prefix(), "");
}

TEST(WildcardPatternTest, ManyStarsStayFast) {
  std::string pattern(5000, '*');
  pattern += "a";
  std::string text(200, 'b');
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(search::WildcardPattern(pattern).Matches(text));
  EXPECT_TRUE(search::WildcardPattern("*?*?*?*a").Matches(text + "a"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(EditDistanceTest, OptimalStringAlignment) {
  auto d = [](std::string_view a, std::string_view b, uint32_t max, bool transpositions = true) {
    return search::BoundedEditDistance(search::CodePoints(a), search::CodePoints(b), max,
                                       transpositions);
  };
  EXPECT_EQ(d("davos", "davos", 2), 0u);
  EXPECT_EQ(d("davos", "dvos", 2), 1u);     // deletion
  EXPECT_EQ(d("davos", "davoss", 2), 1u);   // insertion
  EXPECT_EQ(d("davos", "dabos", 2), 1u);    // substitution
  EXPECT_EQ(d("davos", "advos", 2), 1u);    // transposition
  EXPECT_EQ(d("davos", "advos", 2, false), 2u);
  EXPECT_EQ(d("café", "cafe", 2), 1u);      // code points, not bytes
  EXPECT_EQ(d("ca", "abc", 3), 3u);         // OSA: no edit of a transposed pair
  EXPECT_EQ(d("davos", "zurich", 2), std::nullopt);
  EXPECT_EQ(d("a", "abcd", 2), std::nullopt);  // length alone rules it out
  EXPECT_EQ(d("", "ab", 2), 2u);
}

TEST(MultiTermSyntaxTest, ParsesPrefixWildcardFuzzy) {
  Schema schema = Schema::Default();
  auto parse = [&](std::string_view text) {
    auto q = ParseQuery(text, schema, {.default_fields = {"body"}});
    return q.ok() ? q->ToString() : std::string(q.status().message());
  };
  EXPECT_EQ(parse("Pre*"), "body:pre*");
  EXPECT_EQ(parse("w?ld*card"), "body:w?ld*card");
  EXPECT_EQ(parse("**********a"), "body:**********a");
  EXPECT_EQ(parse("word~"), "body:word~2");
  EXPECT_EQ(parse("Word~1"), "body:word~1");
  EXPECT_EQ(parse("word~1^2"), "(body:word~1)^2");
  EXPECT_EQ(parse("title:Davo*"), "(title:davo*)^2");
  EXPECT_EQ(parse("source:REU*"), "source:REU*");  // keyword: as typed
  EXPECT_EQ(parse("a\\*"), "body:a");               // escaped: a plain word
  EXPECT_EQ(parse("*:*"), "*:*");
  EXPECT_THAT(parse("date:2026*"), HasSubstr("need a text or keyword field"));
}

TEST(MultiTermSyntaxTest, FuzzySimilarityBecomesEditsAsInLucene) {
  Schema schema = Schema::Default();
  auto parse = [&](std::string_view text) {
    auto q = ParseQuery(text, schema, {.default_fields = {"body"}});
    return q.ok() ? q->ToString() : std::string(q.status().message());
  };
  // Lucene's FuzzyQuery.floatToEdits: floor((1 - s) * code points), at most
  // 2, with s a float: (1 - 0.8f) * 5 is 0.99999994.
  EXPECT_EQ(parse("davos~0.8"), "body:davos~0");
  EXPECT_EQ(parse("davoss~0.8"), "body:davoss~1");
  EXPECT_EQ(parse("Zelensky~0.5"), "body:zelensky~2");  // 4, capped
  EXPECT_EQ(parse("ab~0.1"), "body:ab~1");
  EXPECT_EQ(parse("a~.5"), "body:a~0");
  EXPECT_EQ(parse("café~0.5"), "body:café~2");  // 4 code points, 5 bytes
  EXPECT_EQ(parse("caf~0.5"), "body:caf~1");
  EXPECT_EQ(parse("davos~0.0"), "body:davos~0");  // 0 is exact, as in Lucene
  EXPECT_EQ(parse("davos~1.0"), "body:davos~1");
  EXPECT_EQ(parse("davos~2.0"), "body:davos~2");
  EXPECT_EQ(parse("davos~0.8^3"), "(body:davos~0)^3");
  for (std::string_view bad : {"davos~1.5", "davos~2.5", "davos~3", "davos~10.0", "davos~0.8.1",
                               "davos~."}) {
    EXPECT_THAT(ParseQuery(bad, schema),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("position 6: expected 0, 1 or 2 edits, or a similarity "
                                   "between 0 and 1, after '~'")))
        << bad;
  }
}

TEST(TermRegexTest, MatchesWholeTerms) {
  auto matches = [](std::string_view pattern, std::string_view term) {
    auto re = search::TermRegex::Compile(pattern);
    EXPECT_TRUE(re.ok()) << re.status();
    return re.ok() && re->Matches(term);
  };
  EXPECT_TRUE(matches("dav[aeiou]s", "davos"));
  EXPECT_FALSE(matches("dav[aeiou]s", "davoss"));  // anchored at both ends
  EXPECT_FALSE(matches("dav[aeiou]s", "xdavos"));
  EXPECT_TRUE(matches("w1\\d*", "w1"));
  EXPECT_TRUE(matches("caf.", "café"));  // one code point, two bytes
  EXPECT_FALSE(matches("caf..", "café"));
  EXPECT_TRUE(matches("a.b", "a\nb"));  // `.` matches a newline inside a term
  EXPECT_FALSE(matches("davos", "Davos"));
  EXPECT_TRUE(matches("(?i)davos", "DaVoS"));
  EXPECT_TRUE(matches("a\\/b", "a/b"));
  EXPECT_TRUE(matches("", ""));
}

TEST(TermRegexTest, BoundsHoldEveryMatch) {
  std::vector<std::string> terms;
  for (int i = 0; i < 500; ++i) terms.push_back("w" + std::to_string(i));
  for (std::string t : {"a", "ab", "abc", "abd", "b", "ba", "café", "cafe", "caff", "z", ""}) {
    terms.push_back(t);
  }
  for (std::string pattern : {"w1[0-9]", "w1.*", "w[2-4]5", "ab?", "a+b*", "(ab|b)a?", "caf.",
                              "(?i)W4.", ".*5", "w\\d{2}", "[^w].*", "", "(w1|w2)0+"}) {
    ASSERT_OK_AND_ASSIGN(search::TermRegex re, search::TermRegex::Compile(pattern));
    for (const std::string& t : terms) {
      if (!re.Matches(t)) continue;
      EXPECT_LE(re.min(), t) << pattern;
      if (re.max()) {
        EXPECT_LE(t, *re.max()) << pattern;
      }
    }
  }
  // A literal start narrows the walk to the terms that share it.
  ASSERT_OK_AND_ASSIGN(search::TermRegex re, search::TermRegex::Compile("w1[0-9]"));
  EXPECT_EQ(re.min(), "w10");
  EXPECT_EQ(re.max(), "w19");
}

TEST(TermRegexTest, BadPatternsFailWithRe2sMessage) {
  EXPECT_THAT(search::TermRegex::Compile("a(b"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid regular expression /a(b/: missing ): a(b")));
  EXPECT_THAT(search::TermRegex::Compile("a**"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad repetition operator")));
  EXPECT_THAT(search::TermRegex::Compile("x{2000}"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("invalid repetition size")));
  EXPECT_THAT(search::TermRegex::Compile("\\"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("trailing \\")));
  EXPECT_THAT(search::TermRegex::Compile(std::string(2000, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than 1024 bytes")));
}

TEST(MultiTermSyntaxTest, ParsesRegex) {
  Schema schema = Schema::Default();
  auto parse = [&](std::string_view text) {
    auto q = ParseQuery(text, schema, {.default_fields = {"body"}});
    return q.ok() ? q->ToString() : std::string(q.status().message());
  };
  EXPECT_EQ(parse("/dav[aeiou]s/"), "body:/dav[aeiou]s/");
  // Letters match either case on a case-folding field, rather than folding
  // the pattern, which would turn \D into \d.
  EXPECT_EQ(parse("/Dav.s/"), "body:/(?i)Dav.s/");
  EXPECT_EQ(parse("/\\D+/"), "body:/(?i)\\D+/");
  EXPECT_EQ(parse("source:/REU.*/"), "source:/REU.*/");  // keyword: as typed
  EXPECT_EQ(parse("title:/davos/^2"), "((title:/davos/)^2)^2");
  EXPECT_EQ(parse("/a\\/b/"), "body:/a\\/b/");  // an escaped slash does not close it
  EXPECT_EQ(parse("/a b/"), "body:/a b/");
  EXPECT_EQ(parse("+/w1.*/ -w2"), "+body:/w1.*/ -body:w2");
  EXPECT_EQ(parse("(/w1/ OR /w2/)"), "body:/w1/ body:/w2/");
  EXPECT_EQ(parse("and/or"), "body:\"and or\"");  // a slash inside a word is no regex
  ASSERT_OK_AND_ASSIGN(Query both, ParseQuery("/davos/", schema));  // title and body
  EXPECT_EQ(both.ToString(), "(title:/davos/)^2 body:/davos/");
  EXPECT_THAT(parse("date:/2026.*/"), HasSubstr("need a text or keyword field"));
}

TEST(MultiTermSyntaxTest, BadRegexIsASyntaxErrorAtItsPosition) {
  Schema schema = Schema::Default();
  EXPECT_THAT(ParseQuery("davos body:/a(b/", schema),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("position 11: invalid regular expression /a(b/: missing ): a(b")));
  EXPECT_THAT(ParseQuery("x /a**/", schema),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("position 2: invalid regular expression /a**/: bad repetition")));
  EXPECT_THAT(ParseQuery("x /abc", schema),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("position 2: regular expression is never closed (expected '/')")));
  EXPECT_THAT(ParseQuery("/abc\\/", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("never closed")));
  EXPECT_THAT(ParseQuery("/", schema),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("never closed")));
  EXPECT_THAT(ParseQuery("/" + std::string(2000, 'a') + "/", schema),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("position 0: regular expression longer than 1024 bytes")));
}

class MultiTermSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    docs_ = testing::RandomDocs(3000, 400, 5);
    // Words that differ by an edit or two, for fuzzy queries.
    docs_.push_back(testing::MakeDoc("x0", "world economic forum"));
    docs_.push_back(testing::MakeDoc("x1", "the wrold is round"));
    docs_.push_back(testing::MakeDoc("x2", "words words words"));
    docs_.push_back(testing::MakeDoc("x3", "wold and weld"));
    ASSERT_OK_AND_ASSIGN(index_, Index::InMemory(Schema::Default()));
    WriterOptions options;
    options.memory_budget_bytes = 128 * 1024;  // several segments
    testing::AddAndCommit(*index_, docs_, options);
    ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  }

  // The ids of documents having a body word for which `match` holds.
  std::set<std::string> Expected(const std::function<bool(const std::string&)>& match) const {
    std::set<std::string> ids;
    for (const Document& d : docs_) {
      std::istringstream words(*d.Get("body"));
      for (std::string w; words >> w;) {
        if (match(w)) ids.insert(*d.Get("id"));
      }
    }
    return ids;
  }

  std::set<std::string> Found(const Query& q, SearchOptions options = {}) const {
    options.k = 100000;
    auto results = searcher_->Search(q, options);
    EXPECT_TRUE(results.ok()) << results.status();
    std::set<std::string> ids;
    if (!results.ok()) return ids;
    for (const Hit& h : results->hits) ids.insert(*h.document.Get("id"));
    EXPECT_EQ(results->hits.size(), ids.size());
    return ids;
  }

  std::vector<Document> docs_;
  std::unique_ptr<Index> index_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(MultiTermSearchTest, PrefixMatchesBruteForceWithConstantScore) {
  for (std::string prefix : {"w1", "w39", "w7", "wor", "zz"}) {
    auto want = Expected([&](const std::string& w) { return w.rfind(prefix, 0) == 0; });
    EXPECT_EQ(Found(Query::Prefix("body", prefix)), want) << prefix;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(Query::Prefix("body", prefix)));
    for (const Hit& h : r.hits) EXPECT_EQ(h.score, 1.0f);
    ASSERT_OK_AND_ASSIGN(uint64_t count, searcher_->Count(Query::Prefix("body", prefix)));
    EXPECT_EQ(count, want.size());
  }
}

// A prefix's docs are a bit set built ahead: its exact total is counted
// from the bit set (less deleted docs) while the top k stop early; they
// are the first k matches in doc order, every one scoring 1.
TEST_F(MultiTermSearchTest, PrefixTotalsAreExactWithDeletes) {
  {
    ASSERT_OK_AND_ASSIGN(auto writer, index_->NewWriter());
    for (size_t i = 0; i < docs_.size(); i += 5) {
      ASSERT_OK(writer->DeleteTerm("id", *docs_[i].Get("id")));
    }
    ASSERT_OK(writer->Commit());
  }
  ASSERT_OK_AND_ASSIGN(searcher_, index_->NewSearcher());
  for (std::string prefix : {"w1", "w39", "wor"}) {
    std::set<std::string> want;
    for (size_t i = 0; i < docs_.size(); ++i) {
      std::istringstream words(*docs_[i].Get("body"));
      for (std::string w; words >> w;) {
        if (i % 5 != 0 && w.rfind(prefix, 0) == 0) want.insert(*docs_[i].Get("id"));
      }
    }
    SearchOptions options;
    options.k = 7;
    options.total_hits_threshold = SearchOptions::kExactTotal;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(Query::Prefix("body", prefix), options));
    EXPECT_EQ(r.total_hits, want.size()) << prefix;
    EXPECT_TRUE(r.total_is_exact);
    SearchOptions every;
    every.k = 100000;
    ASSERT_OK_AND_ASSIGN(SearchResults all, searcher_->Search(Query::Prefix("body", prefix), every));
    ASSERT_EQ(all.hits.size(), want.size());
    ASSERT_EQ(r.hits.size(), std::min<size_t>(7, want.size()));
    for (size_t i = 0; i < r.hits.size(); ++i) {
      EXPECT_EQ(r.hits[i].address, all.hits[i].address) << prefix;
      EXPECT_EQ(r.hits[i].score, 1.0f);
    }
    ASSERT_OK_AND_ASSIGN(uint64_t count, searcher_->Count(Query::Prefix("body", prefix)));
    EXPECT_EQ(count, want.size());
  }
}

TEST_F(MultiTermSearchTest, WildcardMatchesBruteForce) {
  for (std::string pattern : {"w?", "w1?", "w*9", "*3*", "w?0*", "wor?d*", "w**1"}) {
    search::WildcardPattern p(pattern);
    auto want = Expected([&](const std::string& w) { return p.Matches(w); });
    EXPECT_EQ(Found(Query::Wildcard("body", pattern)), want) << pattern;
  }
}

TEST_F(MultiTermSearchTest, RegexMatchesBruteForceWithConstantScore) {
  for (std::string pattern : {"w1[0-9]", "w3.*", "w[2-4]5", ".*7", "wor?ld|wold", "w(1|2)0+",
                              "(?i)W39.", "[^w].*", "w\\d{3}", "zz.*"}) {
    ASSERT_OK_AND_ASSIGN(search::TermRegex re, search::TermRegex::Compile(pattern));
    auto want = Expected([&](const std::string& w) { return re.Matches(w); });
    EXPECT_EQ(Found(Query::Regex("body", pattern)), want) << pattern;
    ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search(Query::Regex("body", pattern)));
    for (const Hit& h : r.hits) EXPECT_EQ(h.score, 1.0f) << pattern;
  }
  // The parser's syntax reaches the same query.
  ASSERT_OK_AND_ASSIGN(Query q, ParseQuery("body:/w1[0-9]/", searcher_->schema()));
  ASSERT_OK_AND_ASSIGN(uint64_t parsed, searcher_->Count(q));
  EXPECT_EQ(parsed, Found(Query::Regex("body", "w1[0-9]")).size());
}

TEST_F(MultiTermSearchTest, RegexErrorsAndLimits) {
  SearchOptions options;
  options.max_expansions = 100;
  EXPECT_THAT(searcher_->Search(Query::Regex("body", "w.*"), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("regular expression /w.*/ in field \"body\" expands to more "
                                 "than 100 terms; narrow it or raise "
                                 "SearchOptions::max_expansions")));
  EXPECT_THAT(searcher_->Search(Query::Regex("body", "w(1")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid regular expression /w(1/: missing )")));
  EXPECT_THAT(searcher_->Search(Query::Regex("body", std::string(2000, 'a'))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than 1024 bytes")));
  EXPECT_THAT(searcher_->Search(Query::Regex("nope", "a")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown field")));
  // RE2 matches in time linear in the term: patterns that backtracking
  // engines take exponential time on are cheap.
  auto start = std::chrono::steady_clock::now();
  EXPECT_OK(searcher_->Search(Query::Regex("body", "(w*)*w*(1+1+)+x"), options));
  EXPECT_OK(searcher_->Search(Query::Regex("body", "(.*.*.*.*.*.*.*.*.*)*z"), options));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(MultiTermSearchTest, FuzzyFindsNearWordsAndRanksExactFirst) {
  auto want = Expected([](const std::string& w) {
    return search::BoundedEditDistance(search::CodePoints("world"), search::CodePoints(w), 1,
                                       true).has_value();
  });
  EXPECT_EQ(want, (std::set<std::string>{"x0", "x1", "x3"}));  // world, wrold, wold
  EXPECT_EQ(Found(Query::Fuzzy("body", "world", 1)), want);
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher_->Search("world~1"));
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(*r.hits[0].document.Get("id"), "x0");  // the exact word scores boost 1
  // Without transpositions "wrold" is two edits away.
  EXPECT_EQ(Found(Query::Fuzzy("body", "world", 1, 0, false)), (std::set<std::string>{"x0", "x3"}));
  // A shared prefix of 2 code points rules out "wrold", of 3 "wold" too.
  EXPECT_EQ(Found(Query::Fuzzy("body", "world", 1, 2)), (std::set<std::string>{"x0", "x3"}));
  EXPECT_EQ(Found(Query::Fuzzy("body", "world", 1, 3)), (std::set<std::string>{"x0"}));
}

TEST_F(MultiTermSearchTest, FuzzyScoresAreBlendedBm25TimesSimilarity) {
  ASSERT_OK_AND_ASSIGN(SearchResults fuzzy, searcher_->Search(Query::Fuzzy("body", "weld", 1)));
  // Matches: "weld" (0 edits, boost 1) and "wold" (1 edit, boost 1 - 1/4),
  // both in x3 only, so the blended df is 1 and x3 scores 1.75 BM25(weld).
  ASSERT_EQ(fuzzy.hits.size(), 1u);
  ASSERT_OK_AND_ASSIGN(SearchResults term, searcher_->Search(Query::Term("body", "weld")));
  ASSERT_EQ(term.hits.size(), 1u);
  EXPECT_NEAR(fuzzy.hits[0].score, 1.75f * term.hits[0].score, 1e-5);
}

TEST_F(MultiTermSearchTest, ExpansionLimitFailsClearly) {
  SearchOptions options;
  options.max_expansions = 100;
  EXPECT_THAT(searcher_->Search(Query::Prefix("body", "w"), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("prefix 'w' in field \"body\" expands to more than 100 terms")));
  EXPECT_THAT(searcher_->Search(Query::Wildcard("body", "*"), options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("more than 100 terms")));
  EXPECT_OK(searcher_->Search(Query::Prefix("body", "w")));  // 404 terms < 1024
  EXPECT_THAT(searcher_->Search(Query::Fuzzy("body", "word", 3)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at most 2")));
  EXPECT_THAT(searcher_->Search(Query::Wildcard("body", std::string(2000, '?'))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than")));
}

TEST_F(MultiTermSearchTest, HostilePatternsAreBounded) {
  SearchOptions options;
  options.max_expansions = 50;
  auto start = std::chrono::steady_clock::now();
  EXPECT_THAT(searcher_->Search("*", options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expands to more than 50")));
  EXPECT_OK(searcher_->Search("**********a", options));
  EXPECT_OK(searcher_->Search("?????????????????????*", options));
  EXPECT_OK(searcher_->Search("a~2 b~2 c~2", options));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(MultiTermSearchTest, PrunedEqualsExhaustive) {
  for (std::string text :
       {"w1* w2", "+w3* w10", "world~ w5", "w?1 w1~1", "+w1 -w2*", "/w1[0-9]/ w5", "world~0.6"}) {
    ASSERT_OK_AND_ASSIGN(Query q, ParseQuery(text, searcher_->schema()));
    SearchOptions exact;
    exact.k = 20;
    exact.total_hits_threshold = SearchOptions::kExactTotal;
    SearchOptions pruned = exact;
    pruned.total_hits_threshold = 0;
    ASSERT_OK_AND_ASSIGN(SearchResults a, searcher_->Search(q, exact));
    ASSERT_OK_AND_ASSIGN(SearchResults b, searcher_->Search(q, pruned));
    ASSERT_EQ(a.hits.size(), b.hits.size()) << text;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].address, b.hits[i].address) << text << " rank " << i;
      EXPECT_FLOAT_EQ(a.hits[i].score, b.hits[i].score) << text << " rank " << i;
    }
  }
}

TEST(MultiTermSnippetTest, HighlightsExpandedTerms) {
  ASSERT_OK_AND_ASSIGN(auto index, Index::InMemory(Schema::Default()));
  testing::AddAndCommit(*index, {testing::MakeDoc("a", "The World Economic Forum in Davos")});
  ASSERT_OK_AND_ASSIGN(auto searcher, index->NewSearcher());
  SearchOptions options;
  options.snippet_fields = {"body"};
  ASSERT_OK_AND_ASSIGN(SearchResults r, searcher->Search("wor* davso~1 econ?mic -forum*", options));
  EXPECT_EQ(r.hits.size(), 0u);  // forum* excludes it
  ASSERT_OK_AND_ASSIGN(r, searcher->Search("wor* davso~1 econ?mic", options));
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].snippets.size(), 1u);
  EXPECT_EQ(r.hits[0].snippets[0].Marked(), "The [World] [Economic] Forum in [Davos]");
  ASSERT_OK_AND_ASSIGN(r, searcher->Search("/f.r[aeiou]m/ body:/dav[aeiou]s/", options));
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].snippets.size(), 1u);
  EXPECT_EQ(r.hits[0].snippets[0].Marked(), "The World Economic [Forum] in [Davos]");
}

}  // namespace
}  // namespace trawl
