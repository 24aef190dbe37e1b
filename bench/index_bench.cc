// The indexing path stage by stage on real text, one thread, Schema::Default()
// (standard analyzer, positions, stored title and body):
//   BM_InvertDocuments  MemorySegment::Add over Documents parsed beforehand
//                       (analysis, inversion, doc-store compression);
//   BM_FlushSegment     MemorySegment::Flush of that segment to a memory
//                       directory (postings codec, term dictionary, norms,
//                       checksums);
//   BM_IndexEndToEnd    OpenDocuments (JSONL, gzip where the file is .gz)
//                       + IndexWriter::Add + Commit into a folder on disk
//                       (fsync included): what `trawl index` does, with
//                       WriterOptions::threads indexing threads (the
//                       argument); parsing stays on the calling thread.
// Bytes are the input's: every field value for the first two, the
// decompressed JSONL for the last. `index/input` is the size of the result
// over those bytes.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "index/memory_segment.h"
#include "io/directory.h"
#include "tests/testing/corpora.h"
#include "trawl/index.h"
#include "trawl/parse.h"
#include "trawl/schema.h"

namespace trawl {
namespace {

// The corpus parsed into Documents, or nullptr after SkipWithError.
const bench::CorpusDocs* DocsOrSkip(benchmark::State& state, const std::string& corpus) {
  const bench::CorpusDocs* docs = bench::CorpusDocuments(corpus);
  if (docs == nullptr || docs->docs.empty()) {
    state.SkipWithError(("corpus " + corpus + " is absent (set TRAWL_SHARED_DIR)").c_str());
    return nullptr;
  }
  return docs;
}

// The analyzers of `schema`, or std::nullopt after SkipWithError.
std::optional<index::FieldAnalyzers> AnalyzersOrSkip(benchmark::State& state,
                                                     const Schema& schema) {
  auto analyzers = index::MakeFieldAnalyzers(schema);
  if (!analyzers.ok()) {
    state.SkipWithError(analyzers.status().ToString().c_str());
    return std::nullopt;
  }
  return *std::move(analyzers);
}

// A segment holding every document of `docs`; nullptr on failure.
std::unique_ptr<index::MemorySegment> Invert(const Schema& schema,
                                             const index::FieldAnalyzers& analyzers,
                                             const bench::CorpusDocs& docs) {
  auto segment = std::make_unique<index::MemorySegment>(schema, analyzers);
  for (const Document& doc : docs.docs) {
    if (!segment->Add(doc).ok()) return nullptr;
  }
  return segment;
}

void BM_InvertDocuments(benchmark::State& state, const std::string& corpus) {
  const bench::CorpusDocs* docs = DocsOrSkip(state, corpus);
  if (docs == nullptr) return;
  const Schema schema = Schema::Default();
  std::optional<index::FieldAnalyzers> analyzers = AnalyzersOrSkip(state, schema);
  if (!analyzers) return;
  size_t memory = 0;
  for (auto _ : state) {
    std::unique_ptr<index::MemorySegment> segment = Invert(schema, *analyzers, *docs);
    if (segment == nullptr) {
      state.SkipWithError("MemorySegment::Add failed");
      return;
    }
    memory = segment->memory_bytes();
    state.PauseTiming();  // freeing the segment is not inversion
    segment.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(docs->text_bytes));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs->docs.size()));
  state.counters["docs"] = static_cast<double>(docs->docs.size());
  state.counters["MB_text"] = static_cast<double>(docs->text_bytes) / 1e6;
  state.counters["memory/text"] =
      static_cast<double>(memory) / static_cast<double>(docs->text_bytes);
}

void BM_FlushSegment(benchmark::State& state, const std::string& corpus) {
  const bench::CorpusDocs* docs = DocsOrSkip(state, corpus);
  if (docs == nullptr) return;
  const Schema schema = Schema::Default();
  std::optional<index::FieldAnalyzers> analyzers = AnalyzersOrSkip(state, schema);
  if (!analyzers) return;
  uint64_t segment_bytes = 0;
  for (auto _ : state) {
    // Flush consumes the segment (the doc store is moved out): a fresh one
    // per iteration, built untimed.
    state.PauseTiming();
    std::unique_ptr<index::MemorySegment> segment = Invert(schema, *analyzers, *docs);
    std::shared_ptr<io::Directory> dir = io::NewMemoryDirectory();
    state.ResumeTiming();
    if (segment == nullptr) {
      state.SkipWithError("MemorySegment::Add failed");
      return;
    }
    absl::Status flushed = segment->Flush(*dir, "seg_00000001");
    if (!flushed.ok()) {
      state.SkipWithError(flushed.ToString().c_str());
      return;
    }
    state.PauseTiming();
    auto files = dir->List();
    segment_bytes = 0;
    if (files.ok()) {
      for (const std::string& name : *files) {
        if (auto file = dir->Read(name); file.ok()) segment_bytes += (*file)->data().size();
      }
    }
    segment.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(docs->text_bytes));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs->docs.size()));
  state.counters["segment_MB"] = static_cast<double>(segment_bytes) / 1e6;
  state.counters["segment/text"] =
      static_cast<double>(segment_bytes) / static_cast<double>(docs->text_bytes);
}

void BM_IndexEndToEnd(benchmark::State& state, const std::string& corpus) {
  const std::optional<std::filesystem::path> path = testing::SharedCorpusDocs(corpus);
  if (!path) {
    state.SkipWithError(("corpus " + corpus + " is absent (set TRAWL_SHARED_DIR)").c_str());
    return;
  }
  ParseOptions options;
  options.format = Format::kJsonl;
  WriterOptions writer_options;
  writer_options.threads = static_cast<size_t>(state.range(0));
  uint64_t input_bytes = 0, docs = 0, index_bytes = 0;
  std::map<std::string, uint64_t> component_bytes;  // of the last iteration's index
  for (auto _ : state) {
    state.PauseTiming();
    auto scratch = std::make_unique<bench::ScopedTempDir>();
    if (scratch->path().empty()) {
      state.SkipWithError("cannot make a temporary folder");
      return;
    }
    const std::string folder = scratch->path() + "/index";
    state.ResumeTiming();
    {
      auto index = Index::Create(folder, Schema::Default());
      if (!index.ok()) {
        state.SkipWithError(index.status().ToString().c_str());
        return;
      }
      auto writer = (*index)->NewWriter(writer_options);
      auto source = OpenDocuments({path->string()}, options);
      if (!writer.ok() || !source.ok()) {
        state.SkipWithError("cannot open the writer or the corpus");
        return;
      }
      docs = 0;
      while (true) {
        absl::StatusOr<std::optional<Document>> doc = (*source)->Next();
        if (!doc.ok()) {
          state.SkipWithError(doc.status().ToString().c_str());
          return;
        }
        if (!doc->has_value()) break;
        if (absl::Status added = (*writer)->Add(**doc); !added.ok()) {
          state.SkipWithError(added.ToString().c_str());
          return;
        }
        ++docs;
      }
      if (absl::Status committed = (*writer)->Commit(); !committed.ok()) {
        state.SkipWithError(committed.ToString().c_str());
        return;
      }
      input_bytes = (*source)->stats().bytes;
    }
    state.PauseTiming();
    index_bytes = bench::FolderBytes(folder);
    component_bytes.clear();
    if (auto index = Index::Open(folder); index.ok()) {
      if (auto stats = (*index)->Stats(); stats.ok()) {
        for (const SegmentStats& segment : stats->segments) {
          for (const auto& [name, bytes] : segment.component_bytes) component_bytes[name] += bytes;
        }
      }
    }
    scratch.reset();
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(input_bytes));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs));
  state.counters["MB_input"] = static_cast<double>(input_bytes) / 1e6;
  state.counters["index_MB"] = static_cast<double>(index_bytes) / 1e6;
  state.counters["index/input"] =
      static_cast<double>(index_bytes) / static_cast<double>(input_bytes);
  // Where the bytes go, in MB: the four large components.
  for (const char* name : {"terms", "postings", "positions", "stored"}) {
    state.counters[std::string(name) + "_MB"] = static_cast<double>(component_bytes[name]) / 1e6;
  }
}

// Registers `run` on `corpus`, named `name/<corpus>` with '-' spelled '_',
// as BENCHMARK_CAPTURE would name it.
benchmark::internal::Benchmark* RegisterOnCorpus(
    const std::string& name, void (*run)(benchmark::State&, const std::string&),
    const std::string& corpus) {
  std::string label = corpus;
  std::replace(label.begin(), label.end(), '-', '_');
  return benchmark::RegisterBenchmark(
      (name + "/" + label).c_str(),
      [run, corpus](benchmark::State& state) { run(state, corpus); });
}

[[maybe_unused]] const bool kRegistered = [] {
  for (const char* corpus : {"reuters21578", "linux-doc", "python-doc"}) {
    RegisterOnCorpus("BM_InvertDocuments", BM_InvertDocuments, corpus)
        ->Unit(benchmark::kMillisecond);
  }
  for (const char* corpus : {"reuters21578", "linux-doc", "python-doc"}) {
    RegisterOnCorpus("BM_FlushSegment", BM_FlushSegment, corpus)->Unit(benchmark::kMillisecond);
  }
  for (const char* corpus : {"reuters21578", "linux-doc", "python-doc", "gcide"}) {
    RegisterOnCorpus("BM_IndexEndToEnd", BM_IndexEndToEnd, corpus)
        ->Unit(benchmark::kMillisecond)
        ->ArgName("threads")
        ->Arg(1)
        ->Arg(2)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace trawl
