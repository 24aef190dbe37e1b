// libFuzzer target for the document parsers. The first byte picks the format
// and the options; the rest is the input, parsed in memory.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined \
//       -Iinclude -Ilib tests/fuzz/parse_fuzz.cc lib/parse/*.cc ... && ./a.out
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parse/parsers.h"
#include "trawl/parse.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using trawl::Format;
  if (size == 0) return 0;
  constexpr Format kFormats[] = {Format::kAuto, Format::kNews, Format::kJsonl,
                                 Format::kTrec, Format::kHtml, Format::kText};
  const uint8_t selector = data[0];
  trawl::ParseOptions options;
  options.strict_utf8 = (selector & 0x08) != 0;
  options.lenient = (selector & 0x10) != 0;
  if (selector & 0x20) options.json_fields = {{"a.b", "title"}, {"id", "id"}, {"d", "date"}};
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  trawl::ParseStats stats;
  absl::StatusOr<std::vector<trawl::Document>> docs = trawl::parse::ParseBuffer(
      kFormats[(selector & 0x07) % 6], input, "fuzz.input", options, &stats);
  if (!docs.ok()) return 0;
  for (const trawl::Document& doc : *docs) {
    if (doc.Get("id") == nullptr) __builtin_trap();  // every document has an id
    for (const auto& [field, value] : doc.fields()) {
      if (!trawl::util::IsValidUtf8(value)) __builtin_trap();
    }
  }
  return 0;
}
