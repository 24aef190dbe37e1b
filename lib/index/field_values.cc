#include "util/strings.h"
#include "index/field_values.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace trawl::index {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
// (the days_from_civil formula of Howard Hinnant's "chrono-Compatible
// Low-Level Date Algorithms").
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ReadNumber(std::string_view text, size_t at, size_t digits, unsigned* out) {
  if (at + digits > text.size()) return false;
  unsigned v = 0;
  for (size_t i = at; i < at + digits; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
    v = v * 10 + static_cast<unsigned>(text[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

absl::StatusOr<int64_t> ParseDate(std::string_view text) {
  text = util::AsStd(absl::StripAsciiWhitespace(util::AsAbsl(text)));
  unsigned y, m, d, hh = 0, mm = 0, ss = 0;
  bool ok = ReadNumber(text, 0, 4, &y) && text.size() >= 10 && text[4] == '-' &&
            ReadNumber(text, 5, 2, &m) && text[7] == '-' && ReadNumber(text, 8, 2, &d) &&
            m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
  if (ok && text.size() > 10) {
    std::string_view time = text.substr(10);
    ok = (time[0] == 'T' || time[0] == ' ') && ReadNumber(time, 1, 2, &hh) &&
         time.size() >= 6 && time[3] == ':' && ReadNumber(time, 4, 2, &mm) && hh < 24 && mm < 60;
    size_t at = 6;
    if (ok && time.size() >= 9 && time[6] == ':') {
      ok = ReadNumber(time, 7, 2, &ss) && ss < 61;
      at = 9;
    }
    std::string_view zone = time.substr(std::min(at, time.size()));
    ok = ok && (zone.empty() || zone == "Z");
  }
  if (!ok) return absl::InvalidArgumentError(absl::StrCat("not a date: \"", std::string(text), "\""));
  return DaysFromCivil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

std::string FormatDate(int64_t seconds) {
  // civil_from_days, the inverse of DaysFromCivil (same source).
  int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  return absl::StrFormat("%04d-%02d-%02d", y, m, d);
}

absl::StatusOr<int64_t> FastValue(const FieldSpec& field, std::string_view text) {
  switch (field.type) {
    case FieldType::kDate: {
      auto seconds = ParseDate(text);
      if (!seconds.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("field ", field.name, ": ", seconds.status().message()));
      }
      return *seconds;
    }
    case FieldType::kI64: {
      int64_t v;
      if (!absl::SimpleAtoi(util::AsAbsl(text), &v)) {
        return absl::InvalidArgumentError(
            absl::StrCat("field ", field.name, ": not an integer: \"", std::string(text), "\""));
      }
      return v;
    }
    case FieldType::kF64: {
      double v;
      if (!absl::SimpleAtod(util::AsAbsl(text), &v) || v != v) {
        return absl::InvalidArgumentError(
            absl::StrCat("field ", field.name, ": not a number: \"", std::string(text), "\""));
      }
      int64_t bits;
      std::memcpy(&bits, &v, sizeof(bits));
      // Negative doubles order in reverse as integers; flipping the
      // magnitude bits of negatives restores numeric order.
      return bits ^ ((bits >> 63) & INT64_MAX);
    }
    default:
      return absl::InternalError(absl::StrCat("field ", field.name, " has no fast value"));
  }
}

}  // namespace trawl::index
