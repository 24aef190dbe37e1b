// The HTML format: one page, one document. <title> is the title, the page's
// text the body, a publication-date <meta> the date and og:site_name the
// source.
#include <utility>

#include "parse/markup.h"
#include "parse/parsers.h"

namespace trawl::parse {

absl::StatusOr<Document> ParseHtml(absl::string_view text, const ParseContext& ctx) {
  MarkupText page = ExtractMarkupText(text);
  Document doc;
  doc.Add("id", ctx.id);
  if (!page.title.empty()) doc.Add("title", std::move(page.title));
  doc.Add("body", std::move(page.body));
  if (!page.date.empty()) doc.Add("date", std::move(page.date));
  if (!page.site_name.empty()) doc.Add("source", std::move(page.site_name));
  return doc;
}

}  // namespace trawl::parse
