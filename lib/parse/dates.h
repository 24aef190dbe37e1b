// lib/parse/dates.h — turning the dates found in documents into "YYYY-MM-DD".
//
// Two strengths: ISO 8601 for structured input (JSONL, the news header),
// where anything else is an error, and a loose reader for the free-form dates
// of TREC and HTML, where an unreadable date is simply dropped.
//
//   NormalizeIsoDate("2026-01-16T10:00:00Z")  -> "2026-01-16"
//   NormalizeLooseDate("March 1, 1988")       -> "1988-03-01"
#ifndef TRAWL_LIB_PARSE_DATES_H_
#define TRAWL_LIB_PARSE_DATES_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

namespace trawl::parse {

// "YYYY-MM-DD" when year/month/day name a real day of years 1000-9999.
std::optional<std::string> FormatDate(int year, int month, int day);

// An ISO 8601 calendar date, optionally followed by a time and zone
// ("T10:00:00Z", " 10:00", "T10:00:00.5+08:00"). The date is kept as written:
// the zone does not move it to another day. Nullopt for anything else.
std::optional<std::string> NormalizeIsoDate(absl::string_view text);

// The first date recognizable in free text: ISO forms, "880301" (YYMMDD,
// years 50-99 in the 1900s), "19880301", "1988/03/01", "March 1, 1988",
// "1 Mar 1988", "01-MAR-88", "Tue, 01 Mar 1988 10:00:00 GMT", "3/1/1988"
// (month first). Nullopt when there is none.
std::optional<std::string> NormalizeLooseDate(absl::string_view text);

}  // namespace trawl::parse

#endif  // TRAWL_LIB_PARSE_DATES_H_
