#include "util/strings.h"
#include "search/weight.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "search/constant_scorers.h"
#include "search/multi_term.h"
#include "search/range.h"
#include "segment/term_dictionary.h"
#include "util/status_macros.h"

namespace trawl::search {
namespace {

using index::SegmentView;
using index::Snapshot;

Explanation Leaf(float value, std::string description) {
  return {.match = true, .value = value, .description = std::move(description), .details = {}};
}

Explanation NoMatch(std::string description) {
  return {.match = false, .value = 0, .description = std::move(description), .details = {}};
}

absl::StatusOr<std::unique_ptr<TermScorer>> OpenTerm(const SegmentView& segment,
                                                     const TermLookup& term,
                                                     const Bm25Scorer* bm25, uint32_t field) {
  TRAWL_ASSIGN_OR_RETURN(auto info, term.At(segment));
  if (!info) return nullptr;
  auto postings = std::make_unique<segment::PostingsIterator>();
  TRAWL_RETURN_IF_ERROR(segment.reader->OpenPostings(*info, postings.get()));
  return std::make_unique<TermScorer>(std::move(postings), bm25,
                                      segment.reader->norms().field(field));
}

// The BM25 breakdown of one term (or phrase) occurring `freq` times in a
// field of quantized length `norm`; `idf` explains the idf. `value` is the
// score the scorer computed, so the root matches Search() bit for bit.
Explanation Bm25Breakdown(std::string what, float value, uint32_t freq, uint8_t norm,
                          const TermStats& stats, Explanation idf) {
  const float k1 = stats.params.k1, b = stats.params.b;
  const float dl = static_cast<float>(segment::DecodeNorm(norm));
  const float f = static_cast<float>(freq);
  Explanation tf = Leaf(f / (f + k1 * (1 - b + b * dl / stats.avgdl)),
                        "tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:");
  tf.details = {Leaf(f, "freq, occurrences within the document"),
                Leaf(k1, "k1, term saturation parameter"),
                Leaf(b, "b, length normalization parameter"),
                Leaf(dl, "dl, length of the field (quantized)"),
                Leaf(stats.avgdl, "avgdl, average length of the field")};
  Explanation root = Leaf(value, absl::StrCat("weight(", what, ") [BM25], boost * idf * tf of:"));
  root.details = {Leaf(stats.boost, "boost"), std::move(idf), std::move(tf)};
  return root;
}

Explanation IdfOf(const TermStats& stats) {
  Explanation idf = Leaf(stats.idf, "idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:");
  idf.details = {Leaf(static_cast<float>(stats.doc_freq), "n, documents containing the term"),
                 Leaf(static_cast<float>(stats.doc_count), "N, documents with the field")};
  return idf;
}

class TermWeight : public Weight {
 public:
  TermWeight(uint32_t field, TermLookup term, const TermStats& stats)
      : field_(field), term_(std::move(term)), stats_(stats),
        bm25_(stats.boost * stats.idf, stats.avgdl, stats.params) {}

  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    TRAWL_ASSIGN_OR_RETURN(auto scorer, OpenTerm(segment, term_, &bm25_, field_));
    return std::unique_ptr<Scorer>(std::move(scorer));
  }

  absl::StatusOr<std::optional<uint64_t>> MatchCount(const SegmentView& segment) override {
    if (segment.deleted && segment.deleted->count() > 0) return std::nullopt;
    TRAWL_ASSIGN_OR_RETURN(auto info, term_.At(segment));
    return info ? info->doc_freq : 0;
  }

  absl::StatusOr<Explanation> Explain(const SegmentView& segment, uint32_t doc) override {
    std::string what = query().ToString();
    TRAWL_ASSIGN_OR_RETURN(auto scorer, OpenTerm(segment, term_, &bm25_, field_));
    if (!scorer || scorer->Advance(doc) != doc) {
      TRAWL_RETURN_IF_ERROR(scorer ? scorer->status() : absl::OkStatus());
      return NoMatch(absl::StrCat("no term ", what));
    }
    return Bm25Breakdown(what, scorer->Score(), scorer->postings().freq(), scorer->norm(doc),
                         stats_, IdfOf(stats_));
  }

 private:
  uint32_t field_;
  TermLookup term_;
  TermStats stats_;
  Bm25Scorer bm25_;
};

class PhraseWeight : public Weight {
 public:
  PhraseWeight(uint32_t field, std::vector<TermLookup> terms, std::vector<uint32_t> offsets,
               uint32_t slop, const TermStats& stats, std::vector<TermStats> term_stats)
      : field_(field), terms_(std::move(terms)), offsets_(std::move(offsets)), slop_(slop),
        stats_(stats), term_stats_(std::move(term_stats)),
        bm25_(stats.boost * stats.idf, stats.avgdl, stats.params) {}

  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    TRAWL_ASSIGN_OR_RETURN(auto scorer, MakePhraseScorer(segment));
    return std::unique_ptr<Scorer>(std::move(scorer));
  }

  absl::StatusOr<Explanation> Explain(const SegmentView& segment, uint32_t doc) override {
    TRAWL_ASSIGN_OR_RETURN(auto scorer, MakePhraseScorer(segment));
    if (!scorer || scorer->Advance(doc) != doc) {
      TRAWL_RETURN_IF_ERROR(scorer ? scorer->status() : absl::OkStatus());
      return NoMatch(absl::StrCat("no phrase ", query().ToString()));
    }
    // Lucene's PhraseWeight: the idf is the sum of the terms' idf.
    Explanation idf = Leaf(stats_.idf, "idf, sum of:");
    for (size_t i = 0; i < terms_.size(); ++i) {
      Explanation one = IdfOf(term_stats_[i]);
      one.description = absl::StrCat("idf(", terms_[i].key().substr(1), "), ", one.description);
      idf.details.push_back(std::move(one));
    }
    auto norms = segment.reader->norms().field(field_);
    return Bm25Breakdown(query().ToString(), scorer->Score(), scorer->freq(),
                         norms.empty() ? 1 : norms[doc], stats_, std::move(idf));
  }

 private:
  absl::StatusOr<std::unique_ptr<PhraseScorer>> MakePhraseScorer(const SegmentView& segment) {
    std::vector<std::unique_ptr<TermScorer>> terms;
    for (const TermLookup& lookup : terms_) {
      // Positions only: the per-term BM25 is never used.
      TRAWL_ASSIGN_OR_RETURN(auto term, OpenTerm(segment, lookup, &bm25_, field_));
      if (!term) return nullptr;
      terms.push_back(std::move(term));
    }
    return std::make_unique<PhraseScorer>(std::move(terms), offsets_, slop_, &bm25_,
                                          segment.reader->norms().field(field_));
  }

  uint32_t field_;
  std::vector<TermLookup> terms_;
  std::vector<uint32_t> offsets_;
  uint32_t slop_;
  TermStats stats_;
  std::vector<TermStats> term_stats_;
  Bm25Scorer bm25_;
};

class AllWeight : public Weight {
 public:
  explicit AllWeight(float score) : score_(score) {}
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    return std::unique_ptr<Scorer>(std::make_unique<AllScorer>(segment.reader->doc_count(), score_));
  }
  absl::StatusOr<std::optional<uint64_t>> MatchCount(const SegmentView& segment) override {
    return segment.live_count();
  }

 private:
  float score_;
};

class NoneWeight : public Weight {
 public:
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView&) override {
    return nullptr;
  }
  absl::StatusOr<std::optional<uint64_t>> MatchCount(const SegmentView&) override { return 0; }
};

// The documents of a weight made as a filter, each scoring `score`.
class ConstantScoreWeight : public Weight {
 public:
  ConstantScoreWeight(std::unique_ptr<Weight> inner, float score)
      : inner_(std::move(inner)), score_(score) {}
  absl::StatusOr<std::unique_ptr<Scorer>> MakeScorer(const SegmentView& segment) override {
    TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<Scorer> inner, inner_->MakeScorer(segment));
    if (!inner) return nullptr;
    return std::unique_ptr<Scorer>(std::make_unique<ConstantScorer>(std::move(inner), score_));
  }
  absl::StatusOr<std::optional<uint64_t>> MatchCount(const SegmentView& segment) override {
    return inner_->MatchCount(segment);
  }

 private:
  std::unique_ptr<Weight> inner_;
  float score_;
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

  // Known from the clauses' own counts in the cases Lucene's
  // BooleanWeight.count knows: a clause matching nothing or every live doc
  // settles it, optional clauses beside required ones (with no minimum) do
  // not change which docs match, and a disjunction in which only one
  // clause matches anything counts that clause.
  absl::StatusOr<std::optional<uint64_t>> MatchCount(const SegmentView& segment) override {
    const uint64_t live = segment.live_count();
    ClauseCounts required, optional, excluded;
    for (Clause& c : clauses_) {
      TRAWL_ASSIGN_OR_RETURN(std::optional<uint64_t> count, c.weight->MatchCount(segment));
      (c.occur == Occur::kShould    ? optional
       : c.occur == Occur::kMustNot ? excluded
                                    : required)
          .Add(count, live);
    }
    if (required.none_match > 0 || optional.may_match() < min_should_match_ ||
        excluded.all_match > 0 || (required.clauses == 0 && optional.may_match() == 0)) {
      return 0;
    }
    if (excluded.may_match() > 0 || min_should_match_ > 1) return std::nullopt;
    if (required.clauses == 0) {
      if (optional.all_match > 0) return live;
      return optional.may_match() == 1 ? optional.OnlyCount() : std::nullopt;
    }
    // With min_should_match 1 the optional clauses filter, unless one of
    // them matches every doc.
    if (min_should_match_ == 1 && optional.all_match == 0) return std::nullopt;
    if (required.all_match == required.clauses) return live;
    return required.all_match + 1 == required.clauses ? required.OnlyCount() : std::nullopt;
  }

  // Each clause explained; the root's value is the real score of the
  // combined scorer (sums taken in the scorer's own order).
  absl::StatusOr<Explanation> Explain(const SegmentView& segment, uint32_t doc) override {
    Explanation root = Leaf(0, "sum of:");
    bool has_required = false;
    uint32_t should_matched = 0;
    for (Clause& c : clauses_) {
      TRAWL_ASSIGN_OR_RETURN(Explanation e, c.weight->Explain(segment, doc));
      has_required |= c.occur == Occur::kMust || c.occur == Occur::kFilter;
      if (c.occur == Occur::kMustNot) {
        if (e.match) return NoMatch(absl::StrCat("match on excluded clause ", c.weight->query().ToString()));
        continue;
      }
      if (!e.match) {
        if (c.occur != Occur::kShould) {
          return NoMatch(absl::StrCat("no match on required clause ", c.weight->query().ToString()));
        }
        continue;
      }
      should_matched += c.occur == Occur::kShould;
      if (c.occur == Occur::kFilter) e.description = absl::StrCat("filter (not scored): ", e.description);
      root.details.push_back(std::move(e));
    }
    uint32_t needed = has_required ? min_should_match_ : std::max<uint32_t>(1, min_should_match_);
    if (should_matched < needed) {
      return NoMatch(absl::StrCat(should_matched, " optional clauses match, ", needed, " needed"));
    }
    TRAWL_ASSIGN_OR_RETURN(std::optional<float> score, ScoreOf(segment, doc));
    if (!score) return absl::InternalError("bool explanation disagrees with its scorer");
    root.value = *score;
    return root;
  }

 private:
  // What the known counts of one kind of clause say.
  struct ClauseCounts {
    size_t clauses = 0;
    size_t none_match = 0;  // known to match no doc
    size_t all_match = 0;   // known to match every live doc
    // The last clause that may match but not every doc: its count, or
    // nullopt when unknown.
    std::optional<uint64_t> partial;

    void Add(std::optional<uint64_t> count, uint64_t live) {
      ++clauses;
      if (count && *count == 0) {
        ++none_match;
      } else if (count && *count == live) {
        ++all_match;
      } else {
        partial = count;
      }
    }
    size_t may_match() const { return clauses - none_match; }
    // The count of the one clause neither matching nothing nor everything.
    std::optional<uint64_t> OnlyCount() const {
      return clauses - none_match - all_match == 1 ? partial : std::nullopt;
    }
  };

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

absl::StatusOr<std::unique_ptr<Weight>> CreateTermWeight(const QueryNode& node,
                                                         const Snapshot& snapshot,
                                                         const Bm25Params& params, float factor) {
  TRAWL_ASSIGN_OR_RETURN(uint32_t field, TermFieldOf(snapshot, node.field, false));
  TRAWL_ASSIGN_OR_RETURN(TermLookup term,
                         TermLookup::In(snapshot, segment::TermKey(field, node.terms[0])));
  const TermStats stats = StatsOf(term.doc_freq(), TotalsOf(snapshot, field), factor, params);
  return MakeTermWeight(field, std::move(term), stats);
}

absl::StatusOr<std::unique_ptr<Weight>> CreatePhraseWeight(const QueryNode& node,
                                                           const Snapshot& snapshot,
                                                           const Bm25Params& params, float factor) {
  TRAWL_ASSIGN_OR_RETURN(uint32_t field, TermFieldOf(snapshot, node.field, true));
  FieldTotals totals = TotalsOf(snapshot, field);
  std::vector<TermLookup> terms;
  std::vector<TermStats> term_stats;
  TermStats phrase = StatsOf(0, totals, factor, params);
  phrase.idf = 0;  // Lucene's PhraseWeight: the sum of the terms' idf
  for (const std::string& term : node.terms) {
    TRAWL_ASSIGN_OR_RETURN(TermLookup lookup,
                           TermLookup::In(snapshot, segment::TermKey(field, term)));
    term_stats.push_back(StatsOf(lookup.doc_freq(), totals, factor, params));
    phrase.idf += term_stats.back().idf;
    terms.push_back(std::move(lookup));
  }
  std::vector<uint32_t> offsets = node.positions;
  if (offsets.empty()) {
    for (uint32_t i = 0; i < node.terms.size(); ++i) offsets.push_back(i);
  }
  return std::unique_ptr<Weight>(std::make_unique<PhraseWeight>(
      field, std::move(terms), std::move(offsets), node.slop, phrase, std::move(term_stats)));
}

absl::StatusOr<std::unique_ptr<Weight>> CreateNodeWeight(const Query& query,
                                                         const Snapshot& snapshot,
                                                         const WeightParams& params,
                                                         float boost, bool scoring) {
  const QueryNode& node = query.node();
  const float factor = scoring ? boost : 0.0f;
  switch (node.kind) {
    case QueryNode::Kind::kTerm:
      return CreateTermWeight(node, snapshot, params.bm25, factor);
    case QueryNode::Kind::kPhrase:
      return CreatePhraseWeight(node, snapshot, params.bm25, factor);
    case QueryNode::Kind::kAll:
      return std::unique_ptr<Weight>(std::make_unique<AllWeight>(factor));
    case QueryNode::Kind::kNone:
      return std::unique_ptr<Weight>(std::make_unique<NoneWeight>());
    case QueryNode::Kind::kBoost:
      break;  // handled by CreateWeight
    case QueryNode::Kind::kConstantScore: {
      TRAWL_ASSIGN_OR_RETURN(auto inner, CreateWeight(node.clauses[0].second, snapshot, params,
                                                      1.0f, /*scoring=*/false));
      return std::unique_ptr<Weight>(
          std::make_unique<ConstantScoreWeight>(std::move(inner), factor * node.boost));
    }
    case QueryNode::Kind::kPrefix:
    case QueryNode::Kind::kWildcard:
    case QueryNode::Kind::kRegex:
      return CreatePatternWeight(node, snapshot, params.max_expansions, factor);
    case QueryNode::Kind::kFuzzy:
      return CreateFuzzyWeight(node, snapshot, params.bm25, factor);
    case QueryNode::Kind::kRange:
      return CreateRangeWeight(node, snapshot, params.max_expansions, factor);
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

}  // namespace

absl::StatusOr<Explanation> Weight::Explain(const SegmentView& segment, uint32_t doc) {
  TRAWL_ASSIGN_OR_RETURN(std::optional<float> score, ScoreOf(segment, doc));
  if (!score) return NoMatch(absl::StrCat("no match on ", query_.ToString()));
  return Leaf(*score, absl::StrCat(query_.ToString(), ", constant score"));
}

absl::StatusOr<std::optional<float>> Weight::ScoreOf(const SegmentView& segment, uint32_t doc) {
  TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<Scorer> scorer, MakeScorer(segment));
  if (!scorer) return std::nullopt;
  bool match = scorer->Advance(doc) == doc;
  TRAWL_RETURN_IF_ERROR(scorer->status());
  if (!match) return std::nullopt;
  return scorer->Score();
}

float FieldTotals::avgdl() const {
  return doc_count == 0 ? 1.0f
                        : static_cast<float>(static_cast<double>(total_term_freq) /
                                             static_cast<double>(doc_count));
}

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

absl::StatusOr<TermLookup> TermLookup::In(const Snapshot& snapshot, std::string key) {
  TermLookup term(std::move(key));
  for (const SegmentView& s : snapshot.segments) {
    TRAWL_ASSIGN_OR_RETURN(auto info, s.reader->terms().Find(term.key_));
    if (info) term.doc_freq_ += info->doc_freq;
    term.found_.emplace_back(s.reader.get(), info);
  }
  return term;
}

absl::StatusOr<std::optional<segment::TermInfo>> TermLookup::At(const SegmentView& segment) const {
  for (const auto& [reader, info] : found_) {
    if (reader == segment.reader.get()) return info;
  }
  return segment.reader->terms().Find(key_);
}

absl::StatusOr<uint32_t> TermFieldOf(const Snapshot& snapshot, const std::string& name,
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

TermStats StatsOf(uint64_t doc_freq, const FieldTotals& totals, float boost,
                  const Bm25Params& params) {
  return {.doc_freq = doc_freq,
          .doc_count = totals.doc_count,
          .idf = Bm25Idf(doc_freq, totals.doc_count),
          .avgdl = totals.avgdl(),
          .boost = boost,
          .params = params};
}

std::unique_ptr<Weight> MakeTermWeight(uint32_t field, TermLookup term, const TermStats& stats) {
  return std::make_unique<TermWeight>(field, std::move(term), stats);
}

std::unique_ptr<Weight> MakeDisjunctionWeight(std::vector<std::unique_ptr<Weight>> weights) {
  std::vector<BoolWeight::Clause> clauses;
  for (auto& w : weights) clauses.push_back({Occur::kShould, std::move(w)});
  return std::make_unique<BoolWeight>(std::move(clauses), 0);
}

absl::StatusOr<std::unique_ptr<Weight>> CreateWeight(const Query& query, const Snapshot& snapshot,
                                                     const WeightParams& params, float boost,
                                                     bool scoring) {
  const QueryNode& node = query.node();
  if (node.depth > kMaxQueryDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("query nested deeper than ", kMaxQueryDepth, " levels"));
  }
  if ((node.kind == QueryNode::Kind::kBoost || node.kind == QueryNode::Kind::kConstantScore) &&
      !(node.boost >= 0 && std::isfinite(node.boost))) {
    // Block-max bounds assume scores never fall as a term's freq rises (as
    // Lucene's BoostQuery, which refuses them too).
    return absl::InvalidArgumentError(
        absl::StrCat("a boost or constant score must be a finite number >= 0, got ", node.boost));
  }
  if (node.kind == QueryNode::Kind::kBoost) {
    return CreateWeight(node.clauses[0].second, snapshot, params, boost * node.boost, scoring);
  }
  TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<Weight> weight,
                         CreateNodeWeight(query, snapshot, params, boost, scoring));
  weight->set_query(query);
  return weight;
}

}  // namespace trawl::search
