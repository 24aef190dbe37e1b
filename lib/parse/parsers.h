// lib/parse/parsers.h — the format parsers behind trawl::OpenDocuments.
//
// Each format turns an input into documents through a RecordReader: JSONL
// and TREC stream record by record; news, HTML and text read the whole file
// and yield one document. ParseBuffer runs any of them over bytes in memory,
// which is what tests and the fuzzer use:
//
//   ParseStats stats;
//   absl::StatusOr<std::vector<Document>> docs =
//       ParseBuffer(Format::kTrec, "<DOC><DOCNO>1</DOCNO>...</DOC>", "a.trec",
//                   ParseOptions(), &stats);
#ifndef TRAWL_LIB_PARSE_PARSERS_H_
#define TRAWL_LIB_PARSE_PARSERS_H_

#include <memory>
#include <optional>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "parse/context.h"
#include "parse/input.h"
#include "trawl/document.h"
#include "trawl/parse.h"

namespace trawl::parse {

// The documents of one input, in order. Not thread-safe.
class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // The next document, nullopt at the end. An error names ctx.path and,
  // where there is one, the line; the reader is not usable after it.
  virtual absl::StatusOr<std::optional<Document>> Next() = 0;
};

// A reader of `format` over `input`. kAuto picks the format from ctx.id's
// extension and the first bytes of the input (see DetectFormat). `input` and
// `ctx` must outlive the reader.
absl::StatusOr<std::unique_ptr<RecordReader>> NewRecordReader(
    Format format, BufferedInput* input, const ParseContext* ctx);

std::unique_ptr<RecordReader> NewJsonlReader(BufferedInput* input, const ParseContext* ctx);
std::unique_ptr<RecordReader> NewTrecReader(BufferedInput* input, const ParseContext* ctx);

// The whole-file formats. `text` is valid UTF-8; the id is ctx.id.
absl::StatusOr<Document> ParseNews(absl::string_view text, const ParseContext& ctx);
absl::StatusOr<Document> ParseHtml(absl::string_view text, const ParseContext& ctx);
absl::StatusOr<Document> ParseText(absl::string_view text, const ParseContext& ctx);

// The format of an input named `name` (compression suffixes ignored) whose
// first bytes are `head`: by extension, then by content; never kAuto.
Format DetectFormat(absl::string_view name, absl::string_view head);

// True when the first non-blank line of `text` is a news header:
// optional white space, "date", white space, then a token starting with a
// digit (normally YYYY-MM-DD).
bool HasNewsDateHeader(absl::string_view text);

// Every document of `data` (gzip/zstd data is decompressed) parsed as
// `format`; `name` is the input's name and id. Stops at the first error.
absl::StatusOr<std::vector<Document>> ParseBuffer(Format format, absl::string_view data,
                                                  absl::string_view name,
                                                  const ParseOptions& options,
                                                  ParseStats* stats);

}  // namespace trawl::parse

#endif  // TRAWL_LIB_PARSE_PARSERS_H_
