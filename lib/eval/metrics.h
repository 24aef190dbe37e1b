// Ranking-quality metrics computed the way trec_eval computes them.
//
//   trawl::eval::Qrels qrels = ...;                // from ReadQrels()
//   trawl::eval::Run run;                          // query id -> ranking
//   run["1"] = {{"d7", 12.5}, {"d3", 11.0}};
//   trawl::eval::Evaluation e = trawl::eval::Evaluate(run, qrels);
//   e.mean.ndcg_at_10 ...
//
// The conventions, each as trec_eval 9.0.x has it (usnistgov/trec_eval:
// form_res_rels.c, m_map.c, m_P.c, m_recall.c, m_ndcg_cut.c):
//   - A document is relevant when its grade is >= 1; documents absent from
//     the qrels are non-relevant.
//   - A ranking is re-sorted by score descending (compared as 32-bit floats,
//     trec_eval's `float sim`), ties broken by document id in descending byte
//     order (`comp_sim_docno`); the rank column of a run file is ignored.
//   - nDCG@k: gain = grade, discount log2(rank + 1); the ideal ranking is the
//     query's positive grades from the qrels, best first, cut at k.
//   - AP divides by the number of relevant documents in the qrels, not by the
//     number retrieved; P@k divides by k even when fewer were retrieved.
// One deliberate difference: only queries with at least one relevant document
// are averaged, and such a query with no ranking counts as all zeros (what
// `trec_eval -c` does for it).
//
// Internal to trawl (namespace trawl::eval); used by `trawl eval` and tests.
#ifndef TRAWL_EVAL_METRICS_H_
#define TRAWL_EVAL_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace trawl::eval {

// One retrieved document.
struct ScoredDoc {
  std::string doc_id;
  double score = 0;
};

// Retrieved documents of one query. Document ids must be distinct.
using Ranking = std::vector<ScoredDoc>;

// Query id -> its ranking.
using Run = std::map<std::string, Ranking>;

// Document id -> relevance grade, for one query.
using Judgments = std::map<std::string, int>;

// Query id -> its judgments.
using Qrels = std::map<std::string, Judgments>;

// The depth trawl evaluates at: AP over the top 1000, as TREC runs are cut.
inline constexpr size_t kDefaultDepth = 1000;

// Sorts `ranking` into trec_eval's order (see the file comment).
void SortLikeTrecEval(Ranking& ranking);

// The metrics below take a ranking already in its final order (best first)
// and look at no more than its first `k` (or `depth`) entries.

// Normalized discounted cumulative gain at `k`; 0 when the query has no
// positive grade.
double NdcgAt(const Ranking& ranking, const Judgments& judgments, size_t k);

// Average precision over the first `depth` documents; 0 when the query has
// no relevant document.
double AveragePrecision(const Ranking& ranking, const Judgments& judgments,
                        size_t depth);

// Relevant documents among the first `k`, divided by all relevant ones.
double RecallAt(const Ranking& ranking, const Judgments& judgments, size_t k);

// Relevant documents among the first `k`, divided by `k`.
double PrecisionAt(const Ranking& ranking, const Judgments& judgments,
                   size_t k);

// How many documents of `judgments` are relevant (grade >= 1).
int64_t CountRelevant(const Judgments& judgments);

// The four metrics trawl reports, for one query or averaged.
struct Metrics {
  double ndcg_at_10 = 0;
  double average_precision = 0;  // averaged: MAP
  double recall_at_100 = 0;
  double precision_at_10 = 0;
};

struct QueryEvaluation {
  std::string query_id;
  Metrics metrics;
  int64_t relevant = 0;           // in the qrels
  int64_t retrieved = 0;          // after the cut at depth
  int64_t relevant_retrieved = 0;
};

struct Evaluation {
  // One entry per query with a relevant document, in query id order.
  std::vector<QueryEvaluation> queries;
  Metrics mean;  // all zeros when `queries` is empty
  // Run queries left out because the qrels give them nothing relevant.
  int64_t unjudged_queries = 0;
};

// Evaluates `run` against `qrels`: each ranking is sorted like trec_eval,
// cut at `depth`, and scored; the means are over the queries of `qrels` that
// have a relevant document (a missing ranking scores zero).
Evaluation Evaluate(const Run& run, const Qrels& qrels,
                    size_t depth = kDefaultDepth);

}  // namespace trawl::eval

#endif  // TRAWL_EVAL_METRICS_H_
