#include "search/searcher_impl.h"

#include "absl/strings/str_cat.h"
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
    if (!(options.k1 >= 0) || !(options.b >= 0 && options.b <= 1)) {
      return absl::InvalidArgumentError("BM25 needs k1 >= 0 and 0 <= b <= 1");
    }
    TRAWL_ASSIGN_OR_RETURN(auto weight, CreateWeight(query, *snapshot_, {options.k1, options.b},
                                                     1.0f, /*scoring=*/true));
    TopK top(options.k);
    SearchResults results;
    for (uint32_t i = 0; i < snapshot_->segments.size(); ++i) {
      const index::SegmentView& segment = snapshot_->segments[i];
      TRAWL_ASSIGN_OR_RETURN(auto scorer, weight->MakeScorer(segment));
      if (!scorer) continue;
      TRAWL_RETURN_IF_ERROR(Collect(*scorer, segment, i, options, top, results.total_hits));
    }
    results.total_is_exact = options.exact_total;
    for (const ScoredDoc& d : std::move(top).Take()) {
      Hit hit;
      hit.address = {d.segment, d.doc};
      hit.score = d.score;
      if (options.load_documents || !options.snippet_fields.empty()) {
        TRAWL_ASSIGN_OR_RETURN(hit.document, GetDocument(hit.address));
      }
      TRAWL_RETURN_IF_ERROR(AddSnippets(query, options, hit));
      if (!options.load_documents) hit.document = Document();
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
      TRAWL_ASSIGN_OR_RETURN(auto scorer, weight->MakeScorer(segment));
      if (scorer) TRAWL_RETURN_IF_ERROR(CountMatches(*scorer, segment, total));
    }
    return total;
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
      for (Snippet& s : MakeSnippets(field, *text, analyzer, QueryTerms(query, field),
                                     options.snippet_options)) {
        hit.snippets.push_back(std::move(s));
      }
    }
    return absl::OkStatus();
  }

  static absl::Status Collect(Scorer& scorer, const index::SegmentView& segment, uint32_t ordinal,
                              const SearchOptions& options, TopK& top, uint64_t& total) {
    if (options.exact_total) return CollectExhaustive(scorer, segment, ordinal, top, total);
    auto* disjunction = dynamic_cast<DisjunctionScorer*>(&scorer);
    if (disjunction != nullptr && disjunction->min_match() == 1) {
      return CollectMaxScore(*disjunction, segment, ordinal, top, total);
    }
    return CollectBlockMax(scorer, segment, ordinal, top, total);
  }

  std::shared_ptr<const index::Snapshot> snapshot_;
  uint64_t live_ = 0;
};

}  // namespace

std::unique_ptr<Searcher> NewSearcher(std::shared_ptr<const index::Snapshot> snapshot) {
  return std::make_unique<SnapshotSearcher>(std::move(snapshot));
}

}  // namespace trawl::search
