// Query latency by query family and collection mode over one index of the
// shared throughput corpora (built once, lazily, in memory, merged to one
// segment; see kMaxInputBytesPerCorpus for the cap).
//
// Queries are trawl::Query trees built directly (no parsing cost) from terms
// of the indexed text itself, analyzed by the "standard" analyzer the body
// field uses, and drawn with a fixed seed (std::mt19937(42)) so that every
// run asks the same questions. Each benchmark runs all kQueriesPerFamily
// queries of its family per iteration, times each one with std::chrono and
// reports the mean, p50 and p99 wall-clock latency in microseconds as
// counters, plus the mean CPU time per query (`cpu_mean_us`, steadier on a
// shared machine); `hits` is the mean total_hits, a lower bound in the
// pruned mode.
//
// Families (BM_Query/<family>/<mode>):
//   term        one word
//   and         2-4 words, all required
//   or          2-4 words, any
//   phrase      two adjacent words
//   must_should `+a b`
//   must_not    `+a -b`
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

struct QueryIndex {
  std::unique_ptr<Index> index;
  std::unique_ptr<Searcher> searcher;
  std::vector<std::string> sample_bodies;  // query sources
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
    if (const std::string* body = (*doc)->Get("body"); body != nullptr) {
      if (coin(rng) < static_cast<double>(body->size()) / kSampleStrideBytes) {
        out.sample_bodies.push_back(*body);
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
    q->index = *std::move(index);
    q->searcher = *std::move(searcher);
    q->build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "query index: %llu docs, %.1f MB input, built in %.1f s\n",
                 static_cast<unsigned long long>(q->docs),
                 static_cast<double>(q->input_bytes) / 1e6, q->build_seconds);
    return q;
  }();
  return *shared;
}

// Draws query words from the sampled bodies.
class WordSource {
 public:
  explicit WordSource(const std::vector<std::string>& bodies) : bodies_(bodies), rng_(42) {
    analyzer_ = *MakeAnalyzer("standard");
    AnalyzerSpec stop_spec;  // "standard" plus the English stop list
    stop_spec.stop_words = "english";
    stop_analyzer_ = *MakeAnalyzer(stop_spec);
  }

  // The tokens of a random sampled body with at least `min_content` distinct
  // content words (tried a bounded number of times; empty when none found).
  std::vector<OwnedToken> DrawDocument(size_t min_content) {
    if (bodies_.empty()) return {};
    for (int attempt = 0; attempt < 1000; ++attempt) {
      std::uniform_int_distribution<size_t> pick(0, bodies_.size() - 1);
      std::vector<OwnedToken> tokens = analyzer_->Tokens(bodies_[pick(rng_)]);
      size_t content = 0;
      for (const OwnedToken& t : tokens) content += IsContent(t.text) ? 1 : 0;
      if (content >= min_content) return tokens;
    }
    return {};
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

 private:
  bool IsContent(std::string_view word) const {
    return word.size() > 1 && !stop_analyzer_->Tokens(word).empty();
  }

  const std::vector<std::string>& bodies_;
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

// One query family: a name and how to draw one query (nullopt: try again).
struct Family {
  std::string name;
  std::function<std::optional<Query>(WordSource&)> draw;
};

// Every family. New ones (prefix, fuzzy, date ranges...) go here: add an
// entry and BM_Query/<name>/<mode> is registered for every mode.
const std::vector<Family>& Families() {
  static const auto* families = new std::vector<Family>{
      {"term",
       [](WordSource& s) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(1), 1);
         if (words.empty()) return std::nullopt;
         return Term(words[0]);
       }},
      {"and",
       [](WordSource& s) -> std::optional<Query> {
         const size_t n = s.Uniform(2, 4);
         auto words = s.Words(s.DrawDocument(n), n);
         if (words.size() < n) return std::nullopt;
         return AllOf(words, Occur::kMust);
       }},
      {"or",
       [](WordSource& s) -> std::optional<Query> {
         const size_t n = s.Uniform(2, 4);
         auto words = s.Words(s.DrawDocument(n), n);
         if (words.size() < n) return std::nullopt;
         return AllOf(words, Occur::kShould);
       }},
      {"phrase",
       [](WordSource& s) -> std::optional<Query> {
         auto pair = s.AdjacentPair(s.DrawDocument(2));
         if (pair.size() != 2) return std::nullopt;
         return Query::Phrase("body", pair);
       }},
      {"must_should",
       [](WordSource& s) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(2), 2);
         if (words.size() < 2) return std::nullopt;
         return Query::Bool({{Occur::kMust, Term(words[0])}, {Occur::kShould, Term(words[1])}});
       }},
      {"must_not",
       [](WordSource& s) -> std::optional<Query> {
         auto words = s.Words(s.DrawDocument(2), 2);
         if (words.size() < 2) return std::nullopt;
         return Query::Bool({{Occur::kMust, Term(words[0])}, {Occur::kMustNot, Term(words[1])}});
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
  WordSource source(index.sample_bodies);
  std::vector<Query> queries;
  for (int attempt = 0; queries.size() < kQueriesPerFamily && attempt < 100000; ++attempt) {
    if (std::optional<Query> q = family.draw(source)) queries.push_back(*std::move(q));
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
