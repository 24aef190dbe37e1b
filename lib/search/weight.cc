#include "util/strings.h"
#include "search/weight.h"

#include "absl/strings/str_cat.h"
#include "segment/term_dictionary.h"
#include "util/status_macros.h"

namespace trawl::search {
namespace {

using index::SegmentView;
using index::Snapshot;

struct FieldTotals {
  uint64_t doc_count = 0;
  uint64_t total_term_freq = 0;
  float avgdl() const {
    return doc_count == 0 ? 1.0f
                          : static_cast<float>(static_cast<double>(total_term_freq) /
                                               static_cast<double>(doc_count));
  }
};

FieldTotals TotalsOf(const Snapshot& snapshot, uint32_t field) {
  FieldTotals t;
  for (const SegmentView& s : snapshot.segments) {
    const auto& fields = s.reader->meta().fields;
    if (field < fields.size()) {
      t.doc_count += fields[field].doc_count;
      t.total_term_freq += fields[field].total_term_freq;
    }
  }
  return t;
}

absl::StatusOr<uint64_t> DocFreq(const Snapshot& snapshot, const std::string& key) {
  uint64_t df = 0;
  for (const SegmentView& s : snapshot.segments) {
    TRAWL_ASSIGN_OR_RETURN(auto info, s.reader->terms().Find(key));
    if (info) df += info->doc_freq;
  }
  return df;
}

absl::StatusOr<uint32_t> FieldOf(const Snapshot& snapshot, const std::string& name,
                                 bool need_positions) {
  const Schema& schema = snapshot.manifest.schema;
  int id = schema.FieldId(name);
  if (id < 0) return absl::InvalidArgumentError(absl::StrCat("unknown field \"", name, "\""));
  FieldType type = schema.fields()[static_cast<size_t>(id)].type;
  if (type != FieldType::kText && type != FieldType::kKeyword) {
    return absl::InvalidArgumentError(
        absl::StrCat("field \"", name, "\" (", std::string(FieldTypeName(type)), ") has no terms"));
  }
  if (need_positions && type != FieldType::kText) {
    return absl::InvalidArgumentError(
        absl::StrCat("field \"", name, "\" has no positions for a phrase"));
  }
  return static_cast<uint32_t>(id);
}

absl::StatusOr<std::unique_ptr<TermScorer>> OpenTerm(const SegmentView& segment,
                                                     const std::string& key,
                                                     const Bm25Scorer* bm25, uint32_t field) {
  TRAWL_ASSIGN_OR_RETURN(auto info, segment.reader->terms().Find(key));
  if (!info) return nullptr;
  auto postings = std::make_unique<segment::PostingsIterator>();
  TRAWL_RETURN_IF_ERROR(segment.reader->OpenPostings(*info, postings.get()));
  return std::make_unique<TermScorer>(std::move(postings), bm25,
                                      segment.reader->norms().field(field));
}

class TermWeight : public Weight {
 public:
  TermWeight(uint32_t field, std::string key, Bm25Scorer bm25)
      : field_(field), key_(std::move(key)), bm25_(bm25) {}
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    TRAWL_ASSIGN_OR_RETURN(auto scorer, OpenTerm(segment, key_, &bm25_, field_));
    return std::unique_ptr<Scorer>(std::move(scorer));
  }

 private:
  uint32_t field_;
  std::string key_;
  Bm25Scorer bm25_;
};

class PhraseWeight : public Weight {
 public:
  PhraseWeight(uint32_t field, std::vector<std::string> keys, std::vector<uint32_t> offsets,
               uint32_t slop, Bm25Scorer bm25)
      : field_(field), keys_(std::move(keys)), offsets_(std::move(offsets)), slop_(slop),
        bm25_(bm25) {}
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    std::vector<std::unique_ptr<TermScorer>> terms;
    for (const std::string& key : keys_) {
      // Positions only: the per-term BM25 is never used.
      TRAWL_ASSIGN_OR_RETURN(auto term, OpenTerm(segment, key, &bm25_, field_));
      if (!term) return nullptr;
      terms.push_back(std::move(term));
    }
    return std::unique_ptr<Scorer>(std::make_unique<PhraseScorer>(
        std::move(terms), offsets_, slop_, &bm25_, segment.reader->norms().field(field_)));
  }

 private:
  uint32_t field_;
  std::vector<std::string> keys_;
  std::vector<uint32_t> offsets_;
  uint32_t slop_;
  Bm25Scorer bm25_;
};

class AllWeight : public Weight {
 public:
  explicit AllWeight(float score) : score_(score) {}
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    return std::unique_ptr<Scorer>(std::make_unique<AllScorer>(segment.reader->doc_count(), score_));
  }

 private:
  float score_;
};

class NoneWeight : public Weight {
 public:
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView&) override {
    return nullptr;
  }
};

class BoolWeight : public Weight {
 public:
  struct Clause {
    Occur occur;
    std::unique_ptr<Weight> weight;
  };
  BoolWeight(std::vector<Clause> clauses, uint32_t min_should_match)
      : clauses_(std::move(clauses)), min_should_match_(min_should_match) {}

  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    std::vector<std::unique_ptr<Scorer>> required, optional, excluded;
    for (Clause& c : clauses_) {
      TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<Scorer> s, c.weight->MakeScorer(segment));
      bool is_required = c.occur == Occur::kMust || c.occur == Occur::kFilter;
      if (!s) {
        if (is_required) return nullptr;
        continue;
      }
      (is_required ? required : c.occur == Occur::kShould ? optional : excluded)
          .push_back(std::move(s));
    }
    if (optional.size() < min_should_match_) return nullptr;
    std::unique_ptr<Scorer> result;
    if (required.empty()) {
      if (optional.empty()) return nullptr;  // a purely negative query matches nothing
      result = Either(std::move(optional), min_should_match_);
    } else {
      result = All(std::move(required));
      if (!optional.empty()) {
        auto should = Either(std::move(optional), min_should_match_);
        result = min_should_match_ > 0
                     ? All(Pair(std::move(result), std::move(should)))
                     : std::make_unique<OptionalScorer>(std::move(result), std::move(should));
      }
    }
    if (!excluded.empty()) {
      result = std::make_unique<ExclusionScorer>(std::move(result), Either(std::move(excluded), 1));
    }
    return result;
  }

 private:
  static std::vector<std::unique_ptr<Scorer>> Pair(std::unique_ptr<Scorer> a,
                                                   std::unique_ptr<Scorer> b) {
    std::vector<std::unique_ptr<Scorer>> v;
    v.push_back(std::move(a));
    v.push_back(std::move(b));
    return v;
  }
  static std::unique_ptr<Scorer> All(std::vector<std::unique_ptr<Scorer>> scorers) {
    if (scorers.size() == 1) return std::move(scorers[0]);
    return std::make_unique<ConjunctionScorer>(std::move(scorers));
  }
  static std::unique_ptr<Scorer> Either(std::vector<std::unique_ptr<Scorer>> scorers,
                                        uint32_t min_match) {
    if (scorers.size() == 1) return std::move(scorers[0]);
    return std::make_unique<DisjunctionScorer>(std::move(scorers), min_match);
  }

  std::vector<Clause> clauses_;
  uint32_t min_should_match_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Weight>> CreateWeight(const Query& query, const Snapshot& snapshot,
                                                     const Bm25Params& params, float boost,
                                                     bool scoring) {
  const QueryNode& node = query.node();
  if (node.depth > kMaxQueryDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("query nested deeper than ", kMaxQueryDepth, " levels"));
  }
  float factor = scoring ? boost : 0.0f;
  switch (node.kind) {
    case QueryNode::Kind::kTerm: {
      TRAWL_ASSIGN_OR_RETURN(uint32_t field, FieldOf(snapshot, node.field, false));
      std::string key = segment::TermKey(field, node.terms[0]);
      FieldTotals totals = TotalsOf(snapshot, field);
      TRAWL_ASSIGN_OR_RETURN(uint64_t df, DocFreq(snapshot, key));
      float idf = Bm25Idf(df, totals.doc_count);
      return std::unique_ptr<Weight>(
          std::make_unique<TermWeight>(field, std::move(key),
                                       Bm25Scorer(factor * idf, totals.avgdl(), params)));
    }
    case QueryNode::Kind::kPhrase: {
      TRAWL_ASSIGN_OR_RETURN(uint32_t field, FieldOf(snapshot, node.field, true));
      FieldTotals totals = TotalsOf(snapshot, field);
      std::vector<std::string> keys;
      float idf = 0;  // Lucene's PhraseWeight: the sum of the terms' idf
      for (const std::string& term : node.terms) {
        keys.push_back(segment::TermKey(field, term));
        TRAWL_ASSIGN_OR_RETURN(uint64_t df, DocFreq(snapshot, keys.back()));
        idf += Bm25Idf(df, totals.doc_count);
      }
      std::vector<uint32_t> offsets = node.positions;
      if (offsets.empty()) {
        for (uint32_t i = 0; i < node.terms.size(); ++i) offsets.push_back(i);
      }
      return std::unique_ptr<Weight>(
          std::make_unique<PhraseWeight>(field, std::move(keys), std::move(offsets), node.slop,
                                         Bm25Scorer(factor * idf, totals.avgdl(), params)));
    }
    case QueryNode::Kind::kAll:
      return std::unique_ptr<Weight>(std::make_unique<AllWeight>(factor));
    case QueryNode::Kind::kNone:
      return std::unique_ptr<Weight>(std::make_unique<NoneWeight>());
    case QueryNode::Kind::kBoost:
      return CreateWeight(node.clauses[0].second, snapshot, params, boost * node.boost, scoring);
    case QueryNode::Kind::kBool: {
      std::vector<BoolWeight::Clause> clauses;
      for (const auto& [occur, child] : node.clauses) {
        bool child_scores = scoring && (occur == Occur::kMust || occur == Occur::kShould);
        TRAWL_ASSIGN_OR_RETURN(auto w, CreateWeight(child, snapshot, params, boost, child_scores));
        clauses.push_back({occur, std::move(w)});
      }
      return std::unique_ptr<Weight>(
          std::make_unique<BoolWeight>(std::move(clauses), node.min_should_match));
    }
  }
  return absl::InternalError("unknown query kind");
}

}  // namespace trawl::search
