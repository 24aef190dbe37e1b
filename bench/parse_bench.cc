// Parsing throughput per format, in bytes of input per second on one core.
// JSONL runs over the real reuters21578 corpus (decompressed to memory
// first); news, HTML and TREC over synthetic documents of similar size.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "benchmark/benchmark.h"
#include "parse/input.h"
#include "parse/parsers.h"
#include "tests/testing/corpora.h"
#include "trawl/parse.h"

namespace trawl {
namespace {

// The decompressed bytes of a shared corpus' docs file, or "" when absent.
std::string LoadCorpus(const std::string& name) {
  const std::optional<std::filesystem::path> path = testing::SharedCorpusDocs(name);
  if (!path) return "";
  std::ifstream in(*path, std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  absl::StatusOr<std::unique_ptr<parse::BufferedInput>> input = parse::OpenMemoryInput(raw);
  if (!input.ok()) return "";
  absl::StatusOr<std::string> all = (*input)->ReadAll();
  return all.ok() ? *std::move(all) : "";
}

// Parses `data` as `format` once per iteration, one document at a time.
void RunParser(benchmark::State& state, Format format, const std::string& data) {
  const ParseOptions options;
  ParseStats stats;
  const parse::ParseContext ctx{"bench", "bench", &options, &stats};
  int64_t docs = 0;
  for (auto _ : state) {
    auto input = parse::OpenMemoryInput(data);
    auto reader = parse::NewRecordReader(format, input->get(), &ctx);
    if (!reader.ok()) {
      state.SkipWithError(std::string(reader.status().message()).c_str());
      return;
    }
    while (true) {
      absl::StatusOr<std::optional<Document>> doc = (*reader)->Next();
      if (!doc.ok()) {
        state.SkipWithError(std::string(doc.status().message()).c_str());
        return;
      }
      if (!doc->has_value()) break;
      benchmark::DoNotOptimize(**doc);
      ++docs;
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
  state.counters["docs"] = benchmark::Counter(static_cast<double>(docs),
                                              benchmark::Counter::kIsRate);
}

// Roughly news-sized prose with punctuation, quotes and numbers.
std::string Paragraph(int i) {
  return "On Jan " + std::to_string(i % 28 + 1) +
         ", officials said the \xE2\x80\x9Cprosperity package\xE2\x80\x9D worth US$" +
         std::to_string(100 + i) +
         " billion would be signed at the forum in Davos next week, according to "
         "people familiar with the talks.";
}

std::string SyntheticNews() {
  std::string text = " date 2026-01-16 Sign up now: Get ST's newsletters delivered\n\n";
  for (int i = 0; i < 20000; ++i) text += Paragraph(i) + "\n\n";
  return text + "He told reporters. REUTERS";
}

std::string SyntheticHtml() {
  std::string html =
      "<!DOCTYPE html><html><head><title>Talks &amp; deals</title>"
      "<meta property=\"article:published_time\" content=\"2026-01-16T10:00:00Z\">"
      "<style>p{margin:0}</style><script>var x = '<p>';</script></head><body>";
  for (int i = 0; i < 20000; ++i) {
    html += "<div class=\"para\"><p>" + Paragraph(i) +
            " <a href=\"/story?id=1&amp;ref=2\">More</a> &mdash; it&#8217;s <b>bold</b>.</p>"
            "</div>\n";
  }
  return html + "</body></html>";
}

std::string SyntheticTrec() {
  std::string trec;
  for (int i = 0; i < 10000; ++i) {
    trec += "<DOC>\n<DOCNO> AP880301-" + std::to_string(i) +
            " </DOCNO>\n<DATE>880301</DATE>\n<HEAD>Talks &amp; deals " + std::to_string(i) +
            "</HEAD>\n<TEXT>\n";
    for (int p = 0; p < 8; ++p) trec += "   " + Paragraph(i + p) + "\n";
    trec += "</TEXT>\n</DOC>\n";
  }
  return trec;
}

void BM_ParseJsonl(benchmark::State& state) {
  static const std::string* data = new std::string(LoadCorpus("reuters21578"));
  if (data->empty()) {
    state.SkipWithError("shared corpus reuters21578 not found");
    return;
  }
  RunParser(state, Format::kJsonl, *data);
}
BENCHMARK(BM_ParseJsonl)->Unit(benchmark::kMillisecond);

void BM_ParseNews(benchmark::State& state) {
  static const std::string* data = new std::string(SyntheticNews());
  RunParser(state, Format::kNews, *data);
}
BENCHMARK(BM_ParseNews)->Unit(benchmark::kMillisecond);

void BM_ParseHtml(benchmark::State& state) {
  static const std::string* data = new std::string(SyntheticHtml());
  RunParser(state, Format::kHtml, *data);
}
BENCHMARK(BM_ParseHtml)->Unit(benchmark::kMillisecond);

void BM_ParseTrec(benchmark::State& state) {
  static const std::string* data = new std::string(SyntheticTrec());
  RunParser(state, Format::kTrec, *data);
}
BENCHMARK(BM_ParseTrec)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace trawl
