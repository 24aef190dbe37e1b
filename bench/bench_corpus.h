// Shared helpers for the benchmarks that read the shared corpora
// (tests/testing/corpora.h): whole files decompressed into memory, corpora
// parsed into Documents once, a scratch folder on disk that removes itself,
// and the bytes a folder holds.
//
//   const bench::CorpusDocs* docs = bench::CorpusDocuments("reuters21578");
//   if (docs == nullptr) return state.SkipWithError("corpus reuters21578 absent");
//   for (const Document& doc : docs->docs) ...
//
// Everything here is for benchmarks only: failures come back as nullptr or
// an empty value, which the benchmark turns into SkipWithError.
#ifndef TRAWL_BENCH_BENCH_CORPUS_H_
#define TRAWL_BENCH_BENCH_CORPUS_H_

#include <stdlib.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "tests/testing/corpora.h"
#include "trawl/document.h"
#include "trawl/parse.h"

namespace trawl::bench {

// The three large throughput corpora plus Reuters, largest text first.
inline const std::vector<std::string>& ThroughputCorpora() {
  static const auto* names =
      new std::vector<std::string>{"gcide", "linux-doc", "reuters21578", "python-doc"};
  return *names;
}

// The docs file (docs.jsonl or docs.jsonl.gz) of corpus `name`, decompressed
// into memory by zlib (which reads plain files as they are); "" when the
// corpus is absent or unreadable.
inline std::string ReadCorpusFile(const std::string& name) {
  const std::optional<std::filesystem::path> path = testing::SharedCorpusDocs(name);
  if (!path) return "";
  gzFile file = gzopen(path->c_str(), "rb");
  if (file == nullptr) return "";
  std::string data;
  char chunk[1 << 16];
  int n;
  while ((n = gzread(file, chunk, sizeof(chunk))) > 0) data.append(chunk, static_cast<size_t>(n));
  const bool failed = n < 0;
  gzclose(file);
  return failed ? "" : data;
}

// A corpus parsed into Documents with the JSONL parser's default mapping
// (every top-level key becomes a field; Schema::Default() keeps id, title,
// body, date and source).
struct CorpusDocs {
  std::string name;
  std::vector<Document> docs;
  uint64_t input_bytes = 0;  // JSONL bytes parsed (decompressed)
  uint64_t text_bytes = 0;   // bytes of every field value
};

// Parses corpus `name` through the public OpenDocuments(), stopping after the
// first document that takes the input past `max_input_bytes`. nullptr when
// the corpus is absent or fails to parse.
inline std::unique_ptr<CorpusDocs> LoadCorpusDocuments(
    const std::string& name, uint64_t max_input_bytes = std::numeric_limits<uint64_t>::max()) {
  const std::optional<std::filesystem::path> path = testing::SharedCorpusDocs(name);
  if (!path) return nullptr;
  ParseOptions options;
  options.format = Format::kJsonl;
  auto source = OpenDocuments({path->string()}, options);
  if (!source.ok()) return nullptr;
  auto result = std::make_unique<CorpusDocs>();
  result->name = name;
  while ((*source)->stats().bytes < max_input_bytes) {
    absl::StatusOr<std::optional<Document>> doc = (*source)->Next();
    if (!doc.ok()) return nullptr;
    if (!doc->has_value()) break;
    for (const auto& [field, value] : (*doc)->fields()) result->text_bytes += value.size();
    result->docs.push_back(std::move(**doc));
  }
  result->input_bytes = (*source)->stats().bytes;
  return result;
}

// LoadCorpusDocuments(name) loaded once per process and kept for every
// benchmark; nullptr when absent. Thread-safe.
inline const CorpusDocs* CorpusDocuments(const std::string& name) {
  static std::mutex mu;
  static auto* cache = new std::map<std::string, std::unique_ptr<CorpusDocs>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(name);
  if (it == cache->end()) it = cache->emplace(name, LoadCorpusDocuments(name)).first;
  return it->second.get();
}

// A fresh folder under the system temp directory, removed with everything
// in it on destruction.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trawl-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScopedTempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  // Empty when the folder could not be made.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Total bytes of the regular files directly in `dir`.
inline uint64_t FolderBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

}  // namespace trawl::bench

#endif  // TRAWL_BENCH_BENCH_CORPUS_H_
