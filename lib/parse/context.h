// lib/parse/context.h — what a format parser knows about the input it reads,
// and the helpers every parser shares to report errors and fix UTF-8.
#ifndef TRAWL_LIB_PARSE_CONTEXT_H_
#define TRAWL_LIB_PARSE_CONTEXT_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "trawl/parse.h"

namespace trawl::parse {

// One input being parsed. The options and stats outlive the parser.
struct ParseContext {
  std::string path;  // as opened, for messages: "corpus/a.txt", "-"
  std::string id;    // relative name: the id of whole-file documents and the
                     // prefix of generated ids ("a.jsonl:12")
  const ParseOptions* options = nullptr;
  ParseStats* stats = nullptr;
};

// InvalidArgument "<path>, line <line>: <what>".
absl::Status LineError(const ParseContext& ctx, uint64_t line, absl::string_view what);

// `ctx.id` + ":" + line, the id of a record that has none.
std::string GeneratedId(const ParseContext& ctx, uint64_t line);

// Appends `text`, which starts at byte `offset` of the input, to `out` as
// valid UTF-8: invalid sequences become U+FFFD and are counted in
// stats->invalid_utf8, or fail with InvalidArgument naming the byte offset
// under options->strict_utf8.
absl::Status AppendValidUtf8(absl::string_view text, uint64_t offset,
                             const ParseContext& ctx, std::string* out);

// The same in place; costs one fast scan when `text` is already valid.
absl::Status MakeValidUtf8(std::string* text, uint64_t offset, const ParseContext& ctx);

}  // namespace trawl::parse

#endif  // TRAWL_LIB_PARSE_CONTEXT_H_
