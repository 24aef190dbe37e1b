#include "parse/dates.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace trawl::parse {
namespace {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// The value of an all-digit string of at most 9 digits, else -1.
int DigitsValue(absl::string_view s) {
  if (s.empty() || s.size() > 9) return -1;
  int v = 0;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// 1-12 for an English month name or its abbreviation ("Mar", "Sept"), else 0.
int MonthFromName(absl::string_view word) {
  static constexpr absl::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  const std::string lower = absl::AsciiStrToLower(word);
  for (int m = 0; m < 12; ++m) {
    if (absl::StartsWith(kMonths[m], lower)) return m + 1;
  }
  return lower == "sept" ? 9 : 0;
}

int ExpandTwoDigitYear(int yy) { return yy >= 50 ? 1900 + yy : 2000 + yy; }

// A run of letters or of digits; everything else separates tokens.
struct Token {
  absl::string_view text;
  bool digits;
};

std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool digit = absl::ascii_isdigit(c);
    if (!digit && !absl::ascii_isalpha(c)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < text.size()) {
      const auto d = static_cast<unsigned char>(text[j]);
      if (digit ? !absl::ascii_isdigit(d) : !absl::ascii_isalpha(d)) break;
      ++j;
    }
    tokens.push_back({text.substr(i, j - i), digit});
    i = j;
  }
  return tokens;
}

// A number token of `min`-`max` digits, else -1.
int Number(const std::vector<Token>& t, size_t i, size_t min, size_t max) {
  if (i >= t.size() || !t[i].digits) return -1;
  if (t[i].text.size() < min || t[i].text.size() > max) return -1;
  return DigitsValue(t[i].text);
}

int Month(const std::vector<Token>& t, size_t i) {
  return i < t.size() && !t[i].digits ? MonthFromName(t[i].text) : 0;
}

// A year of four digits, or of two expanded to 1950-2049.
int Year(const std::vector<Token>& t, size_t i) {
  if (int y = Number(t, i, 4, 4); y >= 0) return y;
  if (int yy = Number(t, i, 2, 2); yy >= 0) return ExpandTwoDigitYear(yy);
  return -1;
}

// Tries every known token pattern starting at token i.
std::optional<std::string> DateAt(const std::vector<Token>& t, size_t i) {
  if (const int v = Number(t, i, 8, 8); v >= 0) {  // 19880301
    return FormatDate(v / 10000, v / 100 % 100, v % 100);
  }
  if (const int v = Number(t, i, 6, 6); v >= 0) {  // 880301
    return FormatDate(ExpandTwoDigitYear(v / 10000), v / 100 % 100, v % 100);
  }
  if (const int y = Number(t, i, 4, 4); y >= 0) {  // 1988-03-01, 1988/3/1
    return FormatDate(y, Number(t, i + 1, 1, 2), Number(t, i + 2, 1, 2));
  }
  if (const int m = Month(t, i); m > 0) {  // March 1, 1988
    return FormatDate(Year(t, i + 2), m, Number(t, i + 1, 1, 2));
  }
  if (const int d = Number(t, i, 1, 2); d >= 0) {
    if (const int m = Month(t, i + 1); m > 0) {  // 1 March 1988, 01-MAR-88
      return FormatDate(Year(t, i + 2), m, d);
    }
    return FormatDate(Number(t, i + 2, 4, 4), d, Number(t, i + 1, 1, 2));  // 3/1/1988
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FormatDate(int year, int month, int day) {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  char text[10];
  const auto put = [&text](int at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      text[at + i] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, year, 4);
  text[4] = '-';
  put(5, month, 2);
  text[7] = '-';
  put(8, day, 2);
  return std::string(text, sizeof(text));
}

std::optional<std::string> NormalizeIsoDate(absl::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = DigitsValue(text.substr(0, 4));
  const int month = DigitsValue(text.substr(5, 2));
  const int day = DigitsValue(text.substr(8, 2));
  absl::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return std::nullopt;
    if (rest.size() < 2 || !absl::ascii_isdigit(static_cast<unsigned char>(rest[1]))) {
      return std::nullopt;
    }
    for (char c : rest.substr(1)) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c)) &&
          !absl::StrContains(":.,+-Zz", c)) {
        return std::nullopt;
      }
    }
  }
  return FormatDate(year, month, day);
}

std::optional<std::string> NormalizeLooseDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (auto iso = NormalizeIsoDate(text)) return iso;
  const std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (auto date = DateAt(tokens, i)) return date;
  }
  return std::nullopt;
}

}  // namespace trawl::parse
