#include "parse/context.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "util/status_macros.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace trawl::parse {

absl::Status LineError(const ParseContext& ctx, uint64_t line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(ctx.path, ", line ", line, ": ", what));
}

std::string GeneratedId(const ParseContext& ctx, uint64_t line) {
  return absl::StrCat(ctx.id, ":", line);
}

absl::Status AppendValidUtf8(absl::string_view text, uint64_t offset,
                             const ParseContext& ctx, std::string* out) {
  if (util::IsValidUtf8(util::AsStd(text))) {
    absl::StrAppend(out, text);
    return absl::OkStatus();
  }
  if (ctx.options->strict_utf8) {
    return absl::InvalidArgumentError(
        absl::StrCat(ctx.path, ": invalid UTF-8 at byte offset ",
                     offset + util::FirstInvalidUtf8(util::AsStd(text)).value_or(0)));
  }
  ctx.stats->invalid_utf8 += util::AppendRepairedUtf8(util::AsStd(text), out);
  return absl::OkStatus();
}

absl::Status MakeValidUtf8(std::string* text, uint64_t offset, const ParseContext& ctx) {
  if (util::IsValidUtf8(*text)) return absl::OkStatus();
  std::string fixed;
  fixed.reserve(text->size() + 16);
  TRAWL_RETURN_IF_ERROR(AppendValidUtf8(*text, offset, ctx, &fixed));
  *text = std::move(fixed);
  return absl::OkStatus();
}

}  // namespace trawl::parse
