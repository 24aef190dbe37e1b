// A Directory is where an index keeps its files: a folder on disk (files
// read through mmap) or memory (Index::InMemory). Index code never touches
// the file system any other way, so every API test can run on both.
#ifndef TRAWL_IO_DIRECTORY_H_
#define TRAWL_IO_DIRECTORY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace trawl::io {

// The whole contents of a file, immutable and valid while this object lives.
class FileData {
 public:
  virtual ~FileData() = default;
  virtual std::string_view data() const = 0;
};

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual absl::Status Append(std::string_view data) = 0;
  // Flushes to stable storage (fsync).
  virtual absl::Status Sync() = 0;
  virtual absl::Status Close() = 0;
};

// Held while an index has a writer; released on destruction.
class DirectoryLock {
 public:
  virtual ~DirectoryLock() = default;
};

class Directory {
 public:
  virtual ~Directory() = default;

  virtual absl::StatusOr<std::shared_ptr<const FileData>> Read(const std::string& name) = 0;
  // Creates or truncates `name`.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> Create(const std::string& name) = 0;
  // Replaces `to` atomically.
  virtual absl::Status Rename(const std::string& from, const std::string& to) = 0;
  virtual absl::Status Remove(const std::string& name) = 0;
  virtual absl::StatusOr<std::vector<std::string>> List() = 0;
  // Makes renames and creations in the directory durable (fsync of the
  // folder).
  virtual absl::Status SyncDirectory() = 0;
  // An exclusive lock on `name`, across processes for a folder. Fails with
  // FailedPrecondition when already held.
  virtual absl::StatusOr<std::unique_ptr<DirectoryLock>> Lock(const std::string& name) = 0;
  // For messages: the folder path, or "<memory>".
  virtual std::string Describe() const = 0;
};

// The folder `path`; with `create`, made if missing. Fails with NotFound when
// it is missing and not to be created.
absl::StatusOr<std::shared_ptr<Directory>> OpenFsDirectory(const std::string& path,
                                                          bool create);
std::shared_ptr<Directory> NewMemoryDirectory();

// Writes `contents` to `name` so that a crash leaves either the old file or
// the whole new one: temporary file, fsync, rename, fsync of the folder.
absl::Status WriteFileAtomically(Directory& dir, const std::string& name,
                                 std::string_view contents);

}  // namespace trawl::io

#endif  // TRAWL_IO_DIRECTORY_H_
