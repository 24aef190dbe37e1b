// libFuzzer target: every named analyzer, plus a pipeline with every filter,
// on arbitrary bytes. Traps unless offsets lie within the input with
// start < end, positions never decrease, and terms are valid, non-empty
// UTF-8 within the length limit.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined \
//     -I include -I lib tests/fuzz/tokenizer_fuzz.cc lib/analysis/*.cc \
//     -lutf8proc -lstemmer -labsl_... && ./a.out -max_total_time=30
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "trawl/analyzer.h"
#include "util/utf8.h"

namespace {

const std::vector<std::unique_ptr<trawl::Analyzer>>& Analyzers() {
  static const auto* analyzers = [] {
    auto* all = new std::vector<std::unique_ptr<trawl::Analyzer>>();
    for (const std::string& name : trawl::AnalyzerNames()) {
      auto analyzer = trawl::MakeAnalyzer(name);
      if (!analyzer.ok()) __builtin_trap();
      all->push_back(std::move(*analyzer));
    }
    trawl::AnalyzerSpec everything;
    everything.nfkc = true;
    everything.ascii_fold = true;
    everything.english_possessive = true;
    everything.elision = "french";
    everything.stop_words = "german";
    everything.stemmer = "german";
    auto analyzer = trawl::MakeAnalyzer(everything);
    if (!analyzer.ok()) __builtin_trap();
    all->push_back(std::move(*analyzer));
    return all;
  }();
  return *analyzers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& analyzer : Analyzers()) {
    bool first = true;
    uint32_t last_position = 0;
    analyzer->Analyze(text, [&](const trawl::Token& t) {
      if (t.start_offset >= t.end_offset || t.end_offset > size) __builtin_trap();
      if (!first && t.position < last_position) __builtin_trap();
      if (t.text.empty() || t.text.size() > trawl::AnalyzerSpec().max_token_bytes) {
        __builtin_trap();
      }
      if (!trawl::util::ScanUtf8(t.text).valid) __builtin_trap();
      first = false;
      last_position = t.position;
    });
  }
  return 0;
}
