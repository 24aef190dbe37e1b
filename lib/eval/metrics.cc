#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace trawl::eval {
namespace {

bool IsRelevant(int grade) { return grade >= 1; }

// The grade of `doc_id`, 0 when unjudged.
int GradeOf(const Judgments& judgments, const std::string& doc_id) {
  auto it = judgments.find(doc_id);
  return it == judgments.end() ? 0 : it->second;
}

// How many of the first `k` documents are relevant.
int64_t RelevantInTop(const Ranking& ranking, const Judgments& judgments,
                      size_t k) {
  int64_t n = 0;
  for (size_t i = 0; i < std::min(k, ranking.size()); ++i) {
    if (IsRelevant(GradeOf(judgments, ranking[i].doc_id))) ++n;
  }
  return n;
}

// The discount of 0-based position i: log2(rank + 1) with rank = i + 1.
double Discount(size_t i) { return std::log2(static_cast<double>(i) + 2.0); }

}  // namespace

void SortLikeTrecEval(Ranking& ranking) {
  std::sort(ranking.begin(), ranking.end(),
            [](const ScoredDoc& a, const ScoredDoc& b) {
              // trec_eval keeps scores as float: two doubles that round to
              // the same float are a tie there, so they are one here.
              float sa = static_cast<float>(a.score);
              float sb = static_cast<float>(b.score);
              if (sa != sb) return sa > sb;
              return a.doc_id > b.doc_id;
            });
}

double NdcgAt(const Ranking& ranking, const Judgments& judgments, size_t k) {
  double dcg = 0;
  for (size_t i = 0; i < std::min(k, ranking.size()); ++i) {
    int grade = GradeOf(judgments, ranking[i].doc_id);
    if (grade > 0) dcg += grade / Discount(i);
  }
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judgments) {
    if (grade > 0) ideal.push_back(grade);
  }
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());
  double ideal_dcg = 0;
  for (size_t i = 0; i < std::min(k, ideal.size()); ++i) {
    ideal_dcg += ideal[i] / Discount(i);
  }
  return ideal_dcg > 0 ? dcg / ideal_dcg : 0;
}

double AveragePrecision(const Ranking& ranking, const Judgments& judgments,
                        size_t depth) {
  int64_t relevant = CountRelevant(judgments);
  if (relevant == 0) return 0;
  double sum = 0;
  int64_t found = 0;
  for (size_t i = 0; i < std::min(depth, ranking.size()); ++i) {
    if (!IsRelevant(GradeOf(judgments, ranking[i].doc_id))) continue;
    ++found;
    sum += static_cast<double>(found) / static_cast<double>(i + 1);
  }
  return sum / static_cast<double>(relevant);
}

double RecallAt(const Ranking& ranking, const Judgments& judgments, size_t k) {
  int64_t relevant = CountRelevant(judgments);
  if (relevant == 0) return 0;
  return static_cast<double>(RelevantInTop(ranking, judgments, k)) /
         static_cast<double>(relevant);
}

double PrecisionAt(const Ranking& ranking, const Judgments& judgments,
                   size_t k) {
  if (k == 0) return 0;
  return static_cast<double>(RelevantInTop(ranking, judgments, k)) /
         static_cast<double>(k);
}

int64_t CountRelevant(const Judgments& judgments) {
  int64_t n = 0;
  for (const auto& [doc, grade] : judgments) {
    if (IsRelevant(grade)) ++n;
  }
  return n;
}

Evaluation Evaluate(const Run& run, const Qrels& qrels, size_t depth) {
  Evaluation result;
  for (const auto& [query_id, ranking] : run) {
    auto it = qrels.find(query_id);
    if (it == qrels.end() || CountRelevant(it->second) == 0) {
      ++result.unjudged_queries;
    }
  }
  const Ranking kNoRanking;
  for (const auto& [query_id, judgments] : qrels) {
    QueryEvaluation q;
    q.query_id = query_id;
    q.relevant = CountRelevant(judgments);
    if (q.relevant == 0) continue;
    auto found = run.find(query_id);
    Ranking ranking = found == run.end() ? kNoRanking : found->second;
    SortLikeTrecEval(ranking);
    if (ranking.size() > depth) ranking.resize(depth);
    q.retrieved = static_cast<int64_t>(ranking.size());
    q.relevant_retrieved = RelevantInTop(ranking, judgments, depth);
    q.metrics.ndcg_at_10 = NdcgAt(ranking, judgments, 10);
    q.metrics.average_precision = AveragePrecision(ranking, judgments, depth);
    q.metrics.recall_at_100 = RecallAt(ranking, judgments, 100);
    q.metrics.precision_at_10 = PrecisionAt(ranking, judgments, 10);
    result.queries.push_back(std::move(q));
  }
  if (result.queries.empty()) return result;
  for (const QueryEvaluation& q : result.queries) {
    result.mean.ndcg_at_10 += q.metrics.ndcg_at_10;
    result.mean.average_precision += q.metrics.average_precision;
    result.mean.recall_at_100 += q.metrics.recall_at_100;
    result.mean.precision_at_10 += q.metrics.precision_at_10;
  }
  double n = static_cast<double>(result.queries.size());
  result.mean.ndcg_at_10 /= n;
  result.mean.average_precision /= n;
  result.mean.recall_at_100 /= n;
  result.mean.precision_at_10 /= n;
  return result;
}

}  // namespace trawl::eval
