#include "parse/markup.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "parse/dates.h"
#include "util/utf8.h"

namespace trawl::parse {
namespace {

struct NamedEntity {
  absl::string_view name;
  uint32_t code_point;
};

// The references common in news and documentation pages. &nbsp; becomes a
// plain space so that it separates words like one.
constexpr NamedEntity kNamedEntities[] = {
    {"amp", '&'},        {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
    {"apos", '\''},      {"nbsp", ' '},       {"copy", 0xA9},      {"reg", 0xAE},
    {"trade", 0x2122},   {"hellip", 0x2026},  {"mdash", 0x2014},   {"ndash", 0x2013},
    {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"sbquo", 0x201A},   {"ldquo", 0x201C},
    {"rdquo", 0x201D},   {"bdquo", 0x201E},   {"laquo", 0xAB},     {"raquo", 0xBB},
    {"bull", 0x2022},    {"middot", 0xB7},    {"deg", 0xB0},       {"euro", 0x20AC},
    {"pound", 0xA3},     {"yen", 0xA5},       {"cent", 0xA2},      {"sect", 0xA7},
    {"para", 0xB6},      {"times", 0xD7},     {"divide", 0xF7},    {"plusmn", 0xB1},
    {"frac12", 0xBD},    {"frac14", 0xBC},    {"frac34", 0xBE},    {"shy", 0xAD},
    {"thinsp", 0x2009},  {"ensp", 0x2002},    {"emsp", 0x2003},    {"aacute", 0xE1},
    {"agrave", 0xE0},    {"acirc", 0xE2},     {"auml", 0xE4},      {"ccedil", 0xE7},
    {"eacute", 0xE9},    {"egrave", 0xE8},    {"ecirc", 0xEA},     {"euml", 0xEB},
    {"iacute", 0xED},    {"iuml", 0xEF},      {"ntilde", 0xF1},    {"oacute", 0xF3},
    {"ocirc", 0xF4},     {"ouml", 0xF6},      {"uacute", 0xFA},    {"uuml", 0xFC},
    {"szlig", 0xDF},     {"Eacute", 0xC9},    {"Auml", 0xC4},      {"Ouml", 0xD6},
    {"Uuml", 0xDC},
};

// What browsers show for &#128; - &#159;: the Windows-1252 characters that
// old pages meant (0 marks the undefined ones).
constexpr uint16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

constexpr size_t kMaxEntityName = 8;
constexpr size_t kMaxReferenceDigits = 8;

// Elements that end a paragraph, and those that only separate words.
constexpr absl::string_view kBlockElements[] = {
    "address", "article", "aside", "blockquote", "br", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tr", "ul"};
constexpr absl::string_view kWordBreakElements[] = {"dd", "dt", "td", "th", "img", "option"};

// <meta> names (or properties) that carry the publication date.
constexpr absl::string_view kDateMetaNames[] = {
    "date", "article:published_time", "pubdate", "publishdate", "dc.date",
    "dc.date.issued", "datepublished"};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' ||
         c == '_' || c == '.';
}

template <size_t N>
bool OneOf(const absl::string_view (&names)[N], absl::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

// Decodes the reference at the start of `text` (which begins with '&');
// returns the bytes consumed, 0 when it is not a reference.
size_t DecodeReference(absl::string_view text, std::string* out) {
  if (text.size() > 2 && text[1] == '#') {
    const bool hex = text[2] == 'x' || text[2] == 'X';
    size_t i = hex ? 3 : 2;
    const size_t digits_start = i;
    uint32_t value = 0;
    while (i < text.size() && i - digits_start < kMaxReferenceDigits) {
      const char c = text[i];
      int digit;
      if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        digit = c - '0';
      } else if (hex && absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
        digit = absl::ascii_tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      } else {
        break;
      }
      value = value * (hex ? 16 : 10) + static_cast<uint32_t>(digit);
      ++i;
    }
    if (i == digits_start) return 0;
    if (value >= 0x80 && value < 0xA0 && kWindows1252[value - 0x80] != 0) {
      value = kWindows1252[value - 0x80];
    }
    util::AppendUtf8(value == 0 ? util::kReplacementChar : value, out);
    return i < text.size() && text[i] == ';' ? i + 1 : i;
  }
  const size_t semicolon = text.find(';', 1);
  if (semicolon == absl::string_view::npos || semicolon - 1 > kMaxEntityName) return 0;
  const absl::string_view name = text.substr(1, semicolon - 1);
  for (const NamedEntity& entity : kNamedEntities) {
    if (entity.name == name) {
      util::AppendUtf8(entity.code_point, out);
      return semicolon + 1;
    }
  }
  return 0;
}

// Collects text, collapsing white space and paragraph breaks.
class TextBuilder {
 public:
  explicit TextBuilder(absl::string_view paragraph_break) : paragraph_break_(paragraph_break) {}

  void Append(absl::string_view text) {
    for (char c : text) {
      if (IsSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (!out_.empty()) {
        if (pending_break_) {
          absl::StrAppend(&out_, paragraph_break_);
        } else if (pending_space_) {
          out_.push_back(' ');
        }
      }
      pending_break_ = pending_space_ = false;
      out_.push_back(c);
    }
  }

  void Break() { pending_break_ = true; }
  void Space() { pending_space_ = true; }
  std::string Take() { return std::move(out_); }

 private:
  absl::string_view paragraph_break_;
  std::string out_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

struct Attribute {
  absl::string_view name;
  absl::string_view value;
};

// Scans the attributes of a tag from `pos` (just after its name); returns one
// past the closing '>'. Attributes are stored when `attributes` is not null.
size_t ScanAttributes(absl::string_view s, size_t pos, std::vector<Attribute>* attributes) {
  const size_t n = s.size();
  while (pos < n) {
    const char c = s[pos];
    if (c == '>') return pos + 1;
    if (IsSpace(c) || c == '/' || c == '=') {
      ++pos;
      continue;
    }
    const size_t name_start = pos;
    while (pos < n && !IsSpace(s[pos]) && s[pos] != '=' && s[pos] != '>' && s[pos] != '/') {
      ++pos;
    }
    Attribute attribute{s.substr(name_start, pos - name_start), {}};
    while (pos < n && IsSpace(s[pos])) ++pos;
    if (pos < n && s[pos] == '=') {
      ++pos;
      while (pos < n && IsSpace(s[pos])) ++pos;
      if (pos < n && (s[pos] == '"' || s[pos] == '\'')) {
        const size_t close = s.find(s[pos], pos + 1);
        const size_t end = close == absl::string_view::npos ? n : close;
        attribute.value = s.substr(pos + 1, end - pos - 1);
        pos = end == n ? n : end + 1;
      } else {
        const size_t value_start = pos;
        while (pos < n && !IsSpace(s[pos]) && s[pos] != '>') ++pos;
        attribute.value = s.substr(value_start, pos - value_start);
      }
    }
    if (attributes != nullptr) attributes->push_back(attribute);
  }
  return n;
}

class MarkupScanner {
 public:
  explicit MarkupScanner(absl::string_view markup)
      : s_(markup), title_(" "), body_("\n\n") {}

  MarkupText Run() {
    size_t pos = 0;
    while (pos < s_.size()) {
      const size_t lt = s_.find('<', pos);
      AppendText(s_.substr(pos, lt - pos), &body_);
      if (lt == absl::string_view::npos) break;
      pos = Markup(lt);
    }
    result_.title = title_.Take();
    result_.body = body_.Take();
    return std::move(result_);
  }

 private:
  void AppendText(absl::string_view raw, TextBuilder* builder) {
    if (raw.find('&') == absl::string_view::npos) {
      builder->Append(raw);
      return;
    }
    decoded_.clear();
    AppendDecodedEntities(raw, &decoded_);
    builder->Append(decoded_);
  }

  // Handles the markup starting at s_[lt] == '<'; returns where text resumes.
  size_t Markup(size_t lt) {
    const absl::string_view rest = s_.substr(lt);
    if (absl::StartsWith(rest, "<!--")) return After(s_.find("-->", lt + 4), 3);
    if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?')) return After(s_.find('>', lt), 1);
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const size_t name_start = lt + 1 + closing;
    size_t name_end = name_start;
    if (name_end < s_.size() && absl::ascii_isalpha(static_cast<unsigned char>(s_[name_end]))) {
      while (name_end < s_.size() && IsNameChar(s_[name_end])) ++name_end;
    }
    if (name_end == name_start) {  // a lone '<' is text
      body_.Append("<");
      return lt + 1;
    }
    const std::string name = absl::AsciiStrToLower(s_.substr(name_start, name_end - name_start));
    attributes_.clear();
    const size_t end = ScanAttributes(s_, name_end, name == "meta" ? &attributes_ : nullptr);
    if (closing) {
      BreakFor(name);
      return end;
    }
    if (name == "script" || name == "style") return SkipRawText(name, end);
    if (name == "title") return ReadTitle(end);
    if (name == "meta") ReadMeta();
    BreakFor(name);
    return end;
  }

  // One past `found` + `length`, or the end when nothing was found.
  size_t After(size_t found, size_t length) const {
    return found == absl::string_view::npos ? s_.size() : found + length;
  }

  void BreakFor(const std::string& name) {
    if (OneOf(kBlockElements, name)) {
      body_.Break();
    } else if (OneOf(kWordBreakElements, name)) {
      body_.Space();
    }
  }

  size_t SkipRawText(const std::string& name, size_t pos) {
    const size_t close = FindTag(s_, name, pos, /*closing=*/true);
    return close == absl::string_view::npos ? s_.size() : TagEnd(s_, close + 2 + name.size());
  }

  // The title runs to </title>, or to the next tag when that is missing.
  size_t ReadTitle(size_t pos) {
    size_t close = FindTag(s_, "title", pos, /*closing=*/true);
    size_t resume = close == absl::string_view::npos ? absl::string_view::npos
                                                    : TagEnd(s_, close + 7);
    if (close == absl::string_view::npos) close = resume = s_.find('<', pos);
    if (!seen_title_) {
      seen_title_ = true;
      AppendText(s_.substr(pos, close - pos), &title_);
    }
    return resume == absl::string_view::npos ? s_.size() : resume;
  }

  void ReadMeta() {
    absl::string_view key, content;
    for (const Attribute& a : attributes_) {
      if (absl::EqualsIgnoreCase(a.name, "content")) {
        content = a.value;
      } else if (absl::EqualsIgnoreCase(a.name, "name") ||
                 absl::EqualsIgnoreCase(a.name, "property") ||
                 absl::EqualsIgnoreCase(a.name, "itemprop")) {
        key = a.value;
      }
    }
    const std::string lower_key = absl::AsciiStrToLower(key);
    decoded_.clear();
    AppendDecodedEntities(content, &decoded_);
    if (result_.date.empty() &&
        OneOf(kDateMetaNames, lower_key)) {
      result_.date = NormalizeLooseDate(decoded_).value_or("");
    } else if (lower_key == "og:site_name" && result_.site_name.empty()) {
      TextBuilder site(" ");
      site.Append(decoded_);
      result_.site_name = site.Take();
    }
  }

  absl::string_view s_;
  TextBuilder title_;
  TextBuilder body_;
  MarkupText result_;
  bool seen_title_ = false;
  std::vector<Attribute> attributes_;  // of the current <meta>
  std::string decoded_;                // scratch for entity decoding
};

}  // namespace

size_t FindTag(absl::string_view markup, absl::string_view name, size_t from, bool closing) {
  const absl::string_view opener = closing ? "</" : "<";
  for (size_t pos = markup.find(opener, from); pos != absl::string_view::npos;
       pos = markup.find(opener, pos + 1)) {
    const size_t name_pos = pos + opener.size();
    if (!absl::StartsWithIgnoreCase(markup.substr(name_pos), name)) continue;
    const size_t after = name_pos + name.size();
    if (after == markup.size() || markup[after] == '>' || markup[after] == '/' ||
        IsSpace(markup[after])) {
      return pos;
    }
  }
  return absl::string_view::npos;
}

size_t TagEnd(absl::string_view markup, size_t pos) {
  return ScanAttributes(markup, pos, nullptr);
}

MarkupText ExtractMarkupText(absl::string_view markup) {
  return MarkupScanner(markup).Run();
}

std::string InlineMarkupText(absl::string_view markup) {
  return absl::StrReplaceAll(ExtractMarkupText(markup).body, {{"\n\n", " "}});
}

void AppendDecodedEntities(absl::string_view text, std::string* out) {
  size_t pos = 0;
  while (true) {
    const size_t amp = text.find('&', pos);
    absl::StrAppend(out, text.substr(pos, amp - pos));
    if (amp == absl::string_view::npos) return;
    const size_t consumed = DecodeReference(text.substr(amp), out);
    if (consumed == 0) out->push_back('&');
    pos = amp + (consumed == 0 ? 1 : consumed);
  }
}

}  // namespace trawl::parse
