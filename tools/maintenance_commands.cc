// trawl stats / check / merge / delete: looking after an existing index.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "cli.h"
#include "progress.h"
#include "trawl/index.h"

namespace trawl::cli {
namespace {

struct IndexFlag {
  std::string index;
  bool json = false;
  size_t segments = 1;
  std::string id;
  std::string query;
  bool quiet = false;
  double progress_seconds = 10;  // between plain progress lines
};

void PrintStatsJson(const IndexStats& stats) {
  std::cout << "{\"generation\":" << stats.generation << ",\"documents\":" << stats.documents
            << ",\"deleted\":" << stats.deleted << ",\"segments\":[";
  for (size_t i = 0; i < stats.segments.size(); ++i) {
    const SegmentStats& s = stats.segments[i];
    std::cout << (i ? "," : "") << "{\"name\":" << JsonString(s.name) << ",\"documents\":" << s.documents
              << ",\"deleted\":" << s.deleted << ",\"terms\":" << s.terms
              << ",\"bytes\":" << s.file_bytes << ",\"components\":{";
    for (size_t c = 0; c < s.component_bytes.size(); ++c) {
      std::cout << (c ? "," : "") << JsonString(s.component_bytes[c].first) << ":"
                << s.component_bytes[c].second;
    }
    std::cout << "}}";
  }
  std::cout << "]}\n";
}

void PrintStatsText(const IndexStats& stats) {
  uint64_t bytes = 0;
  for (const SegmentStats& s : stats.segments) bytes += s.file_bytes;
  std::cout << absl::StrFormat("commit %d: %d documents, %d deleted, %d segments, %d bytes\n",
                               stats.generation, stats.documents, stats.deleted,
                               stats.segments.size(), bytes);
  for (const SegmentStats& s : stats.segments) {
    std::cout << absl::StrFormat("  %s  docs %d  deleted %d  terms %d  bytes %d\n", s.name,
                                 s.documents, s.deleted, s.terms, s.file_bytes);
    std::cout << "   ";
    for (const auto& [name, size] : s.component_bytes) std::cout << " " << name << " " << size;
    std::cout << "\n";
  }
}

int RunStats(const IndexFlag& flags) {
  auto index = Index::Open(flags.index);
  if (!index.ok()) return Fail(index.status());
  auto stats = (*index)->Stats();
  if (!stats.ok()) return Fail(stats.status());
  flags.json ? PrintStatsJson(*stats) : PrintStatsText(*stats);
  return kOk;
}

int RunCheck(const IndexFlag& flags) {
  auto index = Index::Open(flags.index);
  if (!index.ok()) return Fail(index.status());
  if (absl::Status s = (*index)->Check(); !s.ok()) return Fail(s);
  std::cout << "ok: " << flags.index << " is intact\n";
  return kOk;
}

int RunMerge(const IndexFlag& flags) {
  auto index = Index::Open(flags.index);
  if (!index.ok()) return Fail(index.status());
  auto writer = (*index)->NewWriter();
  if (!writer.ok()) return Fail(writer.status());
  ProgressPrinter progress(!flags.quiet, StderrIsTerminal(), absl::Seconds(flags.progress_seconds));
  auto show = [&](double done) {
    if (progress.Due()) {
      progress.Show("merging " + flags.index + ShareAndEta(done, "done", progress.elapsed()));
    }
  };
  if (absl::Status s = (*writer)->ForceMerge(flags.segments, show); !s.ok()) return Fail(s);
  progress.Clear();
  auto stats = (*index)->Stats();
  if (!stats.ok()) return Fail(stats.status());
  if (!flags.quiet) {
    std::cerr << absl::StrFormat("merged %s into %d segment(s) in %.1f s\n", flags.index,
                                 stats->segments.size(), absl::ToDoubleSeconds(progress.elapsed()));
  }
  return kOk;
}

// Deletes by --id (exit 2 when no document has it) or by --query.
int RunDelete(const IndexFlag& flags) {
  if (flags.id.empty() == flags.query.empty()) {
    std::cerr << "trawl delete needs --id or --query\n";
    return kUsage;
  }
  auto index = Index::Open(flags.index);
  if (!index.ok()) return Fail(index.status());
  const Schema& schema = (*index)->schema();
  const bool by_id = flags.query.empty();
  if (by_id && schema.id_field().empty()) {
    return Fail(absl::InvalidArgumentError("the index has no id field"));
  }
  auto before = (*index)->Stats();
  if (!before.ok()) return Fail(before.status());
  auto writer = (*index)->NewWriter();
  if (!writer.ok()) return Fail(writer.status());
  if (by_id) {
    if (absl::Status s = (*writer)->DeleteTerm(schema.id_field(), flags.id); !s.ok()) return Fail(s);
  } else {
    auto query = ParseQuery(flags.query, schema);
    if (!query.ok()) return Fail(query.status());
    if (absl::Status s = (*writer)->DeleteQuery(*query); !s.ok()) return Fail(s);
  }
  if (absl::Status s = (*writer)->Commit(); !s.ok()) return Fail(s);
  auto after = (*index)->Stats();
  if (!after.ok()) return Fail(after.status());
  uint64_t removed = before->documents - after->documents;
  std::string what = by_id ? schema.id_field() + " " + flags.id : "query " + flags.query;
  std::cerr << "deleted " << removed << " document(s) with " << what << "\n";
  if (by_id && removed == 0) return Fail(absl::NotFoundError("no document has id " + flags.id));
  return kOk;
}

CLI::App* Subcommand(CLI::App& app, const char* name, const char* help, const char* example,
                     IndexFlag& flags) {
  CLI::App* sub = app.add_subcommand(name, help);
  sub->footer(std::string("Example:\n  ") + example);
  sub->add_option("--index", flags.index, "Index directory")->required();
  return sub;
}

}  // namespace

Command AddStatsCommand(CLI::App& app) {
  auto flags = std::make_shared<IndexFlag>();
  CLI::App* sub = Subcommand(app, "stats", "Segments, documents, terms and bytes per component",
                             "trawl stats --index news-index --json", *flags);
  sub->add_flag("--json", flags->json, "JSON output");
  return {sub, [flags] { return RunStats(*flags); }};
}

Command AddCheckCommand(CLI::App& app) {
  auto flags = std::make_shared<IndexFlag>();
  CLI::App* sub = Subcommand(app, "check", "Verify every checksum and structure of the index",
                             "trawl check --index news-index", *flags);
  return {sub, [flags] { return RunCheck(*flags); }};
}

Command AddMergeCommand(CLI::App& app) {
  auto flags = std::make_shared<IndexFlag>();
  CLI::App* sub = Subcommand(app, "merge", "Merge segments and drop deleted documents",
                             "trawl merge --index news-index --segments 1", *flags);
  sub->add_option("--segments", flags->segments, "At most this many segments")->capture_default_str();
  sub->add_flag("-q,--quiet", flags->quiet, "No progress, no summary line");
  sub->add_option("--progress-seconds", flags->progress_seconds,
                  "Seconds between progress lines when stderr is not a terminal")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  return {sub, [flags] { return RunMerge(*flags); }};
}

Command AddDeleteCommand(CLI::App& app) {
  auto flags = std::make_shared<IndexFlag>();
  CLI::App* sub = Subcommand(app, "delete", "Delete the document with an id, or every match of a query",
                             "trawl delete --index news-index --id 000_34f2c2ac72de5d4c.txt\n"
                             "  trawl delete --index news-index --query 'source:AFP date:<2026-01-01'",
                             *flags);
  CLI::Option* id = sub->add_option("--id", flags->id, "The unique id");
  CLI::Option* query = sub->add_option("--query", flags->query, "Query text (docs/query-syntax.md)");
  id->excludes(query);
  return {sub, [flags] { return RunDelete(*flags); }};
}

}  // namespace trawl::cli
