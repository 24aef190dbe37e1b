// Format names, format detection, and the reader for whole-file formats.
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "parse/parsers.h"
#include "util/status_macros.h"

namespace trawl {
namespace {

constexpr std::pair<Format, absl::string_view> kFormatNames[] = {
    {Format::kAuto, "auto"}, {Format::kNews, "news"}, {Format::kJsonl, "jsonl"},
    {Format::kTrec, "trec"}, {Format::kHtml, "html"}, {Format::kText, "text"},
};

}  // namespace

absl::StatusOr<Format> FormatFromName(std::string_view name) {
  const absl::string_view wanted(name.data(), name.size());
  for (const auto& [format, format_name] : kFormatNames) {
    if (absl::EqualsIgnoreCase(wanted, format_name)) return format;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown format \"", wanted, "\" (expected auto, news, jsonl, trec, html or text)"));
}

std::string_view FormatName(Format format) {
  for (const auto& [f, format_name] : kFormatNames) {
    if (f == format) return std::string_view(format_name.data(), format_name.size());
  }
  return "unknown";
}

namespace parse {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr size_t kSniffBytes = 8192;

using WholeFileParser = absl::StatusOr<Document> (*)(absl::string_view, const ParseContext&);

// Reads the whole input and yields the one document `parse` makes of it.
class WholeFileReader : public RecordReader {
 public:
  WholeFileReader(BufferedInput* input, const ParseContext* ctx, WholeFileParser parse)
      : input_(input), ctx_(ctx), parse_(parse) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    const uint64_t offset = input_->offset();
    TRAWL_ASSIGN_OR_RETURN(std::string text, input_->ReadAll());
    TRAWL_RETURN_IF_ERROR(MakeValidUtf8(&text, offset, *ctx_));
    TRAWL_ASSIGN_OR_RETURN(Document doc, parse_(text, *ctx_));
    return doc;
  }

 private:
  BufferedInput* input_;
  const ParseContext* ctx_;
  WholeFileParser parse_;
  bool done_ = false;
};

// The lower-case extension of `name` once ".gz"/".zst" is removed.
std::string Extension(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  absl::string_view base = lower;
  for (absl::string_view suffix : {".gz", ".zst", ".zstd"}) {
    if (absl::ConsumeSuffix(&base, suffix)) break;
  }
  const size_t slash = base.find_last_of('/');
  const size_t dot = base.find_last_of('.');
  if (dot == absl::string_view::npos || (slash != absl::string_view::npos && dot < slash)) {
    return "";
  }
  return std::string(base.substr(dot + 1));
}

Format SniffFormat(absl::string_view head) {
  const absl::string_view start = absl::StripLeadingAsciiWhitespace(head);
  if (absl::StartsWith(start, "{")) return Format::kJsonl;
  for (absl::string_view prefix : {"<doc>", "<doc "}) {
    if (absl::StartsWithIgnoreCase(start, prefix)) return Format::kTrec;
  }
  for (absl::string_view prefix : {"<html", "<!doctype"}) {
    if (absl::StartsWithIgnoreCase(start, prefix)) return Format::kHtml;
  }
  return HasNewsDateHeader(head) ? Format::kNews : Format::kText;
}

}  // namespace

Format DetectFormat(absl::string_view name, absl::string_view head) {
  const std::string ext = Extension(name);
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonl;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  if (ext == "trec" || ext == "sgml") return Format::kTrec;
  if (ext == "txt") return HasNewsDateHeader(head) ? Format::kNews : Format::kText;
  return SniffFormat(head);
}

absl::StatusOr<std::unique_ptr<RecordReader>> NewRecordReader(
    Format format, BufferedInput* input, const ParseContext* ctx) {
  TRAWL_ASSIGN_OR_RETURN(absl::string_view head, input->Peek(kSniffBytes));
  if (absl::StartsWith(head, kByteOrderMark)) {
    input->Skip(kByteOrderMark.size());
    head.remove_prefix(kByteOrderMark.size());
  }
  if (format == Format::kAuto) format = DetectFormat(ctx->id, head);
  switch (format) {
    case Format::kJsonl:
      return NewJsonlReader(input, ctx);
    case Format::kTrec:
      return NewTrecReader(input, ctx);
    case Format::kNews:
      return std::make_unique<WholeFileReader>(input, ctx, &ParseNews);
    case Format::kHtml:
      return std::make_unique<WholeFileReader>(input, ctx, &ParseHtml);
    case Format::kAuto:
    case Format::kText:
      break;
  }
  return std::make_unique<WholeFileReader>(input, ctx, &ParseText);
}

absl::StatusOr<std::vector<Document>> ParseBuffer(Format format, absl::string_view data,
                                                  absl::string_view name,
                                                  const ParseOptions& options,
                                                  ParseStats* stats) {
  const ParseContext ctx{std::string(name), std::string(name), &options, stats};
  TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<BufferedInput> input, OpenMemoryInput(data));
  TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<RecordReader> reader,
                         NewRecordReader(format, input.get(), &ctx));
  std::vector<Document> docs;
  while (true) {
    TRAWL_ASSIGN_OR_RETURN(std::optional<Document> doc, reader->Next());
    if (!doc) return docs;
    docs.push_back(*std::move(doc));
  }
}

}  // namespace parse
}  // namespace trawl
