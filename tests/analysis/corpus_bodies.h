// Reads the `body` fields of a shared corpus (tests/testing/corpora.h), for
// the analysis tests and benchmarks.
#ifndef TRAWL_TESTS_ANALYSIS_CORPUS_BODIES_H_
#define TRAWL_TESTS_ANALYSIS_CORPUS_BODIES_H_

#include <zlib.h>

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "simdjson.h"

namespace trawl::testing {

// The bodies of the documents in `docs` (docs.jsonl or docs.jsonl.gz; zlib
// reads both), in file order, stopping once they hold `max_bytes`.
inline absl::StatusOr<std::vector<std::string>> ReadCorpusBodies(
    const std::filesystem::path& docs,
    size_t max_bytes = std::numeric_limits<size_t>::max()) {
  gzFile file = gzopen(docs.c_str(), "rb");
  if (file == nullptr) return absl::NotFoundError("cannot open " + docs.string());
  std::string data;
  char chunk[1 << 16];
  int n;
  while ((n = gzread(file, chunk, sizeof(chunk))) > 0) data.append(chunk, n);
  const bool failed = n < 0;
  gzclose(file);
  if (failed) return absl::DataLossError("cannot read " + docs.string());

  std::vector<std::string> bodies;
  size_t total = 0;
  simdjson::dom::parser parser;
  size_t line_no = 0;
  for (size_t pos = 0; pos < data.size() && total < max_bytes; ++line_no) {
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    const std::string_view line(data.data() + pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    std::string_view body;
    if (parser.parse(line.data(), line.size())["body"].get(body) != simdjson::SUCCESS) {
      return absl::DataLossError(docs.string() + ": no body on line " +
                                 std::to_string(line_no + 1));
    }
    total += body.size();
    bodies.emplace_back(body);
  }
  return bodies;
}

}  // namespace trawl::testing

#endif  // TRAWL_TESTS_ANALYSIS_CORPUS_BODIES_H_
