// The files of a ranking experiment: TREC qrels and runs, and JSONL queries.
//
//   auto qrels = trawl::eval::ReadQrels("cranfield/qrels.txt");
//   auto queries = trawl::eval::ReadQueries("cranfield/queries.jsonl");
//   auto run = trawl::eval::ReadRun("bm25.run");
//
// Every malformed line fails with InvalidArgument whose message starts with
// "<name> line <n>: " (1-based), so a user can go straight to it; a missing
// file fails with NotFound. The Parse* variants take the text itself and the
// name to use in messages.
//
// Internal to trawl (namespace trawl::eval).
#ifndef TRAWL_EVAL_TREC_FILES_H_
#define TRAWL_EVAL_TREC_FILES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
// Relative so that tools/, which sees only include/, can use this header.
#include "metrics.h"

namespace trawl::eval {

// TREC qrels: `qid iteration docid grade` per line, whitespace-separated;
// the iteration column is ignored, the grade is an integer. Blank lines are
// skipped; a (qid, docid) pair given twice is an error.
absl::StatusOr<Qrels> ParseQrels(std::string_view text, std::string_view name);
absl::StatusOr<Qrels> ReadQrels(const std::string& path);

// A TREC run: `qid Q0 docid rank score tag` per line. The rank is checked to
// be an integer and otherwise ignored (trec_eval sorts by score); a document
// given twice for one query is an error. Rankings keep the file's order.
absl::StatusOr<Run> ParseRun(std::string_view text, std::string_view name);
absl::StatusOr<Run> ReadRun(const std::string& path);

// One line of a run file, newline included; `score` is printed with 9
// significant digits so a float score reads back to the same float.
// Fails with InvalidArgument if an id is empty or holds whitespace (the line
// would not read back).
absl::StatusOr<std::string> RunLine(std::string_view query_id,
                                    std::string_view doc_id, size_t rank,
                                    double score, std::string_view tag);

// A query of a test collection.
struct TopicQuery {
  std::string id;
  std::string text;
};

// JSON Lines, one object per line with "id" (a string or an integer) and
// "text" (a string); other keys are ignored, blank lines skipped, a repeated
// id is an error. Queries come back in file order.
absl::StatusOr<std::vector<TopicQuery>> ParseQueries(std::string_view text,
                                                     std::string_view name);
absl::StatusOr<std::vector<TopicQuery>> ReadQueries(const std::string& path);

// `text` with the query syntax taken out, so that the query parser reads it
// as plain words OR-ed together: ASCII punctuation other than the
// word-internal ' . , _ becomes a space (this covers every operator:
// + - ( ) " : ^ ~ \ * ? && || and the rest), and the upper-case words AND,
// OR and NOT are dropped. Never returns text the parser rejects, except
// text with no word at all (an empty string).
std::string PlainQueryText(std::string_view text);

}  // namespace trawl::eval

#endif  // TRAWL_EVAL_TREC_FILES_H_
