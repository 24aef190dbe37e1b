// The TREC SGML format, streamed one <DOC> at a time:
//
//   <DOC>
//   <DOCNO> AP880301-0001 </DOCNO>
//   <DATE>880301</DATE>
//   <HEADLINE>Title</HEADLINE>
//   <TEXT><P>First block.</P></TEXT>
//   <TEXT>Second block.</TEXT>
//   </DOC>
//
// DOCNO is the id (a record without one gets "<file>:<line>"), HEADLINE,
// HEAD, HL or TITLE the title, DATE the date when it can be read, and the
// TEXT blocks the body. A record with no TEXT keeps all its other text as
// the body. Text outside <DOC> elements is ignored.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_cat.h"
#include "parse/dates.h"
#include "parse/markup.h"
#include "parse/parsers.h"
#include "util/status_macros.h"

namespace trawl::parse {
namespace {

// How far before newly read text to look again for "</DOC>", whose match
// needs the character after the tag name.
constexpr size_t kLookBehind = 8;
constexpr absl::string_view kTitleTags[] = {"HEADLINE", "HEAD", "HL", "TITLE"};

// One element found in a record: where it starts and ends, and its content.
struct Element {
  size_t begin;  // its '<'
  size_t end;    // one past its closing tag
  absl::string_view content;
};

// Every `tag` element of `record`. An element missing its closing tag runs
// to the end of the record.
std::vector<Element> FindElements(absl::string_view record, absl::string_view tag) {
  std::vector<Element> elements;
  size_t pos = 0;
  while ((pos = FindTag(record, tag, pos, /*closing=*/false)) != absl::string_view::npos) {
    const size_t content_begin = TagEnd(record, pos + 1 + tag.size());
    size_t close = FindTag(record, tag, content_begin, /*closing=*/true);
    if (close == absl::string_view::npos) close = record.size();
    const size_t end = close == record.size() ? close : TagEnd(record, close + 2 + tag.size());
    elements.push_back({pos, end, record.substr(content_begin, close - content_begin)});
    pos = end;
  }
  return elements;
}

// `record` from `pos` on with the given elements cut out.
std::string Without(absl::string_view record, size_t pos, std::vector<Element> cut) {
  std::sort(cut.begin(), cut.end(),
            [](const Element& a, const Element& b) { return a.begin < b.begin; });
  std::string rest;
  for (const Element& e : cut) {
    if (e.begin < pos) continue;  // nested in one already cut
    absl::StrAppend(&rest, record.substr(pos, e.begin - pos));
    rest.push_back(' ');
    pos = e.end;
  }
  absl::StrAppend(&rest, record.substr(pos));
  return rest;
}

class TrecReader : public RecordReader {
 public:
  TrecReader(BufferedInput* input, const ParseContext* ctx) : input_(input), ctx_(ctx) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    while (true) {
      const size_t close = FindTag(pending_, "DOC", scanned_, /*closing=*/true);
      if (close != std::string::npos) {
        std::optional<Document> doc = TakeRecord(TagEnd(pending_, close + 5));
        if (doc) return doc;
        continue;
      }
      pending_.erase(0, taken_);  // once per read, so records on one line stay linear
      taken_ = 0;
      scanned_ = pending_.size() < kLookBehind ? 0 : pending_.size() - kLookBehind;
      const uint64_t offset = input_->offset();
      TRAWL_ASSIGN_OR_RETURN(std::optional<absl::string_view> line, input_->ReadLine());
      if (!line) return TakeRecord(pending_.size());  // an unterminated last record
      TRAWL_RETURN_IF_ERROR(AppendValidUtf8(*line, offset, *ctx_, &pending_));
      pending_.push_back('\n');
    }
  }

 private:
  // Takes pending_ up to `end` and parses the <DOC> in it; nullopt when it
  // holds none.
  std::optional<Document> TakeRecord(size_t end) {
    const absl::string_view chunk = absl::string_view(pending_).substr(taken_, end - taken_);
    const size_t open = FindTag(chunk, "DOC", 0, /*closing=*/false);
    std::optional<Document> doc;
    if (open != absl::string_view::npos) {
      const uint64_t line = pending_line_ + std::count(chunk.begin(), chunk.begin() + open, '\n');
      doc = ParseRecord(chunk.substr(open), line);
    }
    pending_line_ += std::count(chunk.begin(), chunk.end(), '\n');
    taken_ = scanned_ = end;
    return doc;
  }

  Document ParseRecord(absl::string_view record, uint64_t line) const {
    std::vector<Element> known;
    const auto take = [&known](std::vector<Element> elements) {
      known.insert(known.end(), elements.begin(), elements.end());
      return elements;
    };
    Document doc;
    const std::vector<Element> docno = take(FindElements(record, "DOCNO"));
    std::string id;
    if (!docno.empty()) id = std::string(absl::StripAsciiWhitespace(docno.front().content));
    doc.Add("id", id.empty() ? GeneratedId(*ctx_, line) : std::move(id));

    std::vector<std::string> titles;
    for (absl::string_view tag : kTitleTags) {
      for (const Element& e : take(FindElements(record, tag))) {
        std::string title = InlineMarkupText(e.content);
        if (!title.empty()) titles.push_back(std::move(title));
      }
    }
    if (!titles.empty()) doc.Add("title", absl::StrJoin(titles, " "));

    std::optional<std::string> date;
    for (const Element& e : take(FindElements(record, "DATE"))) {
      if (!date) date = NormalizeLooseDate(InlineMarkupText(e.content));
    }

    std::vector<std::string> blocks;
    for (const Element& e : FindElements(record, "TEXT")) {
      std::string block = ExtractMarkupText(e.content).body;
      if (!block.empty()) blocks.push_back(std::move(block));
    }
    if (blocks.empty()) {
      take(FindElements(record, "DOCID"));
      const size_t content = TagEnd(record, 1 + 3);  // after "<DOC ...>"
      blocks.push_back(ExtractMarkupText(Without(record, content, known)).body);
    }
    doc.Add("body", absl::StrJoin(blocks, "\n\n"));
    if (date) doc.Add("date", *std::move(date));
    return doc;
  }

  BufferedInput* input_;
  const ParseContext* ctx_;
  std::string pending_;        // valid UTF-8 read, parsed up to taken_
  size_t taken_ = 0;           // pending_ before this is parsed
  size_t scanned_ = 0;         // pending_ before this holds no </DOC> to parse
  uint64_t pending_line_ = 1;  // line number of pending_[taken_]
};

}  // namespace

std::unique_ptr<RecordReader> NewTrecReader(BufferedInput* input, const ParseContext* ctx) {
  return std::make_unique<TrecReader>(input, ctx);
}

}  // namespace trawl::parse
