// lib/parse/input.h — reading bytes: files, standard input, memory, and the
// gzip and zstd streams inside them.
//
//   TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<BufferedInput> in, OpenInput(path));
//   while (true) {
//     TRAWL_ASSIGN_OR_RETURN(std::optional<absl::string_view> line, in->ReadLine());
//     if (!line) break;
//     ...
//   }
//
// Compression is recognized by its magic bytes, not the file name, so that
// standard input and misnamed files work too.
#ifndef TRAWL_LIB_PARSE_INPUT_H_
#define TRAWL_LIB_PARSE_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace trawl::parse {

// A source of bytes read front to back.
class ByteStream {
 public:
  virtual ~ByteStream() = default;

  // Reads up to `n` (> 0) bytes into `dst`; returns 0 only at the end.
  virtual absl::StatusOr<size_t> Read(char* dst, size_t n) = 0;
};

// A ByteStream behind a growable buffer, for reading lines or peeking ahead.
// Every view it returns is followed by at least kPadding readable bytes
// (what simdjson needs to parse in place) and stays valid until the next
// call. Not thread-safe.
class BufferedInput {
 public:
  static constexpr size_t kPadding = 64;

  explicit BufferedInput(std::unique_ptr<ByteStream> stream);
  BufferedInput(const BufferedInput&) = delete;
  BufferedInput& operator=(const BufferedInput&) = delete;

  // The next `n` bytes without consuming them; fewer only at the end.
  absl::StatusOr<absl::string_view> Peek(size_t n);

  // Whatever is buffered, reading more only when nothing is; empty at the end.
  absl::StatusOr<absl::string_view> PeekSome();

  // Consumes `n` bytes, which must have been peeked.
  void Skip(size_t n);

  // The next line without its "\n" or "\r\n"; nullopt at the end. A last
  // line without a newline is still returned.
  absl::StatusOr<std::optional<absl::string_view>> ReadLine();

  // Everything left.
  absl::StatusOr<std::string> ReadAll();

  // Bytes consumed so far.
  uint64_t offset() const { return consumed_; }

 private:
  // Reads more bytes after the buffered ones, compacting or growing the
  // buffer first; sets eof_ when the stream is exhausted.
  absl::Status Fill();

  std::unique_ptr<ByteStream> stream_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_;      // usable bytes, not counting the padding
  size_t begin_ = 0;     // first unconsumed byte
  size_t end_ = 0;       // one past the last buffered byte
  uint64_t consumed_ = 0;
  bool eof_ = false;
};

// A file, or standard input for "-", decompressed when it is gzip or zstd.
// Fails with NotFound when the file does not exist. Adds the bytes it reads
// as stored to *bytes_read when given (progress reports).
absl::StatusOr<std::unique_ptr<BufferedInput>> OpenInput(const std::string& path,
                                                         uint64_t* bytes_read = nullptr);

// `data`, which must outlive the input, decompressed when it is gzip or zstd.
absl::StatusOr<std::unique_ptr<BufferedInput>> OpenMemoryInput(absl::string_view data);

}  // namespace trawl::parse

#endif  // TRAWL_LIB_PARSE_INPUT_H_
