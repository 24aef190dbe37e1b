#include "eval/trec_files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "simdjson.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace trawl::eval {
namespace {

using util::AsAbsl;

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int error = errno;
    if (error == ENOENT) {
      return absl::NotFoundError(absl::StrCat("no such file: ", path));
    }
    return absl::UnavailableError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(error)));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return absl::UnavailableError(absl::StrCat("cannot read ", path));
  return std::move(contents).str();
}

// Calls `handle(line_number, line)` for every line that is not blank, and
// stops at the first error it returns.
template <typename Handler>
absl::Status ForEachLine(std::string_view text, Handler handle) {
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (absl::StripAsciiWhitespace(AsAbsl(line)).empty()) continue;
    TRAWL_RETURN_IF_ERROR(handle(line_number, line));
  }
  return absl::OkStatus();
}

absl::Status LineError(std::string_view name, size_t line_number,
                       std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(AsAbsl(name), " line ", line_number, ": ", AsAbsl(what)));
}

std::vector<std::string> Columns(std::string_view line) {
  return absl::StrSplit(AsAbsl(line), absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
}

bool HasSpace(std::string_view s) {
  for (char c : s) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Punctuation that is query syntax, or that the standard analyzer would
// split a word at (making the parser build a phrase out of one word).
bool IsQueryPunctuation(char c) {
  return absl::ascii_ispunct(static_cast<unsigned char>(c)) && c != '\'' &&
         c != '.' && c != ',' && c != '_';
}

}  // namespace

absl::StatusOr<Qrels> ParseQrels(std::string_view text, std::string_view name) {
  Qrels qrels;
  TRAWL_RETURN_IF_ERROR(ForEachLine(text, [&](size_t n, std::string_view line) {
    std::vector<std::string> cols = Columns(line);
    if (cols.size() != 4) {
      return LineError(name, n, absl::StrCat("expected 'qid iteration docid grade', got ",
                                             cols.size(), " columns"));
    }
    int grade;
    if (!absl::SimpleAtoi(cols[3], &grade)) {
      return LineError(name, n, absl::StrCat("grade '", cols[3], "' is not an integer"));
    }
    if (!qrels[cols[0]].emplace(cols[2], grade).second) {
      return LineError(name, n, absl::StrCat("document ", cols[2],
                                             " is judged twice for query ", cols[0]));
    }
    return absl::OkStatus();
  }));
  return qrels;
}

absl::StatusOr<Qrels> ReadQrels(const std::string& path) {
  TRAWL_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseQrels(text, path);
}

absl::StatusOr<Run> ParseRun(std::string_view text, std::string_view name) {
  Run run;
  // (query id, doc id) pairs seen, to refuse duplicates as trec_eval does.
  absl::flat_hash_set<std::pair<std::string, std::string>> seen;
  TRAWL_RETURN_IF_ERROR(ForEachLine(text, [&](size_t n, std::string_view line) {
    std::vector<std::string> cols = Columns(line);
    if (cols.size() != 6) {
      return LineError(name, n, absl::StrCat("expected 'qid Q0 docid rank score tag', got ",
                                             cols.size(), " columns"));
    }
    int64_t rank;
    if (!absl::SimpleAtoi(cols[3], &rank)) {
      return LineError(name, n, absl::StrCat("rank '", cols[3], "' is not an integer"));
    }
    double score;
    if (!absl::SimpleAtod(cols[4], &score)) {
      return LineError(name, n, absl::StrCat("score '", cols[4], "' is not a number"));
    }
    if (!seen.emplace(cols[0], cols[2]).second) {
      return LineError(name, n, absl::StrCat("document ", cols[2],
                                             " is retrieved twice for query ", cols[0]));
    }
    run[cols[0]].push_back({cols[2], score});
    return absl::OkStatus();
  }));
  return run;
}

absl::StatusOr<Run> ReadRun(const std::string& path) {
  TRAWL_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseRun(text, path);
}

absl::StatusOr<std::string> RunLine(std::string_view query_id, std::string_view doc_id,
                                    size_t rank, double score, std::string_view tag) {
  for (std::string_view id : {query_id, doc_id, tag}) {
    if (id.empty() || HasSpace(id)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'", AsAbsl(id), "' cannot be written to a run file (empty or holds whitespace)"));
    }
  }
  return absl::StrFormat("%s Q0 %s %d %.9g %s\n", AsAbsl(query_id), AsAbsl(doc_id), rank,
                         score, AsAbsl(tag));
}

absl::StatusOr<std::vector<TopicQuery>> ParseQueries(std::string_view text,
                                                     std::string_view name) {
  std::vector<TopicQuery> queries;
  absl::flat_hash_set<std::string> ids;
  simdjson::dom::parser parser;
  TRAWL_RETURN_IF_ERROR(ForEachLine(text, [&](size_t n, std::string_view line) {
    simdjson::padded_string padded(line);
    simdjson::dom::object object;
    if (auto error = parser.parse(padded).get_object().get(object)) {
      return LineError(name, n, absl::StrCat("not a JSON object (", simdjson::error_message(error),
                                             ")"));
    }
    TopicQuery query;
    simdjson::dom::element id;
    std::string_view id_text;
    int64_t id_number;
    if (object["id"].get(id)) return LineError(name, n, "no \"id\"");
    if (!id.get_string().get(id_text)) {
      query.id = std::string(id_text);
    } else if (!id.get_int64().get(id_number)) {
      query.id = absl::StrCat(id_number);
    } else {
      return LineError(name, n, "\"id\" is neither a string nor an integer");
    }
    std::string_view query_text;
    if (object["text"].get_string().get(query_text)) {
      return LineError(name, n, "no \"text\" string");
    }
    query.text = std::string(query_text);
    if (!ids.insert(query.id).second) {
      return LineError(name, n, absl::StrCat("query id ", query.id, " appears twice"));
    }
    queries.push_back(std::move(query));
    return absl::OkStatus();
  }));
  return queries;
}

absl::StatusOr<std::vector<TopicQuery>> ReadQueries(const std::string& path) {
  TRAWL_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseQueries(text, path);
}

std::string PlainQueryText(std::string_view text) {
  std::string spaced(text);
  for (char& c : spaced) {
    if (IsQueryPunctuation(c)) c = ' ';
  }
  std::string out;
  for (absl::string_view word :
       absl::StrSplit(spaced, absl::ByAnyChar(" \t\r\n\f\v"), absl::SkipEmpty())) {
    if (word == "AND" || word == "OR" || word == "NOT") continue;
    if (!out.empty()) out.push_back(' ');
    out.append(word.data(), word.size());
  }
  return out;
}

}  // namespace trawl::eval
