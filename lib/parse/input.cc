#include "parse/input.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "util/status_macros.h"
#include "zlib.h"
#include "zstd.h"

namespace trawl::parse {
namespace {

constexpr size_t kInitialBuffer = 64 * 1024;

absl::Status ErrnoStatus(int err, absl::string_view what, absl::string_view path) {
  const std::string message = absl::StrCat(what, " ", path, ": ", std::strerror(err));
  return err == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
}

class FdStream : public ByteStream {
 public:
  FdStream(int fd, bool owned, std::string path, uint64_t* bytes_read)
      : fd_(fd), owned_(owned), path_(std::move(path)), bytes_read_(bytes_read) {}
  ~FdStream() override {
    if (owned_) close(fd_);
  }

  absl::StatusOr<size_t> Read(char* dst, size_t n) override {
    while (true) {
      const ssize_t got = read(fd_, dst, n);
      if (got >= 0) {
        if (bytes_read_ != nullptr) *bytes_read_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno != EINTR) return ErrnoStatus(errno, "cannot read", path_);
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string path_;
  uint64_t* bytes_read_;  // may be null
};

class MemoryStream : public ByteStream {
 public:
  explicit MemoryStream(absl::string_view data) : data_(data) {}

  absl::StatusOr<size_t> Read(char* dst, size_t n) override {
    n = std::min(n, data_.size());
    std::memcpy(dst, data_.data(), n);
    data_.remove_prefix(n);
    return n;
  }

 private:
  absl::string_view data_;
};

// Concatenated gzip members (and zlib streams) from a compressed input.
class GzipStream : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<BufferedInput> raw) : raw_(std::move(raw)) {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = inflateInit2(&z_, 15 + 32) == Z_OK;  // 32: detect the header
  }
  ~GzipStream() override {
    if (ok_) inflateEnd(&z_);
  }

  absl::StatusOr<size_t> Read(char* dst, size_t n) override {
    if (!ok_) return absl::ResourceExhaustedError("cannot initialize zlib");
    z_.next_out = reinterpret_cast<Bytef*>(dst);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1 << 30));
    const uInt wanted = z_.avail_out;
    while (z_.avail_out == wanted) {
      TRAWL_ASSIGN_OR_RETURN(absl::string_view in, raw_->PeekSome());
      if (in.empty()) {
        if (member_done_) return 0;
        return absl::DataLossError("truncated gzip data");
      }
      if (member_done_) {  // another member follows
        inflateReset(&z_);
        member_done_ = false;
      }
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      z_.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), 1 << 30));
      const uInt offered = z_.avail_in;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      raw_->Skip(offered - z_.avail_in);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return absl::DataLossError(
            absl::StrCat("corrupt gzip data: ", z_.msg ? z_.msg : "unknown error"));
      }
    }
    return wanted - z_.avail_out;
  }

 private:
  std::unique_ptr<BufferedInput> raw_;
  z_stream z_;
  bool ok_ = false;
  bool member_done_ = false;
};

// Concatenated zstd frames from a compressed input.
class ZstdStream : public ByteStream {
 public:
  explicit ZstdStream(std::unique_ptr<BufferedInput> raw)
      : raw_(std::move(raw)), z_(ZSTD_createDStream()) {}
  ~ZstdStream() override { ZSTD_freeDStream(z_); }

  absl::StatusOr<size_t> Read(char* dst, size_t n) override {
    if (z_ == nullptr) return absl::ResourceExhaustedError("cannot initialize zstd");
    ZSTD_outBuffer out = {dst, n, 0};
    while (out.pos == 0) {
      TRAWL_ASSIGN_OR_RETURN(absl::string_view in, raw_->PeekSome());
      if (in.empty() && frame_done_) return 0;
      ZSTD_inBuffer zin = {in.data(), in.size(), 0};
      const size_t rc = ZSTD_decompressStream(z_, &out, &zin);
      if (ZSTD_isError(rc)) {
        return absl::DataLossError(
            absl::StrCat("corrupt zstd data: ", ZSTD_getErrorName(rc)));
      }
      raw_->Skip(zin.pos);
      frame_done_ = rc == 0;
      if (in.empty() && out.pos == 0) {
        return absl::DataLossError("truncated zstd data");
      }
    }
    return out.pos;
  }

 private:
  std::unique_ptr<BufferedInput> raw_;
  ZSTD_DStream* z_;
  bool frame_done_ = true;
};

// Wraps `raw` in a decompressor when its first bytes are a gzip or zstd
// magic number.
absl::StatusOr<std::unique_ptr<BufferedInput>> Decompressed(
    std::unique_ptr<BufferedInput> raw) {
  TRAWL_ASSIGN_OR_RETURN(absl::string_view magic, raw->Peek(4));
  if (magic.size() >= 2 && magic[0] == '\x1f' && magic[1] == '\x8b') {
    return std::make_unique<BufferedInput>(std::make_unique<GzipStream>(std::move(raw)));
  }
  if (magic == "\x28\xb5\x2f\xfd") {
    return std::make_unique<BufferedInput>(std::make_unique<ZstdStream>(std::move(raw)));
  }
  return raw;
}

}  // namespace

BufferedInput::BufferedInput(std::unique_ptr<ByteStream> stream)
    : stream_(std::move(stream)),
      buffer_(new char[kInitialBuffer + kPadding]()),
      capacity_(kInitialBuffer) {}

absl::Status BufferedInput::Fill() {
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    const size_t grown = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[grown + kPadding]());
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  TRAWL_ASSIGN_OR_RETURN(size_t got, stream_->Read(buffer_.get() + end_, capacity_ - end_));
  if (got == 0) eof_ = true;
  end_ += got;
  return absl::OkStatus();
}

absl::StatusOr<absl::string_view> BufferedInput::Peek(size_t n) {
  while (end_ - begin_ < n && !eof_) TRAWL_RETURN_IF_ERROR(Fill());
  return absl::string_view(buffer_.get() + begin_, std::min(n, end_ - begin_));
}

absl::StatusOr<absl::string_view> BufferedInput::PeekSome() {
  if (begin_ == end_ && !eof_) TRAWL_RETURN_IF_ERROR(Fill());
  return absl::string_view(buffer_.get() + begin_, end_ - begin_);
}

void BufferedInput::Skip(size_t n) {
  begin_ += n;
  consumed_ += n;
}

absl::StatusOr<std::optional<absl::string_view>> BufferedInput::ReadLine() {
  size_t scanned = 0;  // bytes after begin_ known to hold no newline
  while (true) {
    const char* start = buffer_.get() + begin_;
    const size_t available = end_ - begin_;
    if (const void* nl = std::memchr(start + scanned, '\n', available - scanned)) {
      size_t length = static_cast<const char*>(nl) - start;
      Skip(length + 1);
      if (length > 0 && start[length - 1] == '\r') --length;
      return absl::string_view(start, length);
    }
    if (eof_) {
      if (available == 0) return std::nullopt;
      Skip(available);
      return absl::string_view(start, available);
    }
    scanned = available;
    TRAWL_RETURN_IF_ERROR(Fill());
  }
}

absl::StatusOr<std::string> BufferedInput::ReadAll() {
  std::string all(buffer_.get() + begin_, end_ - begin_);
  Skip(end_ - begin_);
  while (!eof_) {
    const size_t old_size = all.size();
    all.resize(old_size + capacity_);
    TRAWL_ASSIGN_OR_RETURN(size_t got, stream_->Read(all.data() + old_size, capacity_));
    all.resize(old_size + got);
    consumed_ += got;
    if (got == 0) eof_ = true;
  }
  return all;
}

absl::StatusOr<std::unique_ptr<BufferedInput>> OpenInput(const std::string& path,
                                                         uint64_t* bytes_read) {
  std::unique_ptr<ByteStream> stream;
  if (path == "-") {
    stream = std::make_unique<FdStream>(STDIN_FILENO, /*owned=*/false, "standard input",
                                        bytes_read);
  } else {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(errno, "cannot open", path);
    stream = std::make_unique<FdStream>(fd, /*owned=*/true, path, bytes_read);
  }
  return Decompressed(std::make_unique<BufferedInput>(std::move(stream)));
}

absl::StatusOr<std::unique_ptr<BufferedInput>> OpenMemoryInput(absl::string_view data) {
  return Decompressed(std::make_unique<BufferedInput>(std::make_unique<MemoryStream>(data)));
}

}  // namespace trawl::parse
