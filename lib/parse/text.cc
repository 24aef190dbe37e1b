// The text format: the whole file is the body, its relative name the id.
#include <string>

#include "parse/parsers.h"

namespace trawl::parse {

absl::StatusOr<Document> ParseText(absl::string_view text, const ParseContext& ctx) {
  Document doc;
  doc.Add("id", ctx.id);
  doc.Add("body", std::string(text));
  return doc;
}

}  // namespace trawl::parse
