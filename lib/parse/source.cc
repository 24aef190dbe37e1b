// OpenDocuments: files, folders and standard input as one document stream.
#include <fnmatch.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "parse/parsers.h"
#include "util/status_macros.h"

namespace trawl {
namespace parse {
namespace {

namespace fs = std::filesystem;

// A file is binary, and skipped, when its first bytes hold a NUL.
constexpr size_t kBinaryCheckBytes = 8192;

// A file waiting to be read, or a folder waiting to be listed.
struct Pending {
  std::string path;  // as the user or the folder listing spells it
  std::string id;    // relative to the folder given, or the file name
  bool folder = false;
};

class FileSource : public DocumentSource {
 public:
  FileSource(std::deque<Pending> pending, const ParseOptions& options)
      : pending_(std::move(pending)), options_(options) {
    ctx_.options = &options_;
    ctx_.stats = &stats_;
  }

  absl::StatusOr<std::optional<Document>> Next() override {
    if (done_) return std::nullopt;
    absl::StatusOr<std::optional<Document>> doc = NextOrError();
    if (!doc.ok() && doc.status().code() != absl::StatusCode::kInvalidArgument &&
        !ctx_.path.empty()) {
      // Stream errors (corrupt compressed data, failed reads) do not know
      // their file; parse errors already name it.
      doc = absl::Status(doc.status().code(),
                         absl::StrCat(ctx_.path, ": ", doc.status().message()));
    }
    if (!doc.ok() || !doc->has_value()) {
      done_ = true;
      reader_.reset();
      input_.reset();
    }
    return doc;
  }

  const ParseStats& stats() const override { return stats_; }

 private:
  absl::StatusOr<std::optional<Document>> NextOrError() {
    while (true) {
      if (reader_ == nullptr) {
        if (pending_.empty()) return std::nullopt;
        Pending next = std::move(pending_.front());
        pending_.pop_front();
        TRAWL_RETURN_IF_ERROR(next.folder ? ListFolder(next) : OpenFile(std::move(next)));
        continue;
      }
      TRAWL_ASSIGN_OR_RETURN(std::optional<Document> doc, reader_->Next());
      stats_.bytes = finished_bytes_ + input_->offset();
      if (doc) {
        ++stats_.documents;
        return doc;
      }
      finished_bytes_ = stats_.bytes;
      reader_.reset();
      input_.reset();
    }
  }

  bool Included(const fs::path& file) const {
    if (options_.include_globs.empty()) return true;
    const std::string name = file.filename().string();
    return std::any_of(options_.include_globs.begin(), options_.include_globs.end(),
                       [&name](const std::string& glob) {
                         return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
                       });
  }

  // Queues the folder's regular files, recursively and in sorted order,
  // ahead of the inputs given after it.
  absl::Status ListFolder(const Pending& folder) {
    std::error_code ec;
    fs::recursive_directory_iterator it(
        folder.path, fs::directory_options::skip_permission_denied, ec);
    std::vector<fs::path> files;
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && Included(it->path())) files.push_back(it->path());
    }
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("cannot list folder ", folder.path, ": ", ec.message()));
    }
    std::sort(files.begin(), files.end());
    for (auto file = files.rbegin(); file != files.rend(); ++file) {
      const std::string id = file->lexically_relative(folder.path).generic_string();
      pending_.push_front({file->string(), id, false});
    }
    return absl::OkStatus();
  }

  // Prepares reader_ for `file`, or skips it (counted, with a message) when it
  // cannot be opened or is binary.
  absl::Status OpenFile(Pending file) {
    absl::StatusOr<std::unique_ptr<BufferedInput>> input = OpenInput(file.path, &stats_.stored_bytes);
    if (!input.ok()) return Skip(file.path, input.status().message());
    ctx_.path = std::move(file.path);
    ctx_.id = std::move(file.id);
    TRAWL_ASSIGN_OR_RETURN(absl::string_view head, (*input)->Peek(kBinaryCheckBytes));
    if (head.find('\0') != absl::string_view::npos) return Skip(ctx_.path, "binary file");
    input_ = *std::move(input);
    TRAWL_ASSIGN_OR_RETURN(reader_, NewRecordReader(options_.format, input_.get(), &ctx_));
    return absl::OkStatus();
  }

  absl::Status Skip(absl::string_view path, absl::string_view why) {
    ++stats_.skipped_files;
    stats_.messages.push_back(absl::StrCat(path, ": skipped: ", why));
    return absl::OkStatus();
  }

  std::deque<Pending> pending_;
  const ParseOptions options_;
  ParseStats stats_;
  ParseContext ctx_;
  std::unique_ptr<BufferedInput> input_;
  std::unique_ptr<RecordReader> reader_;
  uint64_t finished_bytes_ = 0;  // bytes of the files already read
  bool done_ = false;
};

}  // namespace
}  // namespace parse

absl::StatusOr<std::unique_ptr<DocumentSource>> OpenDocuments(
    const std::vector<std::string>& paths, const ParseOptions& options) {
  std::deque<parse::Pending> pending;
  for (const std::string& path : paths) {
    if (path == "-") {
      pending.push_back({path, "stdin", false});
      continue;
    }
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) {
      return absl::NotFoundError(absl::StrCat("no such file or folder: ", path));
    }
    const bool folder = std::filesystem::is_directory(status);
    pending.push_back(
        {path, folder ? "" : std::filesystem::path(path).filename().string(), folder});
  }
  return std::make_unique<parse::FileSource>(std::move(pending), options);
}

}  // namespace trawl
