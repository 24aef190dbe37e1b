// trawl search: ranked hits for a query, as a readable list or JSON; or only
// their count, facets over every match, or why each hit scores what it does.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli.h"
#include "trawl/index.h"

namespace trawl::cli {
namespace {

struct SearchFlags {
  std::string index;
  std::string query;
  size_t k = 10;
  bool json = false;
  std::string snippet_field = "body";
  bool no_snippets = false;
  std::string sort;
  bool descending = false;
  std::vector<std::string> facets;
  bool count = false;
  bool explain = false;
  bool exact_total = false;
  bool all_words = false;
  std::vector<std::string> fields;
};

std::string FieldOr(const Document& doc, std::string_view field) {
  const std::string* v = doc.Get(field);
  return v ? *v : "";
}

std::string SnippetText(const Hit& hit, bool colour) {
  if (hit.snippets.empty()) return "";
  return colour ? hit.snippets[0].Marked("\033[1;33m", "\033[0m") : hit.snippets[0].Marked("[", "]");
}

// "source" (10 most frequent values), "source:5", or for a date field
// "date:day|month|year" (matches per period).
absl::StatusOr<FacetRequest> ParseFacet(std::string_view spec, const Schema& schema) {
  std::vector<std::string> parts = absl::StrSplit(std::string(spec), absl::MaxSplits(':', 1));
  FacetRequest request{.field = parts[0]};
  const FieldSpec* field = schema.Find(request.field);
  if (field == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("--facet: no field \"", request.field, "\""));
  }
  if (parts.size() == 1) return request;
  const std::string& arg = parts[1];
  if (field->type == FieldType::kDate) {
    static const std::pair<const char*, DateInterval> kIntervals[] = {
        {"day", DateInterval::kDay}, {"month", DateInterval::kMonth}, {"year", DateInterval::kYear}};
    for (const auto& [name, interval] : kIntervals) {
      if (arg == name) {
        request.kind = FacetKind::kDateHistogram;
        request.interval = interval;
        return request;
      }
    }
  }
  if (!absl::SimpleAtoi(std::string(arg), &request.size) || request.size == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--facet ", std::string(spec), ": expected FIELD, FIELD:N (N > 0) or DATEFIELD:day|month|year"));
  }
  return request;
}

absl::StatusOr<SearchOptions> MakeOptions(const SearchFlags& flags, const Schema& schema) {
  SearchOptions options;
  options.k = flags.k;
  options.sort_by = flags.sort;
  options.sort_descending = flags.descending;
  if (flags.exact_total) options.total_hits_threshold = SearchOptions::kExactTotal;
  if (flags.all_words) options.parser_options.default_operator = Occur::kMust;
  options.parser_options.default_fields = flags.fields;
  for (const std::string& spec : flags.facets) {
    absl::StatusOr<FacetRequest> facet = ParseFacet(spec, schema);
    if (!facet.ok()) return facet.status();
    options.facets.push_back(*std::move(facet));
  }
  const FieldSpec* snippet_field = schema.Find(flags.snippet_field);
  if (!flags.no_snippets && snippet_field && snippet_field->type == FieldType::kText &&
      snippet_field->stored) {
    options.snippet_fields = {flags.snippet_field};
  }
  return options;
}

std::string TotalText(const SearchResults& results) {
  return absl::StrCat(results.total_is_exact ? "" : ">=", results.total_hits);
}

void PrintFacetsJson(const SearchResults& results) {
  std::cout << ",\"facets\":{";
  for (size_t f = 0; f < results.facets.size(); ++f) {
    const FacetResult& facet = results.facets[f];
    std::cout << (f ? "," : "") << JsonString(facet.field) << ":{\"buckets\":[";
    for (size_t b = 0; b < facet.buckets.size(); ++b) {
      std::cout << (b ? "," : "") << "[" << JsonString(facet.buckets[b].label) << ","
                << facet.buckets[b].count << "]";
    }
    std::cout << "],\"other\":" << facet.other << ",\"missing\":" << facet.missing << "}";
  }
  std::cout << "}";
}

void PrintJson(const SearchFlags& flags, const SearchResults& results,
               const std::vector<Explanation>& explanations) {
  std::cout << "{\"query\":" << JsonString(flags.query) << ",\"total_hits\":" << results.total_hits
            << ",\"total_is_exact\":" << (results.total_is_exact ? "true" : "false");
  if (!results.facets.empty()) PrintFacetsJson(results);
  std::cout << ",\"hits\":[";
  for (size_t i = 0; i < results.hits.size(); ++i) {
    const Hit& hit = results.hits[i];
    std::cout << (i ? "," : "") << "{\"rank\":" << i + 1
              << ",\"score\":" << absl::StrFormat("%.6g", hit.score) << ",\"fields\":{";
    const auto& fields = hit.document.fields();
    for (size_t f = 0; f < fields.size(); ++f) {
      std::cout << (f ? "," : "") << JsonString(fields[f].first) << ":"
                << JsonString(fields[f].second);
    }
    std::cout << "},\"snippet\":" << JsonString(SnippetText(hit, false));
    if (!explanations.empty()) std::cout << ",\"explanation\":" << JsonString(explanations[i].ToString());
    std::cout << "}";
  }
  std::cout << "]}\n";
}

void PrintFacetsList(const SearchResults& results) {
  for (const FacetResult& facet : results.facets) {
    std::cout << "facet " << facet.field << ":";
    for (const FacetBucket& b : facet.buckets) std::cout << "  " << b.label << " (" << b.count << ")";
    if (facet.other) std::cout << "  other (" << facet.other << ")";
    if (facet.missing) std::cout << "  missing (" << facet.missing << ")";
    std::cout << "\n";
  }
}

void PrintList(const SearchFlags& flags, const SearchResults& results,
               const std::vector<Explanation>& explanations) {
  bool colour = StdoutIsTerminal();
  std::cout << TotalText(results) << " hits for " << flags.query << "\n";
  PrintFacetsList(results);
  for (size_t i = 0; i < results.hits.size(); ++i) {
    const Hit& hit = results.hits[i];
    std::string title = FieldOr(hit.document, "title");
    if (title.size() > 100) title = absl::StrCat(title.substr(0, 97), "...");
    std::cout << absl::StrFormat("%3d. %8.4f  %-10s  %s\n", i + 1, hit.score,
                                 FieldOr(hit.document, "date"), title);
    std::cout << "     id: " << FieldOr(hit.document, "id") << "\n";
    std::string snippet = SnippetText(hit, colour);
    if (!snippet.empty()) std::cout << "     " << snippet << "\n";
    if (!explanations.empty()) std::cout << explanations[i].ToString() << "\n";
  }
}

int RunCount(const SearchFlags& flags, const Searcher& searcher,
             const QueryParserOptions& parser_options) {
  auto query = ParseQuery(flags.query, searcher.schema(), parser_options);
  if (!query.ok()) return Fail(query.status());
  auto count = searcher.Count(*query);
  if (!count.ok()) return Fail(count.status());
  if (flags.json) {
    std::cout << "{\"query\":" << JsonString(flags.query) << ",\"count\":" << *count << "}\n";
  } else {
    std::cout << *count << "\n";
  }
  return kOk;
}

int RunSearch(const SearchFlags& flags) {
  auto index = Index::Open(flags.index);
  if (!index.ok()) return Fail(index.status());
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return Fail(searcher.status());
  auto options = MakeOptions(flags, (*index)->schema());
  if (!options.ok()) return Fail(options.status());
  if (flags.count) return RunCount(flags, **searcher, options->parser_options);
  auto query = ParseQuery(flags.query, (*index)->schema(), options->parser_options);
  if (!query.ok()) return Fail(query.status());
  auto results = (*searcher)->Search(*query, *options);
  if (!results.ok()) return Fail(results.status());
  std::vector<Explanation> explanations;
  for (size_t i = 0; flags.explain && i < results->hits.size(); ++i) {
    auto explanation = (*searcher)->Explain(*query, results->hits[i].address, *options);
    if (!explanation.ok()) return Fail(explanation.status());
    explanations.push_back(*std::move(explanation));
  }
  if (flags.json) {
    PrintJson(flags, *results, explanations);
  } else {
    PrintList(flags, *results, explanations);
  }
  return kOk;
}

}  // namespace

Command AddSearchCommand(CLI::App& app) {
  auto flags = std::make_shared<SearchFlags>();
  CLI::App* sub = app.add_subcommand("search", "Search an index");
  sub->footer(
      "Query syntax (docs/query-syntax.md): words are OR-ed; +must -not; a AND b;\n"
      "\"a phrase\"~2; field:word; pre*; word~1; date:[2026-01-01 TO 2026-01-31]; word^2.\n"
      "The total is counted exactly up to 1000 matches, then given as a lower bound\n"
      "(\">=1000 hits\") unless --exact-total: past that, the top k are found by pruning.\n"
      "Examples:\n"
      "  trawl search --index news-index \"Zelensky Davos\"\n"
      "  trawl search --index news-index -k 5 --json '+ukraine -russia'\n"
      "  trawl search --index news-index --sort date --desc --facet source:5 --facet date:month davos\n"
      "  trawl search --index news-index --count 'date:>=2026-01-01'\n"
      "  trawl search --index news-index -k 1 --explain davos");
  sub->add_option("--index", flags->index, "Index directory")->required();
  sub->add_option("-k", flags->k, "Number of hits")->capture_default_str();
  sub->add_flag("--json", flags->json, "JSON output");
  sub->add_option("--snippet-field", flags->snippet_field, "Field to take snippets from")
      ->capture_default_str();
  sub->add_flag("--no-snippets", flags->no_snippets, "No snippets");
  sub->add_option("--sort", flags->sort, "Order by this date or number field instead of score");
  sub->add_flag("--desc", flags->descending, "With --sort: largest value first");
  sub->add_option("--facet", flags->facets,
                  "Facet over every match: FIELD, FIELD:N (N most frequent values) or "
                  "DATEFIELD:day|month|year; repeatable");
  sub->add_flag("--count", flags->count, "Print only the number of matches (exact)");
  sub->add_flag("--explain", flags->explain, "Show how each hit's score is computed");
  sub->add_flag("--exact-total", flags->exact_total, "Count every match exactly (no pruning)");
  sub->add_flag("--all", flags->all_words, "Bare words must all match (default: any)");
  sub->add_option("--field", flags->fields,
                  "Field for bare words (repeatable; default: the schema's default fields)");
  sub->add_option("query", flags->query, "The query")->required();
  return {sub, [flags] { return RunSearch(*flags); }};
}

}  // namespace trawl::cli
