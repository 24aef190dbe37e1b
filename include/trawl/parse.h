// trawl/parse.h — turning files into Documents.
//
//   trawl::ParseOptions options;            // format kAuto: by extension/content
//   auto source = trawl::OpenDocuments({"seeds/"}, options);
//   if (!source.ok()) return source.status();
//   while (true) {
//     absl::StatusOr<std::optional<trawl::Document>> doc = (*source)->Next();
//     if (!doc.ok()) return doc.status();   // carries path and line
//     if (!doc->has_value()) break;         // end of input
//     Use(**doc);
//   }
//
// Every parser produces the fields of the default schema where it can:
// `id`, `title`, `body`, `date` (YYYY-MM-DD) and `source`.
#ifndef TRAWL_PARSE_H_
#define TRAWL_PARSE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "trawl/document.h"

namespace trawl {

enum class Format {
  kAuto,   // decided per file by extension, then by sniffing the content
  kNews,   // the seed format: "date YYYY-MM-DD" header, paragraphs, agency tag
  kJsonl,  // one JSON object per line
  kTrec,   // TREC SGML <DOC> records
  kHtml,
  kText,   // whole file is the body, file name the id
};

// "auto", "news", "jsonl", "trec", "html", "text".
absl::StatusOr<Format> FormatFromName(std::string_view name);
std::string_view FormatName(Format format);

struct ParseOptions {
  Format format = Format::kAuto;
  // Invalid UTF-8 fails with the byte offset instead of being replaced by
  // U+FFFD.
  bool strict_utf8 = false;
  // A JSONL line that is not a JSON object is skipped and counted instead of
  // failing the whole input.
  bool lenient = false;
  // JSONL: (dotted JSON path, document field) pairs. Empty means the identity
  // mapping of every top-level scalar or array-of-strings key.
  std::vector<std::pair<std::string, std::string>> json_fields;
  // Folders: only files whose name matches one of these globs ("*.txt");
  // empty means every regular file.
  std::vector<std::string> include_globs;
};

// What a source has met so far.
struct ParseStats {
  uint64_t documents = 0;
  uint64_t bytes = 0;                // input bytes consumed (decompressed)
  uint64_t stored_bytes = 0;         // bytes read from the inputs as stored
                                     // (compressed), read-ahead included
  uint64_t invalid_utf8 = 0;         // sequences replaced by U+FFFD
  uint64_t skipped_lines = 0;        // lenient JSONL lines dropped
  uint64_t skipped_files = 0;        // binary or unreadable files skipped
  std::vector<std::string> messages; // one line per skipped file
};

// A stream of documents. Not thread-safe: one thread drives a source.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;

  // The next document, std::nullopt at the end of input. An error names the
  // file and, where it has one, the line; after an error the source is done.
  virtual absl::StatusOr<std::optional<Document>> Next() = 0;

  virtual const ParseStats& stats() const = 0;
};

// Opens files and folders (recursively, in sorted order) as one stream; "-"
// is standard input. ".gz" and ".zst" files are decompressed on the fly.
// Fails with NotFound for a missing path. Nothing is read before Next().
absl::StatusOr<std::unique_ptr<DocumentSource>> OpenDocuments(
    const std::vector<std::string>& paths, const ParseOptions& options);

// Parses one article in the seed's news format held in memory.
absl::StatusOr<Document> ParseNewsArticle(std::string_view text,
                                          std::string id);

}  // namespace trawl

#endif  // TRAWL_PARSE_H_
