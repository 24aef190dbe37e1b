#include <map>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "io/directory.h"

namespace trawl::io {
namespace {

class StringFile : public FileData {
 public:
  explicit StringFile(std::shared_ptr<const std::string> bytes) : bytes_(std::move(bytes)) {}
  std::string_view data() const override { return *bytes_; }

 private:
  std::shared_ptr<const std::string> bytes_;
};

struct MemoryFiles {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const std::string>> files;
  std::map<std::string, bool> locks;
};

// Buffers the bytes; they become visible in the directory on Close().
class MemoryWritableFile : public WritableFile {
 public:
  MemoryWritableFile(std::shared_ptr<MemoryFiles> files, std::string name)
      : files_(std::move(files)), name_(std::move(name)) {}
  ~MemoryWritableFile() override { Close().IgnoreError(); }
  absl::Status Append(std::string_view data) override {
    buffer_.append(data);
    return absl::OkStatus();
  }
  absl::Status Sync() override { return absl::OkStatus(); }
  absl::Status Close() override {
    if (closed_) return absl::OkStatus();
    closed_ = true;
    std::lock_guard<std::mutex> lock(files_->mu);
    files_->files[name_] = std::make_shared<const std::string>(std::move(buffer_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<MemoryFiles> files_;
  std::string name_;
  std::string buffer_;
  bool closed_ = false;
};

class MemoryLock : public DirectoryLock {
 public:
  MemoryLock(std::shared_ptr<MemoryFiles> files, std::string name)
      : files_(std::move(files)), name_(std::move(name)) {}
  ~MemoryLock() override {
    std::lock_guard<std::mutex> lock(files_->mu);
    files_->locks.erase(name_);
  }

 private:
  std::shared_ptr<MemoryFiles> files_;
  std::string name_;
};

class MemoryDirectory : public Directory {
 public:
  absl::StatusOr<std::shared_ptr<const FileData>> Read(const std::string& name) override {
    std::lock_guard<std::mutex> lock(files_->mu);
    auto it = files_->files.find(name);
    if (it == files_->files.end()) return absl::NotFoundError(absl::StrCat("no file ", name));
    return std::make_shared<StringFile>(it->second);
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> Create(const std::string& name) override {
    return std::make_unique<MemoryWritableFile>(files_, name);
  }
  absl::Status Rename(const std::string& from, const std::string& to) override {
    std::lock_guard<std::mutex> lock(files_->mu);
    auto it = files_->files.find(from);
    if (it == files_->files.end()) return absl::NotFoundError(absl::StrCat("no file ", from));
    files_->files[to] = it->second;
    files_->files.erase(from);
    return absl::OkStatus();
  }
  absl::Status Remove(const std::string& name) override {
    std::lock_guard<std::mutex> lock(files_->mu);
    if (files_->files.erase(name) == 0) return absl::NotFoundError(absl::StrCat("no file ", name));
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<std::string>> List() override {
    std::lock_guard<std::mutex> lock(files_->mu);
    std::vector<std::string> names;
    for (const auto& [name, bytes] : files_->files) names.push_back(name);
    return names;
  }
  absl::Status SyncDirectory() override { return absl::OkStatus(); }
  absl::StatusOr<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) override {
    std::lock_guard<std::mutex> lock(files_->mu);
    if (files_->locks[name]) {
      return absl::FailedPreconditionError("in-memory index is locked by another writer");
    }
    files_->locks[name] = true;
    return std::make_unique<MemoryLock>(files_, name);
  }
  std::string Describe() const override { return "<memory>"; }

 private:
  std::shared_ptr<MemoryFiles> files_ = std::make_shared<MemoryFiles>();
};

}  // namespace

std::shared_ptr<Directory> NewMemoryDirectory() { return std::make_shared<MemoryDirectory>(); }

}  // namespace trawl::io
