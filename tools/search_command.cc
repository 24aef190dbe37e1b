// trawl search: ranked hits for a query, as a readable list or JSON.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
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
};

std::string FieldOr(const Document& doc, std::string_view field) {
  const std::string* v = doc.Get(field);
  return v ? *v : "";
}

std::string SnippetText(const Hit& hit, bool colour) {
  if (hit.snippets.empty()) return "";
  return colour ? hit.snippets[0].Marked("\033[1;33m", "\033[0m") : hit.snippets[0].Marked("[", "]");
}

void PrintJson(const SearchFlags& flags, const SearchResults& results) {
  std::cout << "{\"query\":" << JsonString(flags.query) << ",\"total_hits\":" << results.total_hits
            << ",\"hits\":[";
  for (size_t i = 0; i < results.hits.size(); ++i) {
    const Hit& hit = results.hits[i];
    std::cout << (i ? "," : "") << "{\"rank\":" << i + 1
              << ",\"score\":" << absl::StrFormat("%.6g", hit.score) << ",\"fields\":{";
    const auto& fields = hit.document.fields();
    for (size_t f = 0; f < fields.size(); ++f) {
      std::cout << (f ? "," : "") << JsonString(fields[f].first) << ":"
                << JsonString(fields[f].second);
    }
    std::cout << "},\"snippet\":" << JsonString(SnippetText(hit, false)) << "}";
  }
  std::cout << "]}\n";
}

void PrintList(const SearchFlags& flags, const SearchResults& results) {
  bool colour = StdoutIsTerminal();
  std::cout << results.total_hits << " hits for " << flags.query << "\n";
  for (size_t i = 0; i < results.hits.size(); ++i) {
    const Hit& hit = results.hits[i];
    std::string title = FieldOr(hit.document, "title");
    if (title.size() > 100) title = absl::StrCat(title.substr(0, 97), "...");
    std::cout << absl::StrFormat("%3d. %8.4f  %-10s  %s\n", i + 1, hit.score,
                                 FieldOr(hit.document, "date"), title);
    std::cout << "     id: " << FieldOr(hit.document, "id") << "\n";
    std::string snippet = SnippetText(hit, colour);
    if (!snippet.empty()) std::cout << "     " << snippet << "\n";
  }
}

int RunSearch(const SearchFlags& flags) {
  auto index = Index::Open(flags.index);
  if (!index.ok()) return Fail(index.status());
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return Fail(searcher.status());
  SearchOptions options;
  options.k = flags.k;
  const FieldSpec* snippet_field = (*index)->schema().Find(flags.snippet_field);
  if (snippet_field && snippet_field->type == FieldType::kText && snippet_field->stored) {
    options.snippet_fields = {flags.snippet_field};
  }
  auto results = (*searcher)->Search(flags.query, options);
  if (!results.ok()) return Fail(results.status());
  if (flags.json) {
    PrintJson(flags, *results);
  } else {
    PrintList(flags, *results);
  }
  return kOk;
}

}  // namespace

Command AddSearchCommand(CLI::App& app) {
  auto flags = std::make_shared<SearchFlags>();
  CLI::App* sub = app.add_subcommand("search", "Search an index");
  sub->footer(
      "Query syntax (docs/query-syntax.md): words are OR-ed; +must -not; a AND b;\n"
      "\"a phrase\"; field:word; (groups); word^2.\n"
      "Examples:\n"
      "  trawl search --index news-index \"Zelensky Davos\"\n"
      "  trawl search --index news-index -k 5 --json '+ukraine -russia'");
  sub->add_option("--index", flags->index, "Index directory")->required();
  sub->add_option("-k", flags->k, "Number of hits")->capture_default_str();
  sub->add_flag("--json", flags->json, "JSON output");
  sub->add_option("--snippet-field", flags->snippet_field, "Field to take snippets from")
      ->capture_default_str();
  sub->add_option("query", flags->query, "The query")->required();
  return {sub, [flags] { return RunSearch(*flags); }};
}

}  // namespace trawl::cli
