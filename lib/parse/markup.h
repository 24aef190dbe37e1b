// lib/parse/markup.h — the text inside HTML and SGML markup, for the HTML
// and TREC parsers.
//
// A forgiving single pass: it never fails, whatever the markup. Tags are
// dropped, <script> and <style> contents and comments removed, character
// references decoded, and block elements (p, div, br, li, h1-h6, tr, ...)
// become paragraph breaks; other white space collapses to single spaces.
//
//   MarkupText text = ExtractMarkupText("<title>T</title><p>a &amp; b<p>c");
//   // text.title == "T", text.body == "a & b\n\nc"
#ifndef TRAWL_LIB_PARSE_MARKUP_H_
#define TRAWL_LIB_PARSE_MARKUP_H_

#include <string>
#include "absl/strings/string_view.h"

namespace trawl::parse {

struct MarkupText {
  std::string title;      // the first <title>
  std::string body;       // everything else, paragraphs joined by "\n\n"
  std::string date;       // YYYY-MM-DD from a publication-date <meta>, or ""
  std::string site_name;  // <meta property="og:site_name">, or ""
};

// `markup` must be valid UTF-8; so is the result.
MarkupText ExtractMarkupText(absl::string_view markup);

// The text of `markup` on one line: paragraph breaks become spaces.
std::string InlineMarkupText(absl::string_view markup);

// Appends `text` with character references (&amp; &#8217; &#x2019; and the
// common named ones) decoded; unknown or malformed references stay as they
// are, and references to invalid code points become U+FFFD.
void AppendDecodedEntities(absl::string_view text, std::string* out);

// The position of the next tag `<name` (or `</name` when `closing`) at or
// after `from`, matched case-insensitively and followed by '>', '/', white
// space or the end; npos when there is none.
size_t FindTag(absl::string_view markup, absl::string_view name, size_t from, bool closing);

// One past the '>' closing the tag whose attributes start at `pos` (quoted
// values may hold '>'); markup.size() when the tag is unterminated.
size_t TagEnd(absl::string_view markup, size_t pos);

}  // namespace trawl::parse

#endif  // TRAWL_LIB_PARSE_MARKUP_H_
