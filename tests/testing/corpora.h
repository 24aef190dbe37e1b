// Where the shared corpora are: $TRAWL_SHARED_DIR, else ../shared beside the
// source tree. Tests and benchmarks that read them skip with a message when
// they are absent (a fresh clone has no ../shared).
#ifndef TRAWL_TESTS_TESTING_CORPORA_H_
#define TRAWL_TESTS_TESTING_CORPORA_H_

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace trawl::testing {

// The folder `corpora/<name>` if it exists.
inline std::optional<std::filesystem::path> SharedCorpus(const std::string& name) {
  std::filesystem::path shared;
  if (const char* env = std::getenv("TRAWL_SHARED_DIR"); env && *env) {
    shared = env;
  } else {
    shared = std::filesystem::path(TRAWL_SOURCE_DIR).parent_path() / "shared";
  }
  std::filesystem::path dir = shared / "corpora" / name;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

// The documents file of a corpus, docs.jsonl or docs.jsonl.gz.
inline std::optional<std::filesystem::path> SharedCorpusDocs(const std::string& name) {
  auto dir = SharedCorpus(name);
  if (!dir) return std::nullopt;
  for (const char* file : {"docs.jsonl", "docs.jsonl.gz"}) {
    if (std::filesystem::exists(*dir / file)) return *dir / file;
  }
  return std::nullopt;
}

}  // namespace trawl::testing

#endif  // TRAWL_TESTS_TESTING_CORPORA_H_
