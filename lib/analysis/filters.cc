#include "analysis/filters.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "utf8proc.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace trawl::analysis {
namespace {

constexpr std::array<char, 256> MakeAsciiLowerTable() {
  std::array<char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return table;
}
constexpr std::array<char, 256> kAsciiLower = MakeAsciiLowerTable();

// Combining marks that write accents over Latin, Greek and Cyrillic
// letters. Marks of other scripts (Indic vowel signs, kana voicing) are
// part of the letter and stay.
bool IsAccentMark(int32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Latin letters without a Unicode decomposition that accent folding still
// spells in ASCII, as Lucene's ASCIIFoldingFilter does; nullptr for others.
const char* AsciiSpelling(int32_t cp) {
  switch (cp) {
    case 0x00DF: return "ss";  // ß
    case 0x1E9E: return "SS";  // ẞ
    case 0x00E6: return "ae";  // æ
    case 0x00C6: return "AE";
    case 0x0153: return "oe";  // œ
    case 0x0152: return "OE";
    case 0x00F8: return "o";   // ø
    case 0x00D8: return "O";
    case 0x0142: return "l";   // ł
    case 0x0141: return "L";
    case 0x0111: return "d";   // đ
    case 0x0110: return "D";
    case 0x00F0: return "d";   // ð
    case 0x00D0: return "D";
    case 0x00FE: return "th";  // þ
    case 0x00DE: return "TH";
    case 0x0131: return "i";   // dotless ı
    case 0x0127: return "h";   // ħ
    case 0x0126: return "H";
    case 0x0167: return "t";   // ŧ
    case 0x0166: return "T";
    default: return nullptr;
  }
}

struct ElisionList {
  std::string_view language;
  const char* articles;  // separated by spaces
};

// The default article sets of Lucene's CatalanAnalyzer, FrenchAnalyzer and
// ItalianAnalyzer (DEFAULT_ARTICLES). Sorted by language.
constexpr ElisionList kElisionLists[] = {
    {"catalan", "d l m n s t"},
    {"french", "l m t qu n s j d c jusqu quoiqu lorsqu puisqu"},
    {"italian",
     "c l all dall dell nell sull coll pell gl agl dagl degl negl sugl un m t s "
     "v d"},
};

// The length of the apostrophe that starts `text`, '\'' or U+2019; 0 if
// it starts with something else.
size_t ApostropheLength(std::string_view text) {
  if (text.starts_with('\'')) return 1;
  if (text.starts_with("\u2019")) return 3;
  return 0;
}

}  // namespace

Normalizer::Normalizer(NormalizeOptions options) : options_(options) {
  if (options.case_fold) utf8proc_options_ |= UTF8PROC_CASEFOLD;
  if (options.nfkc) utf8proc_options_ |= UTF8PROC_COMPAT | UTF8PROC_COMPOSE;
  // Accent folding decomposes, drops the marks, then recomposes so that
  // scripts such as Hangul come back whole.
  if (options.ascii_fold) utf8proc_options_ |= UTF8PROC_COMPOSE;
}

std::string_view Normalizer::Apply(std::string_view term, bool ascii,
                                   NormalizeScratch& scratch) const {
  if (!ascii) return active() ? ApplyUnicode(term, scratch) : term;
  if (!options_.case_fold) return term;
  const auto upper = std::find_if(term.begin(), term.end(),
                                  [](char c) { return c >= 'A' && c <= 'Z'; });
  if (upper == term.end()) return term;
  scratch.text.assign(term);
  for (size_t i = upper - term.begin(); i < term.size(); ++i) {
    scratch.text[i] = kAsciiLower[static_cast<unsigned char>(term[i])];
  }
  return scratch.text;
}

std::string_view Normalizer::ApplyUnicode(std::string_view term,
                                          NormalizeScratch& scratch) const {
  std::vector<int32_t>& cps = scratch.code_points;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(term.data());
  const auto options = static_cast<utf8proc_option_t>(utf8proc_options_);
  utf8proc_ssize_t n = 0;
  while (true) {
    n = utf8proc_decompose(bytes, static_cast<utf8proc_ssize_t>(term.size()),
                           cps.data(), static_cast<utf8proc_ssize_t>(cps.size()),
                           options);
    if (n < 0) return term;  // not valid UTF-8: the contract was broken
    if (static_cast<size_t>(n) <= cps.size()) break;
    cps.resize(static_cast<size_t>(n));
  }
  if (options_.ascii_fold) {
    n = std::remove_if(cps.begin(), cps.begin() + n, IsAccentMark) - cps.begin();
  }
  if (utf8proc_options_ & UTF8PROC_COMPOSE) {
    n = utf8proc_normalize_utf32(cps.data(), n, UTF8PROC_COMPOSE);
    if (n < 0) return term;
  }
  scratch.text.clear();
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const char* spelling = options_.ascii_fold ? AsciiSpelling(cps[i]) : nullptr;
    if (spelling != nullptr) {
      scratch.text.append(spelling);
    } else {
      util::AppendUtf8(static_cast<char32_t>(cps[i]), &scratch.text);
    }
  }
  return scratch.text;
}

std::vector<std::string> ElisionLanguages() {
  std::vector<std::string> languages;
  for (const ElisionList& list : kElisionLists) languages.emplace_back(list.language);
  return languages;
}

absl::StatusOr<Elision> Elision::Make(std::string_view language) {
  for (const ElisionList& list : kElisionLists) {
    if (list.language != language) continue;
    std::vector<std::string_view> articles;
    for (absl::string_view article : absl::StrSplit(list.articles, ' ')) {
      articles.push_back(util::AsStd(article));
    }
    return Elision(std::move(articles));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("no elision list for language \"", std::string(language),
                   "\"; available: ", absl::StrJoin(ElisionLanguages(), ", ")));
}

Elision::Elision(std::vector<std::string_view> articles)
    : articles_(std::move(articles)) {
  for (std::string_view article : articles_) {
    max_article_size_ = std::max(max_article_size_, article.size());
  }
}

std::string_view Elision::Strip(std::string_view term) const {
  // Only the first apostrophe counts, as in Lucene's ElisionFilter; one
  // further than the longest article cannot end an article.
  const size_t limit = std::min(term.size(), max_article_size_ + 1);
  for (size_t i = 0; i < limit; ++i) {
    const size_t apostrophe = ApostropheLength(term.substr(i));
    if (apostrophe == 0) continue;
    return IsArticle(term.substr(0, i)) ? term.substr(i + apostrophe) : term;
  }
  return term;
}

bool Elision::IsArticle(std::string_view prefix) const {
  return std::any_of(articles_.begin(), articles_.end(), [&](std::string_view article) {
    return absl::EqualsIgnoreCase(util::AsAbsl(article), util::AsAbsl(prefix));
  });
}

}  // namespace trawl::analysis
