// Helpers for the parse tests: a scratch folder and draining a source.
#ifndef TRAWL_TESTS_PARSE_PARSE_TESTING_H_
#define TRAWL_TESTS_PARSE_PARSE_TESTING_H_

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "trawl/document.h"
#include "trawl/parse.h"

namespace trawl::testing {

// A fresh folder under the test's temporary directory, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::path(::testing::TempDir()) /
            (std::string("trawl_parse_") + info->test_suite_name() + "_" + info->name() + "_" +
             std::to_string(std::random_device()()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` to `relative` (creating folders); returns the full path.
  std::string Write(const std::string& relative, const std::string& bytes) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// Every document of `source`, or its first error.
inline absl::StatusOr<std::vector<Document>> Drain(DocumentSource& source) {
  std::vector<Document> docs;
  while (true) {
    absl::StatusOr<std::optional<Document>> doc = source.Next();
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) return docs;
    docs.push_back(**std::move(doc));
  }
}

// Every document of `paths`, or the first error of opening or reading them.
inline absl::StatusOr<std::vector<Document>> ReadDocuments(
    const std::vector<std::string>& paths, const ParseOptions& options = {},
    ParseStats* stats = nullptr) {
  absl::StatusOr<std::unique_ptr<DocumentSource>> source = OpenDocuments(paths, options);
  if (!source.ok()) return source.status();
  absl::StatusOr<std::vector<Document>> docs = Drain(**source);
  if (stats != nullptr) *stats = (*source)->stats();
  return docs;
}

// The one value of `field`, or "<none>" / "<many>".
inline std::string Value(const Document& doc, std::string_view field) {
  const std::vector<std::string_view> values = doc.GetAll(field);
  if (values.empty()) return "<none>";
  if (values.size() > 1) return "<many>";
  return std::string(values[0]);
}

}  // namespace trawl::testing

#endif  // TRAWL_TESTS_PARSE_PARSE_TESTING_H_
