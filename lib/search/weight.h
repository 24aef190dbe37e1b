// A Weight is a query bound to one snapshot: its index-wide statistics
// (document frequencies summed over segments, field lengths) are gathered
// once, then it makes one Scorer per segment.
//
// The query families live in their own files (multi_term.cc, range.cc);
// this header also offers them the statistics helpers and the two building
// blocks they compose into (term weights and disjunctions).
#ifndef TRAWL_SEARCH_WEIGHT_H_
#define TRAWL_SEARCH_WEIGHT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "index/index_state.h"
#include "search/bm25.h"
#include "search/scorer.h"
#include "trawl/query.h"
#include "trawl/searcher.h"

namespace trawl::search {

// Everything a weight needs from SearchOptions.
struct WeightParams {
  Bm25Params bm25;
  size_t max_expansions = 1024;  // SearchOptions::max_expansions
};

class Weight {
 public:
  virtual ~Weight() = default;
  // The scorer of this query on one segment, or nullptr when the query
  // cannot match there.
  virtual absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const index::SegmentView& segment) = 0;

  // How `doc` of `segment` scores. The default runs the scorer to `doc` and
  // describes the query; term and phrase weights break BM25 down, boolean
  // ones list their clauses. Deleted documents are the caller's business.
  virtual absl::StatusOr<Explanation> Explain(const index::SegmentView& segment, uint32_t doc);

  // How many live docs of `segment` match, when known without iterating
  // them (Lucene's Weight.count): a term's document frequency in a segment
  // without deletions. std::nullopt otherwise, the default.
  virtual absl::StatusOr<std::optional<uint64_t>> MatchCount(const index::SegmentView& segment) {
    return std::nullopt;
  }

  // The query this weight was made from, for descriptions.
  const Query& query() const { return query_; }
  void set_query(Query query) { query_ = std::move(query); }

 protected:
  // The score of `doc` by this weight's own scorer; std::nullopt when it
  // does not match.
  absl::StatusOr<std::optional<float>> ScoreOf(const index::SegmentView& segment, uint32_t doc);

 private:
  Query query_;
};

// `scoring` false builds a filter: it matches the same docs, scoring 0.
// Fails with InvalidArgument for a field the schema lacks or that cannot
// hold the query (a phrase on a keyword field), and for a multi-term query
// expanding beyond params.max_expansions.
absl::StatusOr<std::unique_ptr<Weight>> CreateWeight(const Query& query,
                                                     const index::Snapshot& snapshot,
                                                     const WeightParams& params, float boost,
                                                     bool scoring);

// --- Building blocks for the query families ---

struct FieldTotals {
  uint64_t doc_count = 0;        // documents with the field
  uint64_t total_term_freq = 0;  // its tokens over all of them
  float avgdl() const;
};
FieldTotals TotalsOf(const index::Snapshot& snapshot, uint32_t field);

// A term (a segment::TermKey) and where each segment of one snapshot holds
// it: the dictionary is searched once, for the document frequency, and the
// entries found open the postings later.
class TermLookup {
 public:
  // Looks `key` up in every segment of `snapshot`.
  static absl::StatusOr<TermLookup> In(const index::Snapshot& snapshot, std::string key);
  // Nothing looked up yet: At() searches each segment's dictionary.
  explicit TermLookup(std::string key) : key_(std::move(key)) {}

  const std::string& key() const { return key_; }
  // Documents holding the term over the snapshot (0 before In()).
  uint64_t doc_freq() const { return doc_freq_; }
  // The term's entry in `segment`, std::nullopt where it is absent.
  absl::StatusOr<std::optional<segment::TermInfo>> At(const index::SegmentView& segment) const;

 private:
  std::string key_;
  uint64_t doc_freq_ = 0;
  std::vector<std::pair<const segment::SegmentReader*, std::optional<segment::TermInfo>>> found_;
};

// The number of field `name`, which must have terms (text or keyword), and
// positions too when `need_positions`.
absl::StatusOr<uint32_t> TermFieldOf(const index::Snapshot& snapshot, const std::string& name,
                                     bool need_positions);

// What a term's BM25 score is made of, kept for Explain.
struct TermStats {
  uint64_t doc_freq = 0;
  uint64_t doc_count = 0;  // documents with the field
  float idf = 0;
  float avgdl = 1;
  float boost = 1;  // all boosts multiplied; 0 in a filter
  Bm25Params params;
};
TermStats StatsOf(uint64_t doc_freq, const FieldTotals& totals, float boost,
                  const Bm25Params& params);

// BM25 of `term` (in field number `field`) with the given statistics.
std::unique_ptr<Weight> MakeTermWeight(uint32_t field, TermLookup term, const TermStats& stats);

// Documents matching any of `weights`, scoring the sum of those matching.
std::unique_ptr<Weight> MakeDisjunctionWeight(std::vector<std::unique_ptr<Weight>> weights);

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_WEIGHT_H_
