#include "search/searcher_impl.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "search/count.h"
#include "search/facets.h"
#include "search/range.h"
#include "search/snippet.h"
#include "search/top_k.h"
#include "search/weight.h"
#include "util/status_macros.h"

namespace trawl::search {
namespace {

class SnapshotSearcher : public Searcher {
 public:
  explicit SnapshotSearcher(std::shared_ptr<const index::Snapshot> snapshot)
      : snapshot_(std::move(snapshot)) {
    for (const index::SegmentView& s : snapshot_->segments) live_ += s.live_count();
  }

  absl::StatusOr<SearchResults> Search(const Query& query,
                                       const SearchOptions& options) const override {
    TRAWL_RETURN_IF_ERROR(CheckBm25(options));
    TRAWL_ASSIGN_OR_RETURN(int sort_field, SortField(options));
    TRAWL_ASSIGN_OR_RETURN(FacetCollector facets, FacetCollector::Create(options.facets, schema()));
    TRAWL_ASSIGN_OR_RETURN(auto weight, CreateWeight(query, *snapshot_, ParamsOf(options), 1.0f,
                                                     /*scoring=*/true));
    TopK top(options.k, OrderOf(options, sort_field), AfterOf(options));
    // Field order and facets need every match; only score order prunes.
    const bool visit_all = sort_field >= 0 || !facets.empty();
    const uint64_t count_until = options.total_hits_threshold;
    SearchResults results;
    for (uint32_t i = 0; i < snapshot_->segments.size(); ++i) {
      const index::SegmentView& segment = snapshot_->segments[i];
      TRAWL_ASSIGN_OR_RETURN(auto scorer, weight->MakeScorer(segment));
      if (!scorer) continue;
      if (!visit_all) {
        // A count known without iterating (Lucene's Weight.count) makes the
        // total exact while the top k are found with pruning.
        TRAWL_ASSIGN_OR_RETURN(std::optional<uint64_t> known, weight->MatchCount(segment));
        if (!known) known = CountHeld(*scorer, segment);
        if (known) {
          results.total_hits += *known;
          uint64_t uncounted = 0;
          TRAWL_RETURN_IF_ERROR(CollectPruned(*scorer, segment, i, top, uncounted, 0));
          continue;
        }
        if (count_until == SearchOptions::kExactTotal && CheapToCountApart(*scorer)) {
          TRAWL_ASSIGN_OR_RETURN(auto counter, weight->MakeScorer(segment));
          TRAWL_RETURN_IF_ERROR(CountMatches(*counter, segment, results.total_hits));
          uint64_t uncounted = 0;
          TRAWL_RETURN_IF_ERROR(CollectPruned(*scorer, segment, i, top, uncounted, 0));
          continue;
        }
        if (count_until != SearchOptions::kExactTotal) {
          TRAWL_RETURN_IF_ERROR(
              CollectPruned(*scorer, segment, i, top, results.total_hits, count_until));
          // Past the threshold the rest of the segment was not counted.
          results.total_is_exact &= results.total_hits < count_until;
          continue;
        }
      }
      std::optional<DocBitSet> matches;
      if (!facets.empty()) matches.emplace(segment.reader->doc_count());
      TRAWL_RETURN_IF_ERROR(CollectExhaustive(*scorer, segment, i, top, results.total_hits,
                                              {sort_field, matches ? &*matches : nullptr}));
      if (matches) TRAWL_RETURN_IF_ERROR(facets.AddSegment(segment, *matches));
    }
    results.facets = std::move(facets).Finish();
    for (const ScoredDoc& d : std::move(top).Take()) {
      TRAWL_ASSIGN_OR_RETURN(Hit hit, MakeHit(d, query, options));
      results.hits.push_back(std::move(hit));
    }
    return results;
  }

  absl::StatusOr<SearchResults> Search(std::string_view query_text,
                                       const SearchOptions& options) const override {
    TRAWL_ASSIGN_OR_RETURN(Query query, ParseQuery(query_text, schema(), options.parser_options));
    return Search(query, options);
  }

  absl::StatusOr<uint64_t> Count(const Query& query) const override {
    TRAWL_ASSIGN_OR_RETURN(auto weight, CreateWeight(query, *snapshot_, {}, 1.0f, false));
    uint64_t total = 0;
    for (const index::SegmentView& segment : snapshot_->segments) {
      TRAWL_ASSIGN_OR_RETURN(std::optional<uint64_t> known, weight->MatchCount(segment));
      if (known) {
        total += *known;
        continue;
      }
      TRAWL_ASSIGN_OR_RETURN(auto scorer, weight->MakeScorer(segment));
      if (scorer) TRAWL_RETURN_IF_ERROR(CountMatches(*scorer, segment, total));
    }
    return total;
  }

  absl::StatusOr<Explanation> Explain(const Query& query, DocAddress address,
                                      const SearchOptions& options) const override {
    TRAWL_RETURN_IF_ERROR(CheckBm25(options));
    if (address.segment >= snapshot_->segments.size() ||
        address.doc >= snapshot_->segments[address.segment].reader->doc_count()) {
      return absl::OutOfRangeError(
          absl::StrCat("no document ", address.doc, " in segment ", address.segment));
    }
    const index::SegmentView& segment = snapshot_->segments[address.segment];
    TRAWL_ASSIGN_OR_RETURN(auto weight, CreateWeight(query, *snapshot_, ParamsOf(options), 1.0f,
                                                     /*scoring=*/true));
    if (!segment.live(address.doc)) {
      return Explanation{.match = false, .value = 0, .description = "deleted document",
                         .details = {}};
    }
    return weight->Explain(segment, address.doc);
  }

  absl::StatusOr<Document> GetDocument(DocAddress address) const override {
    if (address.segment >= snapshot_->segments.size()) {
      return absl::OutOfRangeError(absl::StrCat("no segment ", address.segment));
    }
    const index::SegmentView& segment = snapshot_->segments[address.segment];
    TRAWL_ASSIGN_OR_RETURN(auto values, segment.reader->doc_store().Get(address.doc));
    const auto& fields = schema().fields();
    Document doc;
    for (auto& [field, value] : values) {
      if (field >= fields.size()) {
        return segment::Corruption(segment.reader->name(), "stored field number out of range");
      }
      doc.Add(fields[field].name, std::move(value));
    }
    return doc;
  }

  uint64_t num_documents() const override { return live_; }
  const Schema& schema() const override { return snapshot_->manifest.schema; }

 private:
  absl::Status AddSnippets(const Query& query, const SearchOptions& options, Hit& hit) const {
    for (const std::string& field : options.snippet_fields) {
      int id = schema().FieldId(field);
      if (id < 0 || schema().fields()[static_cast<size_t>(id)].type != FieldType::kText) {
        return absl::InvalidArgumentError(
            absl::StrCat("snippets need a stored text field; \"", field, "\" is not one"));
      }
      const std::string* text = hit.document.Get(field);
      if (text == nullptr) continue;
      const Analyzer& analyzer = *(*snapshot_->analyzers)[static_cast<size_t>(id)];
      for (Snippet& s : MakeSnippets(field, *text, analyzer, QueryTermMatcher(query, field),
                                     options.snippet_options)) {
        hit.snippets.push_back(std::move(s));
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Hit> MakeHit(const ScoredDoc& d, const Query& query,
                              const SearchOptions& options) const {
    Hit hit;
    hit.address = {d.segment, d.doc};
    hit.score = d.score;
    hit.sort_value = d.sort_value;
    if (options.load_documents || !options.snippet_fields.empty()) {
      TRAWL_ASSIGN_OR_RETURN(hit.document, GetDocument(hit.address));
    }
    TRAWL_RETURN_IF_ERROR(AddSnippets(query, options, hit));
    if (!options.load_documents) hit.document = Document();
    return hit;
  }

  static absl::Status CheckBm25(const SearchOptions& options) {
    if (!(options.k1 >= 0) || !(options.b >= 0 && options.b <= 1)) {
      return absl::InvalidArgumentError("BM25 needs k1 >= 0 and 0 <= b <= 1");
    }
    return absl::OkStatus();
  }

  static WeightParams ParamsOf(const SearchOptions& options) {
    return {.bm25 = {options.k1, options.b}, .max_expansions = options.max_expansions};
  }

  // The field number of options.sort_by, or -1 to order by score.
  absl::StatusOr<int> SortField(const SearchOptions& options) const {
    if (options.sort_by.empty()) return -1;
    const FieldSpec* spec = schema().Find(options.sort_by);
    if (spec == nullptr || !HasFastValues(spec->type)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sort_by needs a date, i64 or f64 field; \"", options.sort_by, "\" is not one"));
    }
    return schema().FieldId(options.sort_by);
  }

  static SortOrder OrderOf(const SearchOptions& options, int sort_field) {
    if (sort_field < 0) return SortOrder::kScore;
    return options.sort_descending ? SortOrder::kValueDescending : SortOrder::kValueAscending;
  }

  static std::optional<ScoredDoc> AfterOf(const SearchOptions& options) {
    if (!options.search_after) return std::nullopt;
    const SearchCursor& c = *options.search_after;
    return ScoredDoc{c.score, c.address.segment, c.address.doc, c.sort_value};
  }

  static absl::Status CollectPruned(Scorer& scorer, const index::SegmentView& segment,
                                    uint32_t ordinal, TopK& top, uint64_t& total,
                                    uint64_t count_until) {
    auto* disjunction = dynamic_cast<DisjunctionScorer*>(&scorer);
    if (disjunction != nullptr && disjunction->min_match() == 1) {
      return CollectMaxScore(*disjunction, segment, ordinal, top, total, count_until);
    }
    return CollectBlockMax(scorer, segment, ordinal, top, total, count_until);
  }

  std::shared_ptr<const index::Snapshot> snapshot_;
  uint64_t live_ = 0;
};

}  // namespace

std::unique_ptr<Searcher> NewSearcher(std::shared_ptr<const index::Snapshot> snapshot) {
  return std::make_unique<SnapshotSearcher>(std::move(snapshot));
}

}  // namespace trawl::search
