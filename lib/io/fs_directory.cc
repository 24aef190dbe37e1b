#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/strings.h"
#include "absl/strings/str_cat.h"
#include "io/directory.h"

namespace trawl::io {
namespace {

absl::Status ErrnoStatus(std::string_view what, const std::string& path, int err) {
  std::string message = absl::StrCat(std::string(what), " ", path, ": ", std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(message);
  if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(message);
  return absl::InternalError(message);
}

class MappedFile : public FileData {
 public:
  MappedFile(void* addr, size_t size) : addr_(addr), size_(size) {}
  ~MappedFile() override {
    if (size_ > 0) munmap(addr_, size_);
  }
  std::string_view data() const override {
    return size_ == 0 ? std::string_view() : std::string_view(static_cast<const char*>(addr_), size_);
  }

 private:
  void* addr_;
  size_t size_;
};

class FdFile : public WritableFile {
 public:
  FdFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FdFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  absl::Status Append(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("write", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return absl::OkStatus();
  }
  absl::Status Sync() override {
    if (::fdatasync(fd_) != 0) return ErrnoStatus("fsync", path_, errno);
    return absl::OkStatus();
  }
  absl::Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return ErrnoStatus("close", path_, errno);
    return absl::OkStatus();
  }

 private:
  int fd_;
  std::string path_;
};

class FlockLock : public DirectoryLock {
 public:
  explicit FlockLock(int fd) : fd_(fd) {}
  ~FlockLock() override { ::close(fd_); }  // closing releases the flock

 private:
  int fd_;
};

class FsDirectory : public Directory {
 public:
  explicit FsDirectory(std::string path) : path_(std::move(path)) {}

  absl::StatusOr<std::shared_ptr<const FileData>> Read(const std::string& name) override {
    std::string path = Path(name);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("open", path, errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      return ErrnoStatus("stat", path, err);
    }
    size_t size = static_cast<size_t>(st.st_size);
    void* addr = nullptr;
    if (size > 0) {
      addr = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
      if (addr == MAP_FAILED) {
        int err = errno;
        ::close(fd);
        return ErrnoStatus("mmap", path, err);
      }
    }
    ::close(fd);  // the mapping outlives the descriptor
    return std::make_shared<MappedFile>(addr, size);
  }

  absl::StatusOr<std::unique_ptr<WritableFile>> Create(const std::string& name) override {
    std::string path = Path(name);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("create", path, errno);
    return std::make_unique<FdFile>(fd, path);
  }

  absl::Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(Path(from).c_str(), Path(to).c_str()) != 0) {
      return ErrnoStatus("rename", Path(from), errno);
    }
    return absl::OkStatus();
  }

  absl::Status Remove(const std::string& name) override {
    if (::unlink(Path(name).c_str()) != 0) return ErrnoStatus("remove", Path(name), errno);
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> List() override {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
      if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
    }
    if (ec) return ErrnoStatus("list", path_, ec.value());
    return names;
  }

  absl::Status SyncDirectory() override {
    int fd = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("open", path_, errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return ErrnoStatus("fsync", path_, err);
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) override {
    std::string path = Path(name);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoStatus("open", path, errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return absl::FailedPreconditionError(
          absl::StrCat("index ", path_, " is locked by another writer (", path, ")"));
    }
    return std::make_unique<FlockLock>(fd);
  }

  std::string Describe() const override { return path_; }

 private:
  std::string Path(const std::string& name) const { return path_ + "/" + name; }
  std::string path_;
};

}  // namespace

absl::StatusOr<std::shared_ptr<Directory>> OpenFsDirectory(const std::string& path,
                                                          bool create) {
  std::error_code ec;
  if (create) {
    std::filesystem::create_directories(path, ec);
    if (ec) return ErrnoStatus("create directory", path, ec.value());
  }
  if (!std::filesystem::is_directory(path, ec)) {
    if (std::filesystem::exists(path, ec)) {
      return absl::FailedPreconditionError(absl::StrCat(path, " is not a directory"));
    }
    return absl::NotFoundError(absl::StrCat("no index directory ", path));
  }
  return std::make_shared<FsDirectory>(path);
}

}  // namespace trawl::io
