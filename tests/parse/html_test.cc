#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "parse/markup.h"
#include "parse/parsers.h"
#include "tests/parse/parse_testing.h"
#include "tests/testing/status_matchers.h"
#include "trawl/parse.h"

namespace trawl {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;
using ::trawl::testing::Value;

Document ParseHtml(const std::string& html) {
  ParseStats stats;
  absl::StatusOr<std::vector<Document>> docs =
      parse::ParseBuffer(Format::kHtml, html, "page.html", {}, &stats);
  EXPECT_TRUE(docs.ok()) << docs.status();
  EXPECT_THAT(*docs, SizeIs(1));
  return docs->empty() ? Document() : (*docs)[0];
}

std::string Decode(const std::string& text) {
  std::string out;
  parse::AppendDecodedEntities(text, &out);
  return out;
}

TEST(HtmlTest, SamplePage) {
  const Document doc = ParseHtml(R"(<!DOCTYPE html>
<html><head>
<title>Talks &amp; Deals | News</title>
<meta charset="utf-8">
<meta property="article:published_time" content="2026-01-16T10:00:00+08:00">
<meta property="og:site_name" content="The Paper">
<style>p { color: red; }</style>
<script>var s = "<p>not text</p>";</script>
</head>
<body>
<!-- a comment <p>hidden</p> -->
<h1>Heading</h1>
<p>First   paragraph with <a href="x?a=1&amp;b=2">a link</a>.</p>
<div>Second<br>third</div>
<ul><li>one</li><li>two</li></ul>
<table><tr><td>a</td><td>b</td></tr></table>
</body></html>)");
  EXPECT_THAT(doc.fields(),
              ElementsAre(Document::Field("id", "page.html"),
                          Document::Field("title", "Talks & Deals | News"),
                          Document::Field("body",
                                          "Heading\n\nFirst paragraph with a link.\n\n"
                                          "Second\n\nthird\n\none\n\ntwo\n\na b"),
                          Document::Field("date", "2026-01-16"),
                          Document::Field("source", "The Paper")));
}

TEST(HtmlTest, DateMetaNames) {
  for (const char* meta :
       {R"(<meta name="date" content="2026-01-16">)",
        R"(<META NAME="DC.date" CONTENT="2026-01-16">)",
        R"(<meta name=pubdate content=20260116>)",
        R"(<meta content="Fri, 16 Jan 2026 10:00:00 GMT" name="PubDate">)"}) {
    EXPECT_EQ(Value(ParseHtml(std::string(meta) + "<p>x"), "date"), "2026-01-16") << meta;
  }
  EXPECT_EQ(Value(ParseHtml(R"(<meta name="date" content="someday"><p>x)"), "date"), "<none>");
  EXPECT_EQ(Value(ParseHtml(R"(<meta name="keywords" content="2026-01-16">)"), "date"),
            "<none>");
}

TEST(HtmlTest, Entities) {
  EXPECT_EQ(Decode("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;"), "a & b <c> \"d\" 'e'");
  EXPECT_EQ(Decode("it&#8217;s &#x2019; &#X2019; &rsquo;"),
            "it\xE2\x80\x99s \xE2\x80\x99 \xE2\x80\x99 \xE2\x80\x99");
  EXPECT_EQ(Decode("&#146; &#xD800; &#0; &#x110000;"),
            "\xE2\x80\x99 \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(Decode("&bogus; & &amp &#; &#x; AT&T"), "&bogus; & &amp &#; &#x; AT&T");
  EXPECT_EQ(Decode("&#65&#66;"), "AB");
}

TEST(HtmlTest, BrokenMarkup) {
  EXPECT_EQ(Value(ParseHtml("<p>a < b and c<d</p><p"), "body"), "a < b and c");
  EXPECT_EQ(Value(ParseHtml("<title>Unclosed<p>body"), "title"), "Unclosed");
  EXPECT_EQ(Value(ParseHtml("<p>x<script>never closed <p>y"), "body"), "x");
  EXPECT_EQ(Value(ParseHtml("<p>x<!-- never closed"), "body"), "x");
  EXPECT_EQ(Value(ParseHtml("<p title='a>b'>text</p>"), "body"), "text");
  EXPECT_EQ(Value(ParseHtml("<div a=\"unterminated>text"), "body"), "");
  EXPECT_EQ(Value(ParseHtml(""), "body"), "");
}

TEST(HtmlTest, ScriptCloseTagCaseInsensitive) {
  EXPECT_EQ(Value(ParseHtml("<SCRIPT>x</Script >after"), "body"), "after");
  EXPECT_EQ(Value(ParseHtml("<style>x</styles></style>after"), "body"), "after");
}

TEST(HtmlTest, OnlyFirstTitleCounts) {
  const Document doc = ParseHtml("<title>One</title><p>b<svg><title>Two</title></svg>");
  EXPECT_EQ(Value(doc, "title"), "One");
  EXPECT_EQ(Value(doc, "body"), "b");
}

}  // namespace
}  // namespace trawl
