// The news format of the seed articles:
//
//    date 2026-01-16 Sign up now: Get ST's newsletters delivered to your inbox
//
//   Headline paragraph.
//
//   Body paragraph.
//
//   Last body paragraph, he told reporters. REUTERS
//
// The header line gives the date (the rest of it is boilerplate), the first
// paragraph is the title, and the agency credit closing the last paragraph
// becomes the source.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "parse/dates.h"
#include "parse/parsers.h"
#include "util/status_macros.h"

namespace trawl::parse {
namespace {

// Lines starting with these (case-insensitively) are newsletter promotion,
// not article text.
constexpr absl::string_view kBoilerplatePrefixes[] = {
    "sign up now", "join st's", "join st\xE2\x80\x99s", "read more",
    "get st's newsletters", "get st\xE2\x80\x99s newsletters",
};

// What may end the sentence before an agency credit: punctuation and the
// closing quotes and brackets that can follow it.
constexpr absl::string_view kSentenceEnds[] = {
    ".", "!", "?", "\"", "'", ")", "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */,
};

constexpr size_t kMinTagLetters = 2;
constexpr size_t kMaxTagLetters = 20;

bool IsBoilerplate(absl::string_view line) {
  for (absl::string_view prefix : kBoilerplatePrefixes) {
    if (absl::StartsWithIgnoreCase(line, prefix)) return true;
  }
  return false;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// The date token of a header line ("date 2026-01-16 ..."), or nullopt when
// `line` is not a header.
std::optional<absl::string_view> HeaderDateToken(absl::string_view line) {
  line = absl::StripLeadingAsciiWhitespace(line);
  if (!absl::ConsumePrefix(&line, "date") || line.empty() ||
      !absl::ascii_isblank(static_cast<unsigned char>(line[0]))) {
    return std::nullopt;
  }
  line = absl::StripLeadingAsciiWhitespace(line);
  if (line.empty() || !absl::ascii_isdigit(static_cast<unsigned char>(line[0]))) {
    return std::nullopt;
  }
  const size_t end = line.find_first_of(" \t");
  return line.substr(0, end);
}

bool EndsSentence(absl::string_view text) {
  for (absl::string_view end : kSentenceEnds) {
    if (absl::EndsWith(text, end)) return true;
  }
  return false;
}

// Splits a closing agency credit off `paragraph` and returns its agencies:
// "... he told reporters. REUTERS" -> {"REUTERS"}, "... said. AFP, REUTERS"
// -> {"AFP", "REUTERS"}, "... said. WASHINGTON POST" -> {"WASHINGTON POST"}.
// A credit is a run of upper-case words of 2-20 letters after the end of a
// sentence, or a paragraph of nothing else; anything else is left alone.
std::vector<std::string> TakeAgencyCredit(std::string* paragraph) {
  const absl::string_view text = absl::StripTrailingAsciiWhitespace(*paragraph);
  size_t start = text.size();  // start of the credit found so far
  size_t pos = text.size();
  while (true) {
    size_t word = pos;
    while (word > 0 && IsUpper(text[word - 1])) --word;
    const size_t letters = pos - word;
    if (letters < kMinTagLetters || letters > kMaxTagLetters) break;
    start = word;
    pos = word;
    while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == ',' || text[pos - 1] == '/')) {
      --pos;
    }
    if (pos == word) break;  // no separator: the word's start is checked below
  }
  if (start == text.size()) return {};
  const absl::string_view before = absl::StripTrailingAsciiWhitespace(text.substr(0, start));
  if (!before.empty() && !EndsSentence(before)) return {};
  std::vector<std::string> agencies;
  for (absl::string_view agency : absl::StrSplit(text.substr(start), absl::ByAnyChar(",/"))) {
    agency = absl::StripAsciiWhitespace(agency);
    if (!agency.empty()) agencies.emplace_back(agency);
  }
  paragraph->resize(before.size());
  return agencies;
}

}  // namespace

bool HasNewsDateHeader(absl::string_view text) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    return HeaderDateToken(line).has_value();
  }
  return false;
}

absl::StatusOr<Document> ParseNews(absl::string_view text, const ParseContext& ctx) {
  Document doc;
  doc.Add("id", ctx.id);
  std::optional<std::string> date;
  std::vector<std::string> paragraphs;
  bool in_paragraph = false;
  bool seen_text = false;
  uint64_t line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (absl::StripLeadingAsciiWhitespace(line).empty()) {
      in_paragraph = false;
      continue;
    }
    if (!seen_text) {
      seen_text = true;
      if (std::optional<absl::string_view> token = HeaderDateToken(line)) {
        date = NormalizeIsoDate(*token);
        if (!date) {
          return LineError(ctx, line_number, absl::StrCat("invalid date \"", *token, "\""));
        }
        continue;
      }
    }
    if (IsBoilerplate(absl::StripLeadingAsciiWhitespace(line))) continue;
    if (in_paragraph) {
      absl::StrAppend(&paragraphs.back(), "\n", line);
    } else {
      paragraphs.emplace_back(line);
      in_paragraph = true;
    }
  }
  std::vector<std::string> agencies;
  if (paragraphs.size() > 1) {
    agencies = TakeAgencyCredit(&paragraphs.back());
    if (paragraphs.back().empty()) paragraphs.pop_back();
  }
  if (!paragraphs.empty()) doc.Add("title", paragraphs.front());
  doc.Add("body", paragraphs.size() > 1
                      ? absl::StrJoin(paragraphs.begin() + 1, paragraphs.end(), "\n\n")
                      : std::string());
  if (date) doc.Add("date", *std::move(date));
  for (std::string& agency : agencies) doc.Add("source", std::move(agency));
  return doc;
}

}  // namespace trawl::parse

namespace trawl {

absl::StatusOr<Document> ParseNewsArticle(std::string_view text, std::string id) {
  const ParseOptions options;
  ParseStats stats;
  const parse::ParseContext ctx{id, id, &options, &stats};
  std::string valid(text.data(), text.size());
  TRAWL_RETURN_IF_ERROR(parse::MakeValidUtf8(&valid, 0, ctx));
  return parse::ParseNews(valid, ctx);
}

}  // namespace trawl
