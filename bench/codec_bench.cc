// Throughput of the postings codec and its parts: bit packing of blocks of
// 128 per width, LEB128 varints, and PostingsWriter / PostingsIterator on
// synthetic lists (geometric doc gaps at a chosen mean, freq - 1 geometric
// with mean 1, as in news text) and on the real postings of the Reuters
// bodies (every term of the field, as a segment flush encodes them).
// Everything is seeded (std::mt19937(42)), so runs are comparable.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "bench/bench_corpus.h"
#include "benchmark/benchmark.h"
#include "segment/postings.h"
#include "segment/term_dictionary.h"
#include "trawl/analyzer.h"
#include "util/bitpack.h"
#include "util/coding.h"

namespace trawl {
namespace {

using segment::kNoMoreDocs;
using segment::PostingsIterator;
using segment::PostingsWriter;
using segment::TermInfo;
using util::kPackBlock;

// Blocks per iteration of the bit-packing benchmarks: 1 MB of values, beyond
// L1 but inside L2, like the blocks of one long postings list.
constexpr size_t kBlocks = 2048;

// kBlocks * 128 values, each using all of `bits` bits at most.
std::vector<uint32_t> RandomValues(int bits) {
  std::mt19937 rng(42);
  const uint64_t limit = bits == 32 ? UINT32_MAX : (uint64_t{1} << bits) - 1;
  std::uniform_int_distribution<uint64_t> dist(0, limit);
  std::vector<uint32_t> values(kBlocks * kPackBlock);
  for (uint32_t& v : values) v = static_cast<uint32_t>(dist(rng));
  return values;
}

void BM_Pack128(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  const std::vector<uint32_t> values = RandomValues(bits);
  std::string out;
  out.reserve(kBlocks * util::PackedBytes(bits));
  for (auto _ : state) {
    out.clear();
    for (size_t b = 0; b < kBlocks; ++b) util::Pack128(&values[b * kPackBlock], bits, &out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_Pack128)->DenseRange(1, 8)->Arg(10)->Arg(12)->Arg(16)->Arg(20)->Arg(24)->Arg(32);

void BM_Unpack128(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  const std::vector<uint32_t> values = RandomValues(bits);
  std::string packed;
  for (size_t b = 0; b < kBlocks; ++b) util::Pack128(&values[b * kPackBlock], bits, &packed);
  uint32_t out[kPackBlock];
  const size_t stride = util::PackedBytes(bits);
  for (auto _ : state) {
    for (size_t b = 0; b < kBlocks; ++b) {
      util::Unpack128(packed.data() + b * stride, bits, out);
      benchmark::DoNotOptimize(out);
    }
    benchmark::ClobberMemory();
  }
  if (!std::equal(out, out + kPackBlock, values.end() - kPackBlock)) {
    state.SkipWithError("Unpack128 does not invert Pack128");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_Unpack128)->Arg(0)->DenseRange(1, 8)->Arg(10)->Arg(12)->Arg(16)->Arg(20)->Arg(24)->Arg(32);

// 1M varints of at most `bits` significant bits each, decoded through the
// bounded Decoder every on-disk structure goes through.
void BM_VarintDecode(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  constexpr size_t kCount = 1 << 20;
  std::mt19937 rng(42);
  std::uniform_int_distribution<uint32_t> width(1, static_cast<uint32_t>(bits));
  std::string encoded;
  for (size_t i = 0; i < kCount; ++i) {
    const uint32_t w = width(rng);  // sizes mixed, so the branch is not trivial
    const uint32_t v = static_cast<uint32_t>(rng() >> (32 - w));
    util::PutVarint32(&encoded, v);
  }
  for (auto _ : state) {
    util::Decoder d(encoded);
    uint32_t v = 0, sum = 0;
    while (d.GetVarint32(&v)) sum += v;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kCount));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(encoded.size()));
}
BENCHMARK(BM_VarintDecode)->Arg(7)->Arg(14)->Arg(21)->Arg(32);

// One term's postings as PostingsWriter::Add takes them.
struct PostingsList {
  std::vector<uint32_t> docs, freqs;
  std::string positions;  // segment::AppendPositions per doc
};

// `n` docs with geometric gaps of mean `mean_gap` (>= 1); freq - 1
// geometric with mean 1; positions random ascending in docs of ~200
// tokens.
PostingsList SyntheticList(size_t n, double mean_gap, bool with_positions) {
  std::mt19937 rng(42);
  std::geometric_distribution<uint32_t> gap(1.0 / mean_gap);
  std::geometric_distribution<uint32_t> extra_freq(0.5);
  PostingsList list;
  uint32_t doc = 0;
  for (size_t i = 0; i < n; ++i) {
    doc += (i == 0 ? 0 : 1) + (mean_gap > 1 ? gap(rng) : 0);
    const uint32_t freq = 1 + std::min<uint32_t>(extra_freq(rng), 200);
    list.docs.push_back(doc);
    list.freqs.push_back(freq);
    if (with_positions) {
      uint32_t pos = 0;
      std::uniform_int_distribution<uint32_t> step(1, 2 * 200 / freq);
      std::vector<uint32_t> doc_positions;
      for (uint32_t f = 0; f < freq; ++f) doc_positions.push_back(pos += step(rng));
      segment::AppendPositions(doc_positions, &list.positions);
    }
  }
  return list;
}

std::vector<uint8_t> Norms(uint32_t max_doc) { return std::vector<uint8_t>(max_doc + 1, 40); }

constexpr size_t kSyntheticDocs = 1 << 16;  // 512 full blocks

// Encodes one list of 64K docs per iteration. Arguments: mean doc gap,
// with positions (1) or not (0).
void BM_PostingsEncode(benchmark::State& state) {
  const PostingsList list = SyntheticList(kSyntheticDocs, static_cast<double>(state.range(0)),
                                          state.range(1) != 0);
  const std::vector<uint8_t> norms = Norms(list.docs.back());
  size_t bytes = 0;
  for (auto _ : state) {
    PostingsWriter writer;
    TermInfo info = *writer.Add(list.docs, list.freqs, list.positions, norms);
    benchmark::DoNotOptimize(info);
    bytes = writer.postings_size() + writer.TakePositions().size();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(list.docs.size()));
  state.counters["bytes/doc"] = static_cast<double>(bytes) / static_cast<double>(list.docs.size());
}
BENCHMARK(BM_PostingsEncode)
    ->ArgNames({"gap", "pos"})
    ->ArgsProduct({{1, 4, 32, 512}, {0, 1}});

struct EncodedList {
  std::string postings, positions;
  TermInfo info;
};

EncodedList Encode(const PostingsList& list) {
  PostingsWriter writer;
  EncodedList e;
  e.info = *writer.Add(list.docs, list.freqs, list.positions, Norms(list.docs.back()));
  e.postings = writer.TakePostings();
  e.positions = writer.TakePositions();
  return e;
}

// Reset plus Next() over all 64K docs per iteration, reading each freq.
void BM_PostingsDecodeNext(benchmark::State& state) {
  const EncodedList e =
      Encode(SyntheticList(kSyntheticDocs, static_cast<double>(state.range(0)), false));
  PostingsIterator it;
  for (auto _ : state) {
    if (!it.Reset(e.postings, e.positions, e.info).ok()) {
      state.SkipWithError("Reset failed");
      return;
    }
    uint64_t sum = 0;
    while (it.Next() != kNoMoreDocs) sum += it.freq();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kSyntheticDocs));
}
BENCHMARK(BM_PostingsDecodeNext)->ArgName("gap")->Arg(1)->Arg(4)->Arg(32)->Arg(512);

// Next() plus Positions() for every doc: what a phrase query pays per
// candidate.
void BM_PostingsDecodePositions(benchmark::State& state) {
  const EncodedList e =
      Encode(SyntheticList(kSyntheticDocs, static_cast<double>(state.range(0)), true));
  PostingsIterator it;
  std::vector<uint32_t> positions;
  for (auto _ : state) {
    if (!it.Reset(e.postings, e.positions, e.info).ok()) {
      state.SkipWithError("Reset failed");
      return;
    }
    uint64_t sum = 0;
    while (it.Next() != kNoMoreDocs) {
      it.Positions(&positions);
      sum += positions.back();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kSyntheticDocs));
}
BENCHMARK(BM_PostingsDecodePositions)->ArgName("gap")->Arg(4)->Arg(32);

// Advance() through a list of 64K docs with mean gap 4 (doc ids up to
// ~256K) to targets `stride` doc ids apart, as a conjunction driven by a
// rarer list does. Items are Advance calls.
void BM_PostingsAdvance(benchmark::State& state) {
  const uint32_t stride = static_cast<uint32_t>(state.range(0));
  const EncodedList e = Encode(SyntheticList(kSyntheticDocs, 4, false));
  PostingsIterator it;
  int64_t calls = 0;
  for (auto _ : state) {
    if (!it.Reset(e.postings, e.positions, e.info).ok()) {
      state.SkipWithError("Reset failed");
      return;
    }
    uint32_t doc = it.Advance(1);
    ++calls;
    while (doc != kNoMoreDocs) {
      doc = it.Advance(doc + stride);
      ++calls;
    }
    benchmark::DoNotOptimize(doc);
  }
  state.SetItemsProcessed(calls);
}
BENCHMARK(BM_PostingsAdvance)->ArgName("stride")->Arg(8)->Arg(64)->Arg(512)->Arg(4096)->Arg(65536);

// The postings of every term of the Reuters bodies (standard analyzer),
// in term-id order; empty when the corpus is absent.
struct RealPostings {
  std::vector<PostingsList> lists;
  std::vector<uint8_t> norms;
  uint64_t postings = 0;  // (term, doc) pairs
  uint64_t tokens = 0;
};

const RealPostings& ReutersPostings() {
  static const auto* real = [] {
    auto* result = new RealPostings();
    const bench::CorpusDocs* corpus = bench::CorpusDocuments("reuters21578");
    auto analyzer = MakeAnalyzer("standard");
    if (corpus == nullptr || !analyzer.ok()) return result;
    absl::flat_hash_map<std::string, uint32_t> ids;
    std::vector<std::pair<uint32_t, uint32_t>> occurrences;  // (term id, position)
    std::vector<uint32_t> doc_positions;
    uint32_t doc = 0;
    for (const Document& d : corpus->docs) {
      const std::string* body = d.Get("body");
      occurrences.clear();
      if (body != nullptr) {
        (*analyzer)->Analyze(*body, [&](const Token& t) {
          auto [it, inserted] =
              ids.try_emplace(std::string(t.text), static_cast<uint32_t>(result->lists.size()));
          if (inserted) result->lists.emplace_back();
          occurrences.emplace_back(it->second, t.position);
        });
      }
      result->tokens += occurrences.size();
      std::stable_sort(occurrences.begin(), occurrences.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (size_t i = 0; i < occurrences.size();) {
        size_t j = i;
        PostingsList& list = result->lists[occurrences[i].first];
        doc_positions.clear();
        while (j < occurrences.size() && occurrences[j].first == occurrences[i].first) {
          doc_positions.push_back(occurrences[j++].second);
        }
        segment::AppendPositions(doc_positions, &list.positions);
        list.docs.push_back(doc);
        list.freqs.push_back(static_cast<uint32_t>(j - i));
        ++result->postings;
        i = j;
      }
      ++doc;
    }
    result->norms.assign(doc, 40);
    return result;
  }();
  return *real;
}

// Encodes every term of the Reuters body field with positions: the
// postings half of a segment flush. Items are postings ((term, doc) pairs).
void BM_PostingsEncodeReuters(benchmark::State& state) {
  const RealPostings& real = ReutersPostings();
  if (real.lists.empty()) {
    state.SkipWithError("corpus reuters21578 is absent (set TRAWL_SHARED_DIR)");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    PostingsWriter writer;
    for (const PostingsList& list : real.lists) {
      benchmark::DoNotOptimize(writer.Add(list.docs, list.freqs, list.positions, real.norms));
    }
    bytes = writer.postings_size() + writer.TakePositions().size();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(real.postings));
  state.counters["terms"] = static_cast<double>(real.lists.size());
  state.counters["bytes/posting"] = static_cast<double>(bytes) / static_cast<double>(real.postings);
}
BENCHMARK(BM_PostingsEncodeReuters)->Unit(benchmark::kMillisecond);

// Reset and a full Next() scan of every Reuters body term. Items are
// postings.
void BM_PostingsDecodeReuters(benchmark::State& state) {
  const RealPostings& real = ReutersPostings();
  if (real.lists.empty()) {
    state.SkipWithError("corpus reuters21578 is absent (set TRAWL_SHARED_DIR)");
    return;
  }
  PostingsWriter writer;
  std::vector<TermInfo> infos;
  for (const PostingsList& list : real.lists) {
    infos.push_back(*writer.Add(list.docs, list.freqs, list.positions, real.norms));
  }
  const std::string postings = writer.TakePostings(), positions = writer.TakePositions();
  PostingsIterator it;
  for (auto _ : state) {
    uint64_t sum = 0;
    for (const TermInfo& info : infos) {
      if (!it.Reset(postings, positions, info).ok()) {
        state.SkipWithError("Reset failed");
        return;
      }
      while (it.Next() != kNoMoreDocs) sum += it.freq();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(real.postings));
}
BENCHMARK(BM_PostingsDecodeReuters)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace trawl
