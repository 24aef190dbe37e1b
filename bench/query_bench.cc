// Query latency by query family and collection mode over one index of the
// shared throughput corpora (gcide, linux-doc, reuters21578, python-doc: see
// bench::ThroughputCorpora; built once, lazily, in memory, merged to one
// segment; see kMaxInputBytesPerCorpus for the cap). Documents go through the
// JSONL parser's default mapping into Schema::Default(), so Reuters' `date`
// key (YYYY-MM-DD, 1987-02-26 .. 1987-10-20) fills the `date` field, the only
// dates of the index: the others have none.
//
// Queries are trawl::Query trees built directly (no parsing cost) from terms
// of the indexed text itself, analyzed by the "standard" analyzer the body
// field uses, and drawn with a fixed seed (std::mt19937(42), one generator
// per family) so that every run asks the same questions. Each benchmark runs
// all kQueriesPerFamily queries of its family per iteration, times each one
// with std::chrono and reports the mean, p50 and p99 wall-clock latency in
// microseconds as counters, plus the mean CPU time per query (`cpu_mean_us`,
// steadier on a shared machine); `hits` is the mean total_hits, a lower bound
// in the pruned mode.
//
// Families (BM_Query/<family>/<mode>):
//   term        one word
//   and         2-4 words, all required
//   or          2-4 words, any
//   phrase      two adjacent words
//   must_should `+a b`
//   must_not    `+a -b`
//   prefix      `abc*`: a word's first 3-5 bytes (uniformly; a word not
//               longer than that is drawn again), cut at a code point
//               boundary. A prefix that expands to more than
//               SearchOptions::max_expansions (1024) terms fails to search,
//               so it is lengthened one code point at a time until it does
//               not (stderr says how many were); a word that stays over the
//               limit is drawn again. Constant score.
//   fuzzy       `abcde~1`: a word of at least kFuzzyMinLetters letters
//               within kFuzzyEdits (1) edit, transpositions counting as one,
//               no exact prefix; the 50 closest terms, scored as Lucene's
//               FuzzyQuery (see Query::Fuzzy).
//   date        `+a` with a date Range as a kFilter clause: the word from a
//               document with a date (Reuters), the range kDateRangeDays + 1
//               days (inclusive) from the date of a random dated document, so
//               that busy months are asked about more often.
// Modes:
//   TOP_10       k = 10, total_hits_threshold = 0: block-max pruning
//   TOP_100      k = 100, exact total: every match scored and counted
//   COUNT        Searcher::Count, no scoring
//   TOP_10_DOCS  TOP_10 plus loading the stored fields of the hits (the
//                other modes set load_documents = false)
// Words are content words: a drawn word in the English stop list is drawn
// again, since users rarely search for "the" alone.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "trawl/analyzer.h"
#include "trawl/index.h"
#include "trawl/parse.h"
#include "trawl/query.h"
#include "trawl/schema.h"
#include "trawl/searcher.h"

namespace trawl {
namespace {

constexpr size_t kQueriesPerFamily = 200;
// Per corpus, so that the build (parse + index + merge) stays well under a
// minute on 2 cores.
constexpr uint64_t kMaxInputBytesPerCorpus = uint64_t{64} << 20;
// A document is kept as a query source with probability
// min(1, body bytes / kSampleStrideBytes): sampling proportional to text, so
// a long document gives more queries than a dictionary entry.
constexpr double kSampleStrideBytes = 64 * 1024;
// prefix: the bytes of a word kept, drawn uniformly in this range.
constexpr size_t kMinPrefixBytes = 3;
constexpr size_t kMaxPrefixBytes = 5;
// fuzzy: the edits allowed, and how long the word must be (in letters).
constexpr uint32_t kFuzzyEdits = 1;
constexpr size_t kFuzzyMinLetters = 5;
// date: the range is [d, d + kDateRangeDays], both days included.
constexpr int kDateRangeDays = 30;

struct QueryIndex {
  std::unique_ptr<Index> index;
  std::unique_ptr<Searcher> searcher;
  std::vector<std::string> sample_bodies;  // query sources
  std::vector<std::string> dated_bodies;   // those of documents with a date
  std::vector<std::string> dates;          // YYYY-MM-DD of every dated document
  uint64_t dated_docs = 0;                 // what the index says: date:[* TO *]
  uint64_t docs = 0;
  uint64_t input_bytes = 0;
  double build_seconds = 0;
  std::string error;  // non-empty: no index
};

absl::Status AddCorpus(const std::string& name, IndexWriter& writer, std::mt19937& rng,
                       QueryIndex& out) {
  const std::optional<std::filesystem::path> path = testing::SharedCorpusDocs(name);
  if (!path) return absl::OkStatus();  // absent: the others still make an index
  ParseOptions options;
  options.format = Format::kJsonl;
  auto source = OpenDocuments({path->string()}, options);
  if (!source.ok()) return source.status();
  std::uniform_real_distribution<double> coin(0, 1);
  while ((*source)->stats().bytes < kMaxInputBytesPerCorpus) {
    absl::StatusOr<std::optional<Document>> doc = (*source)->Next();
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) break;
    if (absl::Status added = writer.Add(**doc); !added.ok()) return added;
    ++out.docs;
    const std::string* date = (*doc)->Get("date");
    if (date != nullptr && date->size() >= 10) out.dates.push_back(date->substr(0, 10));
    if (const std::string* body = (*doc)->Get("body"); body != nullptr) {
      if (coin(rng) < static_cast<double>(body->size()) / kSampleStrideBytes) {
        out.sample_bodies.push_back(*body);
        if (date != nullptr) out.dated_bodies.push_back(*body);
      }
    }
  }
  out.input_bytes += (*source)->stats().bytes;
  return absl::OkStatus();
}

const QueryIndex& SharedIndex() {
  static const auto* shared = [] {
    auto* q = new QueryIndex();
    const auto start = std::chrono::steady_clock::now();
    auto index = Index::InMemory(Schema::Default());
    if (!index.ok()) {
      q->error = index.status().ToString();
      return q;
    }
    {
      // One indexing thread: documents keep corpus order, so every run
      // builds the same index.
      WriterOptions writer_options;
      writer_options.threads = 1;
      auto writer = (*index)->NewWriter(writer_options);
      if (!writer.ok()) {
        q->error = writer.status().ToString();
        return q;
      }
      std::mt19937 rng(42);
      for (const std::string& name : bench::ThroughputCorpora()) {
        if (absl::Status s = AddCorpus(name, **writer, rng, *q); !s.ok()) {
          q->error = s.ToString();
          return q;
        }
      }
      if (q->docs == 0) {
        q->error = "shared corpora absent (set TRAWL_SHARED_DIR)";
        return q;
      }
      if (absl::Status s = (*writer)->ForceMerge(1); !s.ok()) {
        q->error = s.ToString();
        return q;
      }
    }
    auto searcher = (*index)->NewSearcher();
    if (!searcher.ok()) {
      q->error = searcher.status().ToString();
      return q;
    }
    // Checks that the dates reached the index's date column.
    absl::StatusOr<uint64_t> dated =
        (*searcher)->Count(Query::Range("date", std::nullopt, std::nullopt));
    if (!dated.ok()) {
      q->error = dated.status().ToString();
      return q;
    }
    q->dated_docs = *dated;
    q->index = *std::move(index);
    q->searcher = *std::move(searcher);
    q->build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr,
                 "query index: %llu docs (%llu with a date), %.1f MB input, built in %.1f s\n",
                 static_cast<unsigned long long>(q->docs),
                 static_cast<unsigned long long>(q->dated_docs),
                 static_cast<double>(q->input_bytes) / 1e6, q->build_seconds);
    return q;
  }();
  return *shared;
}

// Draws query words from the sampled bodies.
class WordSource {
 public:
  explicit WordSource(const QueryIndex& index)
      : bodies_(index.sample_bodies), dated_bodies_(index.dated_bodies), rng_(42) {
    analyzer_ = *MakeAnalyzer("standard");
    AnalyzerSpec stop_spec;  // "standard" plus the English stop list
    stop_spec.stop_words = "english";
    stop_analyzer_ = *MakeAnalyzer(stop_spec);
  }

  // The tokens of a random sampled body with at least `min_content` distinct
  // content words (tried a bounded number of times; empty when none found).
  std::vector<OwnedToken> DrawDocument(size_t min_content) {
    return DrawFrom(bodies_, min_content);
  }

  // DrawDocument() among the bodies of documents with a date.
  std::vector<OwnedToken> DrawDatedDocument(size_t min_content) {
    return DrawFrom(dated_bodies_, min_content);
  }

  // `n` distinct content words of `tokens`, each drawn in proportion to its
  // occurrences; fewer if the document has fewer.
  std::vector<std::string> Words(const std::vector<OwnedToken>& tokens, size_t n) {
    std::vector<std::string> words;
    if (tokens.empty()) return words;
    std::uniform_int_distribution<size_t> pick(0, tokens.size() - 1);
    for (int attempt = 0; words.size() < n && attempt < 1000; ++attempt) {
      const std::string& w = tokens[pick(rng_)].text;
      if (IsContent(w) && std::find(words.begin(), words.end(), w) == words.end()) {
        words.push_back(w);
      }
    }
    return words;
  }

  // Two content words at adjacent positions of `tokens`, or {}.
  std::vector<std::string> AdjacentPair(const std::vector<OwnedToken>& tokens) {
    if (tokens.size() < 2) return {};
    std::uniform_int_distribution<size_t> pick(0, tokens.size() - 2);
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const size_t i = pick(rng_);
      const OwnedToken& a = tokens[i];
      const OwnedToken& b = tokens[i + 1];
      if (b.position == a.position + 1 && IsContent(a.text) && IsContent(b.text)) {
        return {a.text, b.text};
      }
    }
    return {};
  }

  size_t Uniform(size_t lo, size_t hi) {
    return std::uniform_int_distribution<size_t>(lo, hi)(rng_);
  }

  // Prefixes the prefix family had to lengthen past the expansion limit.
  size_t lengthened_prefixes = 0;

 private:
  std::vector<OwnedToken> DrawFrom(const std::vector<std::string>& bodies, size_t min_content) {
    if (bodies.empty()) return {};
    for (int attempt = 0; attempt < 1000; ++attempt) {
      std::uniform_int_distribution<size_t> pick(0, bodies.size() - 1);
      std::vector<OwnedToken> tokens = analyzer_->Tokens(bodies[pick(rng_)]);
      size_t content = 0;
      for (const OwnedToken& t : tokens) content += IsContent(t.text) ? 1 : 0;
      if (content >= min_content) return tokens;
    }
    return {};
  }

  bool IsContent(std::string_view word) const {
    return word.size() > 1 && !stop_analyzer_->Tokens(word).empty();
  }

  const std::vector<std::string>& bodies_;
  const std::vector<std::string>& dated_bodies_;
  std::mt19937 rng_;
  std::unique_ptr<Analyzer> analyzer_;
  std::unique_ptr<Analyzer> stop_analyzer_;
};

Query Term(const std::string& word) { return Query::Term("body", word); }

Query AllOf(const std::vector<std::string>& words, Occur occur) {
  std::vector<std::pair<Occur, Query>> clauses;
  for (const std::string& w : words) clauses.emplace_back(occur, Term(w));
  return Query::Bool(std::move(clauses));
}

// The end of the UTF-8 code point of `text` that byte `at` is in (`at` itself
// at a boundary), at most text.size().
size_t CodePointEnd(std::string_view text, size_t at) {
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return std::min(at, text.size());
}

// Whether `status` is a multi-term query's refusal to expand past
// SearchOptions::max_expansions.
bool IsExpansionLimit(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument &&
         status.message().find("expands to more than") != std::string_view::npos;
}

// A prefix of `word` of `bytes` bytes (more at a code point boundary) that
// expands to at most the default max_expansions terms of the index,
// lengthened a code point at a time if needed; nullopt when `word` is not
// longer than `bytes` or even the whole word expands to more. Any other
// error keeps the query, so that the benchmark reports it.
std::optional<Query> PrefixWithin(const QueryIndex& index, const std::string& word, size_t bytes,
                                  size_t& lengthened) {
  if (word.size() <= bytes) return std::nullopt;
  size_t end = CodePointEnd(word, bytes);
  for (bool first = true;; first = false) {
    Query q = Query::Prefix("body", word.substr(0, end));
    absl::StatusOr<uint64_t> n = index.searcher->Count(q);
    if (n.ok() || !IsExpansionLimit(n.status())) {
      if (!first) ++lengthened;
      return q;
    }
    if (end == word.size()) return std::nullopt;
    end = CodePointEnd(word, end + 1);
  }
}

// How many letters `word` has if it has nothing else (ASCII digits and
// punctuation: 0); any non-ASCII code point counts as a letter.
size_t LetterCount(std::string_view word) {
  size_t letters = 0;
  for (size_t at = 0; at < word.size(); at = CodePointEnd(word, at + 1)) {
    const auto c = static_cast<unsigned char>(word[at]);
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return 0;
    ++letters;
  }
  return letters;
}

// `date` (YYYY-MM-DD) plus `days`, or nullopt if it is no such date.
std::optional<std::string> AddDays(const std::string& date, int days) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day from{std::chrono::year(y), std::chrono::month(m),
                                         std::chrono::day(d)};
  if (!from.ok()) return std::nullopt;
  const std::chrono::year_month_day to{std::chrono::sys_days(from) + std::chrono::days(days)};
  char out[32];
  std::snprintf(out, sizeof(out), "%04d-%02u-%02u", static_cast<int>(to.year()),
                static_cast<unsigned>(to.month()), static_cast<unsigned>(to.day()));
  return std::string(out);
}

// One query family: a name and how to draw one query from the words of
// `WordSource` and the facts of the index (nullopt: try again).
struct Family {
  std::string name;
  std::function<std::optional<Query>(WordSource&, const QueryIndex&)> draw;
};

// Every family: add an entry and BM_Query/<name>/<mode> is registered for
// every mode.
const std::vector<Family>& Families() {
  static const auto* families = new std::vector<Family>{
      {"term",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(1), 1);
         if (words.empty()) return std::nullopt;
         return Term(words[0]);
       }},
      {"and",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         const size_t n = s.Uniform(2, 4);
         auto words = s.Words(s.DrawDocument(n), n);
         if (words.size() < n) return std::nullopt;
         return AllOf(words, Occur::kMust);
       }},
      {"or",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         const size_t n = s.Uniform(2, 4);
         auto words = s.Words(s.DrawDocument(n), n);
         if (words.size() < n) return std::nullopt;
         return AllOf(words, Occur::kShould);
       }},
      {"phrase",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         auto pair = s.AdjacentPair(s.DrawDocument(2));
         if (pair.size() != 2) return std::nullopt;
         return Query::Phrase("body", pair);
       }},
      {"must_should",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(2), 2);
         if (words.size() < 2) return std::nullopt;
         return Query::Bool({{Occur::kMust, Term(words[0])}, {Occur::kShould, Term(words[1])}});
       }},
      {"must_not",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(2), 2);
         if (words.size() < 2) return std::nullopt;
         return Query::Bool({{Occur::kMust, Term(words[0])}, {Occur::kMustNot, Term(words[1])}});
       }},
      {"prefix",
       [](WordSource& s, const QueryIndex& index) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(1), 1);
         if (words.empty()) return std::nullopt;
         return PrefixWithin(index, words[0], s.Uniform(kMinPrefixBytes, kMaxPrefixBytes),
                             s.lengthened_prefixes);
       }},
      {"fuzzy",
       [](WordSource& s, const QueryIndex&) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(1), 1);
         if (words.empty() || LetterCount(words[0]) < kFuzzyMinLetters) return std::nullopt;
         return Query::Fuzzy("body", words[0], kFuzzyEdits, /*prefix_length=*/0,
                             /*transpositions=*/true);
       }},
      {"date",
       [](WordSource& s, const QueryIndex& index) -> std::optional<Query> {
         if (index.dates.empty()) return std::nullopt;
         auto words = s.Words(s.DrawDatedDocument(1), 1);
         if (words.empty()) return std::nullopt;
         const std::string& from = index.dates[s.Uniform(0, index.dates.size() - 1)];
         std::optional<std::string> to = AddDays(from, kDateRangeDays);
         if (!to) return std::nullopt;
         return Query::Bool({{Occur::kMust, Term(words[0])},
                             {Occur::kFilter, Query::Range("date", from, *to)}});
       }},
  };
  return *families;
}

// The queries of `family`, drawn once per process.
const std::vector<Query>& FamilyQueries(const Family& family, const QueryIndex& index) {
  static auto* cache = new std::vector<std::pair<const Family*, std::vector<Query>>>();
  for (const auto& [f, queries] : *cache) {
    if (f == &family) return queries;
  }
  WordSource source(index);
  std::vector<Query> queries;
  for (int attempt = 0; queries.size() < kQueriesPerFamily && attempt < 100000; ++attempt) {
    if (std::optional<Query> q = family.draw(source, index)) queries.push_back(*std::move(q));
  }
  if (source.lengthened_prefixes > 0) {
    std::fprintf(stderr, "%s: %zu of %zu queries lengthened to stay within max_expansions\n",
                 family.name.c_str(), source.lengthened_prefixes, queries.size());
  }
  cache->emplace_back(&family, std::move(queries));
  return cache->back().second;
}

enum class Mode { kTop10, kTop100, kCount, kTop10Docs };

struct ModeInfo {
  Mode mode;
  const char* name;
};
constexpr ModeInfo kModes[] = {{Mode::kTop10, "TOP_10"},
                               {Mode::kTop100, "TOP_100"},
                               {Mode::kCount, "COUNT"},
                               {Mode::kTop10Docs, "TOP_10_DOCS"}};

// Total hits of one query in `mode`, or an error.
absl::StatusOr<uint64_t> RunOne(const Searcher& searcher, const Query& query, Mode mode) {
  if (mode == Mode::kCount) return searcher.Count(query);
  SearchOptions options;
  options.k = mode == Mode::kTop100 ? 100 : 10;
  options.total_hits_threshold = mode == Mode::kTop100 ? SearchOptions::kExactTotal : 0;
  options.load_documents = mode == Mode::kTop10Docs;
  absl::StatusOr<SearchResults> results = searcher.Search(query, options);
  if (!results.ok()) return results.status();
  benchmark::DoNotOptimize(results->hits.data());
  return results->total_hits;
}

// CPU time of the calling thread: unlike wall time, it does not grow when
// other processes take the (shared) cores.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Percentile(const std::vector<double>& sorted, double p) {
  const size_t i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

void BM_Query(benchmark::State& state, const Family& family, Mode mode) {
  const QueryIndex& index = SharedIndex();
  if (!index.error.empty()) {
    state.SkipWithError(index.error.c_str());
    return;
  }
  const std::vector<Query>& queries = FamilyQueries(family, index);
  if (queries.empty()) {
    state.SkipWithError("no queries could be drawn for this family");
    return;
  }
  std::vector<double> micros;
  uint64_t hits = 0;
  double cpu_seconds = 0;  // of this thread, over every query
  for (auto _ : state) {
    const double cpu_start = ThreadCpuSeconds();
    for (const Query& query : queries) {
      const auto start = std::chrono::steady_clock::now();
      absl::StatusOr<uint64_t> total = RunOne(*index.searcher, query, mode);
      const auto end = std::chrono::steady_clock::now();
      if (!total.ok()) {
        state.SkipWithError(total.status().ToString().c_str());
        return;
      }
      hits += *total;
      micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    cpu_seconds += ThreadCpuSeconds() - cpu_start;
  }
  double sum = 0;
  for (double m : micros) sum += m;
  std::sort(micros.begin(), micros.end());
  const double n = static_cast<double>(micros.size());
  state.SetItemsProcessed(static_cast<int64_t>(micros.size()));
  state.counters["mean_us"] = sum / n;
  state.counters["cpu_mean_us"] = cpu_seconds * 1e6 / n;
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
  state.counters["hits"] = static_cast<double>(hits) / n;
  state.counters["queries"] = static_cast<double>(queries.size());
}

[[maybe_unused]] const bool kRegistered = [] {
  for (const Family& family : Families()) {
    for (const ModeInfo& mode : kModes) {
      const std::string name = "BM_Query/" + family.name + "/" + mode.name;
      benchmark::RegisterBenchmark(name.c_str(), [&family, m = mode.mode](benchmark::State& s) {
        BM_Query(s, family, m);
      })->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}();

}  // namespace
}  // namespace trawl
