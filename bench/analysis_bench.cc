// Throughput of the analysis hot path on real English text: the standard
// tokenizer alone (token by token, and in the batches the analyzers take),
// and the "standard" and "english" analyzers, over the first 8 MB of
// Reuters-21578 bodies, one Analyze call per document.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "analysis/tokenizer.h"
#include "benchmark/benchmark.h"
#include "tests/analysis/corpus_bodies.h"
#include "tests/testing/corpora.h"
#include "trawl/analyzer.h"

namespace trawl {
namespace {

constexpr size_t kCorpusBytes = 8 << 20;

// Loaded once for all benchmarks; empty if the corpus is absent.
const std::vector<std::string>& Bodies() {
  static const auto* bodies = [] {
    auto* result = new std::vector<std::string>();
    if (auto docs = testing::SharedCorpusDocs("reuters21578")) {
      auto read = testing::ReadCorpusBodies(*docs, kCorpusBytes);
      if (read.ok()) *result = std::move(*read);
    }
    return result;
  }();
  return *bodies;
}

size_t TotalBytes(const std::vector<std::string>& bodies) {
  size_t total = 0;
  for (const std::string& body : bodies) total += body.size();
  return total;
}

// Runs `analyze` over every body per iteration and reports bytes/s.
template <typename AnalyzeFn>
void RunOverCorpus(benchmark::State& state, AnalyzeFn analyze) {
  const std::vector<std::string>& bodies = Bodies();
  if (bodies.empty()) {
    state.SkipWithError("corpus reuters21578 is absent (set TRAWL_SHARED_DIR)");
    return;
  }
  size_t tokens = 0;
  for (auto _ : state) {
    for (const std::string& body : bodies) tokens += analyze(body);
  }
  benchmark::DoNotOptimize(tokens);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(TotalBytes(bodies)));
  state.counters["tokens/iter"] = static_cast<double>(tokens) /
                                  static_cast<double>(state.iterations());
}

void BM_Analyze(benchmark::State& state, const char* name) {
  auto analyzer = MakeAnalyzer(name);
  if (!analyzer.ok()) {
    state.SkipWithError(analyzer.status().ToString().c_str());
    return;
  }
  RunOverCorpus(state, [&](const std::string& body) {
    size_t n = 0;
    (*analyzer)->Analyze(body, [&](const Token& t) {
      benchmark::DoNotOptimize(t.text.data());
      ++n;
    });
    return n;
  });
}

void BM_AnalyzeStandard(benchmark::State& state) { BM_Analyze(state, "standard"); }
BENCHMARK(BM_AnalyzeStandard)->Unit(benchmark::kMillisecond);

void BM_AnalyzeEnglish(benchmark::State& state) { BM_Analyze(state, "english"); }
BENCHMARK(BM_AnalyzeEnglish)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  auto tokenizer = analysis::MakeTokenizer("standard");
  if (!tokenizer.ok()) {
    state.SkipWithError(tokenizer.status().ToString().c_str());
    return;
  }
  RunOverCorpus(state, [&](const std::string& body) {
    size_t n = 0;
    (*tokenizer)->Tokenize(body, [&](const analysis::RawToken& t) {
      benchmark::DoNotOptimize(t.text.data());
      ++n;
    });
    return n;
  });
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// The tokenizer as the analyzers call it: tokens in batches, lowercased.
void BM_TokenizeBatches(benchmark::State& state) {
  auto tokenizer = analysis::MakeTokenizer("standard", {.lowercase_ascii = true});
  if (!tokenizer.ok()) {
    state.SkipWithError(tokenizer.status().ToString().c_str());
    return;
  }
  RunOverCorpus(state, [&](const std::string& body) {
    size_t n = 0;
    (*tokenizer)->TokenizeBatches(body, [&](std::span<const analysis::RawToken> batch) {
      benchmark::DoNotOptimize(batch.data());
      n += batch.size();
    });
    return n;
  });
}
BENCHMARK(BM_TokenizeBatches)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace trawl
