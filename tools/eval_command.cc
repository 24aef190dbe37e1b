// trawl eval: ranking quality of an index against a test collection
// (queries + TREC qrels), with the metrics trec_eval reports.
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli.h"
#include "trawl/index.h"
// The metrics are internal to trawl (lib/eval), not public API.
#include "../lib/eval/metrics.h"
#include "../lib/eval/trec_files.h"

namespace trawl::cli {
namespace {

struct EvalFlags {
  std::string index;
  std::string queries;
  std::string qrels;
  std::string run_out;    // --run: where to write trawl's run
  std::string score_run;  // --score-run: evaluate this run instead of searching
  size_t k = eval::kDefaultDepth;
  float k1 = 1.2f;
  float b = 0.75f;
  bool json = false;
};

// What was searched, for the report.
struct SearchSummary {
  size_t queries = 0;
  double seconds = 0;
};

// Runs every query through the normal parser (with its syntax taken out,
// see PlainQueryText) and collects the stored `id` of each hit.
absl::StatusOr<eval::Run> SearchAll(const EvalFlags& flags,
                                    const std::vector<eval::TopicQuery>& queries,
                                    SearchSummary& summary) {
  auto index = Index::Open(flags.index);
  if (!index.ok()) return index.status();
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return searcher.status();
  SearchOptions options;
  options.k = flags.k;
  options.k1 = flags.k1;
  options.b = flags.b;
  options.total_hits_threshold = 0;  // only the top k matter: let block-max pruning work
  eval::Run run;
  auto start = std::chrono::steady_clock::now();
  for (const eval::TopicQuery& query : queries) {
    eval::Ranking& ranking = run[query.id];  // present even when empty
    std::string text = eval::PlainQueryText(query.text);
    if (text.empty()) continue;
    auto results = (*searcher)->Search(text, options);
    if (!results.ok()) {
      return absl::Status(results.status().code(),
                          absl::StrCat("query ", query.id, ": ", results.status().message()));
    }
    for (const Hit& hit : results->hits) {
      const std::string* id = hit.document.Get("id");
      if (id == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("query ", query.id, ": a hit has no stored \"id\" field"));
      }
      ranking.push_back({*id, hit.score});
    }
  }
  summary.queries = queries.size();
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

// Writes `run` in trawl's own order (ranks 1, 2, ...), queries in the
// order of the queries file.
absl::Status WriteRun(const std::string& path, const eval::Run& run,
                      const std::vector<eval::TopicQuery>& queries) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  for (const eval::TopicQuery& query : queries) {
    const eval::Ranking& ranking = run.at(query.id);
    for (size_t i = 0; i < ranking.size(); ++i) {
      auto line = eval::RunLine(query.id, ranking[i].doc_id, i + 1, ranking[i].score, "trawl");
      if (!line.ok()) return line.status();
      out << *line;
    }
  }
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

// Judged queries the queries file lacks score zero: say so, since it is
// usually the wrong pair of files.
void WarnAboutMissingQueries(const eval::Qrels& qrels, const eval::Run& run) {
  size_t missing = 0;
  for (const auto& [query_id, judgments] : qrels) {
    if (eval::CountRelevant(judgments) > 0 && !run.contains(query_id)) ++missing;
  }
  if (missing > 0) {
    std::cerr << "trawl: warning: " << missing
              << " judged queries have no ranking and count as zero\n";
  }
}

std::string Metric(double v) { return absl::StrFormat("%.4f", v); }

void PrintTable(const EvalFlags& flags, const eval::Evaluation& e,
                const SearchSummary* search) {
  std::cout << e.queries.size() << " queries with relevant documents";
  if (e.unjudged_queries > 0) std::cout << " (" << e.unjudged_queries << " others skipped)";
  if (search != nullptr) {
    std::cout << absl::StrFormat(", k=%d, k1=%g, b=%g", flags.k, flags.k1, flags.b);
  }
  std::cout << "\n"
            << "nDCG@10     " << Metric(e.mean.ndcg_at_10) << "\n"
            << "MAP         " << Metric(e.mean.average_precision) << "\n"
            << "Recall@100  " << Metric(e.mean.recall_at_100) << "\n"
            << "P@10        " << Metric(e.mean.precision_at_10) << "\n";
  if (search != nullptr && search->seconds > 0) {
    std::cout << absl::StrFormat("searched %d queries in %.3f s (%.0f queries/s)\n",
                                 search->queries, search->seconds,
                                 static_cast<double>(search->queries) / search->seconds);
  }
}

// `ap_key` names the average precision: "map" for the mean, "ap" per query.
void PrintMetricsJson(const eval::Metrics& m, std::string_view ap_key) {
  std::cout << "\"ndcg@10\":" << Metric(m.ndcg_at_10) << "," << JsonString(ap_key) << ":"
            << Metric(m.average_precision)
            << ",\"recall@100\":" << Metric(m.recall_at_100)
            << ",\"p@10\":" << Metric(m.precision_at_10);
}

void PrintJson(const EvalFlags& flags, const eval::Evaluation& e, const SearchSummary* search) {
  std::cout << "{";
  if (search != nullptr) {
    std::cout << "\"index\":" << JsonString(flags.index)
              << absl::StrFormat(",\"k\":%d,\"k1\":%g,\"b\":%g,\"search_seconds\":%.6f,",
                                 flags.k, flags.k1, flags.b, search->seconds);
  } else {
    std::cout << "\"run\":" << JsonString(flags.score_run) << ",";
  }
  std::cout << "\"queries\":" << e.queries.size() << ",\"skipped\":" << e.unjudged_queries << ",";
  PrintMetricsJson(e.mean, "map");
  std::cout << ",\"per_query\":[";
  for (size_t i = 0; i < e.queries.size(); ++i) {
    const eval::QueryEvaluation& q = e.queries[i];
    std::cout << (i ? "," : "") << "{\"id\":" << JsonString(q.query_id) << ",";
    PrintMetricsJson(q.metrics, "ap");
    std::cout << ",\"relevant\":" << q.relevant << ",\"retrieved\":" << q.retrieved
              << ",\"relevant_retrieved\":" << q.relevant_retrieved << "}";
  }
  std::cout << "]}\n";
}

int RunEval(const EvalFlags& flags) {
  auto qrels = eval::ReadQrels(flags.qrels);
  if (!qrels.ok()) return Fail(qrels.status());
  eval::Run run;
  SearchSummary summary;
  bool searched = flags.score_run.empty();
  if (searched) {
    auto queries = eval::ReadQueries(flags.queries);
    if (!queries.ok()) return Fail(queries.status());
    auto found = SearchAll(flags, *queries, summary);
    if (!found.ok()) return Fail(found.status());
    run = *std::move(found);
    if (!flags.run_out.empty()) {
      if (absl::Status s = WriteRun(flags.run_out, run, *queries); !s.ok()) return Fail(s);
    }
  } else {
    auto read = eval::ReadRun(flags.score_run);
    if (!read.ok()) return Fail(read.status());
    run = *std::move(read);
  }
  WarnAboutMissingQueries(*qrels, run);
  eval::Evaluation evaluation = eval::Evaluate(run, *qrels);
  const SearchSummary* search = searched ? &summary : nullptr;
  if (flags.json) {
    PrintJson(flags, evaluation, search);
  } else {
    PrintTable(flags, evaluation, search);
  }
  return kOk;
}

}  // namespace

Command AddEvalCommand(CLI::App& app) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* sub = app.add_subcommand(
      "eval", "Ranking quality against judged queries (nDCG@10, MAP, Recall@100, P@10)");
  sub->footer(
      "Runs every query of QUERIES (JSON Lines: {\"id\", \"text\"}; query syntax is taken out,\n"
      "words are OR-ed) and scores the top k against QRELS (TREC: qid 0 docid grade) as\n"
      "trec_eval does: ties by docid descending, only queries with a relevant document\n"
      "averaged. The document id is the stored `id` field. --score-run evaluates an\n"
      "existing TREC run file instead (no index needed).\n"
      "Examples:\n"
      "  trawl eval --index cran --queries cranfield/queries.jsonl --qrels cranfield/qrels.txt\n"
      "  trawl eval --index cran --queries q.jsonl --qrels qrels.txt --k1 0.9 --b 0.4 --run out.run\n"
      "  trawl eval --qrels qrels.txt --score-run other-engine.run --json");
  CLI::Option* index = sub->add_option("--index", flags->index, "Index directory");
  CLI::Option* queries =
      sub->add_option("--queries", flags->queries, "Queries, JSON Lines {\"id\", \"text\"}");
  sub->add_option("--qrels", flags->qrels, "Relevance judgments, TREC qrels")->required();
  sub->add_option("-k", flags->k, "Hits per query (AP is over at most the top 1000)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--k1", flags->k1, "BM25 k1")->capture_default_str();
  sub->add_option("--b", flags->b, "BM25 b")->capture_default_str();
  CLI::Option* run_out =
      sub->add_option("--run", flags->run_out, "Also write the ranking as a TREC run file");
  CLI::Option* score_run =
      sub->add_option("--score-run", flags->score_run, "Evaluate this TREC run file instead");
  sub->add_flag("--json", flags->json, "JSON output, with per-query values");
  score_run->excludes(index)->excludes(queries)->excludes(run_out);
  sub->callback([index, queries, score_run] {
    if (score_run->count() == 0 && (index->count() == 0 || queries->count() == 0)) {
      throw CLI::RequiredError("--index and --queries (or --score-run)");
    }
  });
  return {sub, [flags] { return RunEval(*flags); }};
}

}  // namespace trawl::cli
