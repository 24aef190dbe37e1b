// trawl index: parse files and add them to an index (created if missing).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli.h"
#include "progress.h"
#include "trawl/index.h"
#include "trawl/parse.h"

namespace trawl::cli {
namespace {

struct IndexFlags {
  std::string index;
  std::string format = "auto";
  std::vector<std::string> inputs;
  size_t memory_mb = 256;
  size_t threads = 0;
  std::string analyzer;     // for the text fields of a new index
  std::string schema_file;  // a schema in Schema::Serialize form
  bool quiet = false;
  double progress_seconds = 10;  // between plain progress lines
};

// The schema for a new index: --schema, else the default schema with
// --analyzer on its text fields.
absl::StatusOr<Schema> NewIndexSchema(const IndexFlags& flags) {
  if (!flags.schema_file.empty()) {
    std::ifstream in(flags.schema_file);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read schema file ", flags.schema_file));
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return Schema::Deserialize(text);
  }
  if (flags.analyzer.empty()) return Schema::Default();
  Schema schema;
  const Schema defaults = Schema::Default();
  for (FieldSpec f : defaults.fields()) {
    if (f.type == FieldType::kText) f.analyzer = flags.analyzer;
    if (absl::Status s = schema.AddField(f); !s.ok()) return s;
  }
  if (absl::Status s = schema.SetIdField("id"); !s.ok()) return s;
  return schema;
}

// The bytes on disk of `inputs` (folders recursively), or 0 when unknown
// (standard input, an unreadable folder): what a progress report's share
// done and ETA are measured against.
uint64_t StoredInputBytes(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  uint64_t total = 0;
  std::error_code ec;
  for (const std::string& input : inputs) {
    if (input == "-") return 0;
    if (!fs::is_directory(input, ec)) {
      total += fs::file_size(input, ec);
      if (ec) return 0;
      continue;
    }
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) total += it->file_size(ec);
    }
    if (ec) return 0;
  }
  return total;
}

// Documents, MB and MB/s so far and, with the inputs' size known, the
// share read and an ETA extrapolated from the rate so far.
class IndexProgress {
 public:
  IndexProgress(bool enabled, absl::Duration plain_period, uint64_t stored_total)
      : printer_(enabled, StderrIsTerminal(), plain_period), stored_total_(stored_total) {}

  void Update(uint64_t docs, const ParseStats& stats) {
    if (!printer_.Due()) return;
    std::string line = Line(docs, stats.bytes);
    if (stored_total_ > 0) {
      line += ShareAndEta(static_cast<double>(stats.stored_bytes) / static_cast<double>(stored_total_),
                          "read", printer_.elapsed());
    }
    printer_.Show(line);
  }
  void Clear() { printer_.Clear(); }
  // "1234 documents, 12.3 MB in 1.2 s (10.3 MB/s)"
  std::string Line(uint64_t docs, uint64_t bytes) const {
    double seconds = absl::ToDoubleSeconds(printer_.elapsed());
    double mb = static_cast<double>(bytes) / 1e6;
    return absl::StrFormat("%d documents, %.1f MB in %.1f s (%.1f MB/s)", docs, mb, seconds,
                           seconds > 0 ? mb / seconds : 0.0);
  }

 private:
  ProgressPrinter printer_;
  uint64_t stored_total_;  // 0: unknown
};

// Adds every document of `source` to `writer` from `threads` threads, each
// taking the next document and adding it (the writer indexes it in that
// thread). The first error stops every thread; an Add error names the
// document. Returns the number of documents added. With one thread,
// documents are added in input order.
absl::StatusOr<uint64_t> AddAll(DocumentSource& source, IndexWriter& writer, size_t threads,
                                IndexProgress& progress) {
  std::mutex mu;               // guards source, progress and error
  absl::Status error;
  std::atomic<bool> failed{false};
  std::atomic<uint64_t> added{0};
  auto loop = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      absl::StatusOr<std::optional<Document>> doc;
      {
        std::lock_guard<std::mutex> lock(mu);
        progress.Update(added.load(std::memory_order_relaxed), source.stats());
        doc = source.Next();
        if (!doc.ok() && error.ok()) {
          error = doc.status();
          failed = true;
        }
      }
      if (!doc.ok() || !doc->has_value()) return;
      if (absl::Status s = writer.Add(**doc); !s.ok()) {
        const std::string* id = (*doc)->Get("id");
        std::lock_guard<std::mutex> lock(mu);
        if (error.ok()) {
          error = absl::Status(s.code(),
                               absl::StrCat("document ", id ? *id : "?", ": ", s.message()));
        }
        failed = true;
        return;
      }
      added.fetch_add(1, std::memory_order_relaxed);
    }
  };
  std::vector<std::thread> others;
  for (size_t t = 1; t < threads; ++t) others.emplace_back(loop);
  loop();
  for (std::thread& t : others) t.join();
  if (!error.ok()) return error;
  return added.load();
}

absl::StatusOr<std::unique_ptr<Index>> OpenOrCreate(const IndexFlags& flags) {
  auto index = Index::Open(flags.index);
  if (index.ok() || !absl::IsNotFound(index.status())) return index;
  auto schema = NewIndexSchema(flags);
  if (!schema.ok()) return schema.status();
  return Index::Create(flags.index, *schema);
}

int RunIndex(const IndexFlags& flags) {
  auto format = FormatFromName(flags.format);
  if (!format.ok()) return Fail(format.status());
  // Check the inputs before touching the index, so a typo creates nothing.
  for (const std::string& input : flags.inputs) {
    std::error_code ec;
    if (input != "-" && !std::filesystem::exists(input, ec)) {
      return Fail(absl::NotFoundError(absl::StrCat("no such file or directory: ", input)));
    }
  }
  ParseOptions parse_options;
  parse_options.format = *format;
  auto source = OpenDocuments(flags.inputs, parse_options);
  if (!source.ok()) return Fail(source.status());
  auto index = OpenOrCreate(flags);
  if (!index.ok()) return Fail(index.status());
  WriterOptions writer_options;
  writer_options.memory_budget_bytes = flags.memory_mb << 20;
  const size_t threads = flags.threads != 0
                             ? flags.threads
                             : std::max<size_t>(1, std::thread::hardware_concurrency());
  writer_options.threads = threads;
  writer_options.index_in_calling_threads = true;
  auto writer = (*index)->NewWriter(writer_options);
  if (!writer.ok()) return Fail(writer.status());
  IndexProgress progress(!flags.quiet, absl::Seconds(flags.progress_seconds),
                         flags.quiet ? 0 : StoredInputBytes(flags.inputs));
  absl::StatusOr<uint64_t> added = AddAll(**source, **writer, threads, progress);
  if (!added.ok()) return Fail(added.status());  // the writer rolls back
  if (absl::Status s = (*writer)->Commit(); !s.ok()) return Fail(s);
  progress.Clear();
  const ParseStats& stats = (*source)->stats();
  if (!flags.quiet) {
    std::cerr << "indexed " << progress.Line(*added, stats.bytes) << " into " << flags.index
              << "\n";
    for (const std::string& m : stats.messages) std::cerr << "  " << m << "\n";
    if (stats.invalid_utf8 > 0) {
      std::cerr << "  replaced " << stats.invalid_utf8 << " invalid UTF-8 sequences\n";
    }
  }
  return kOk;
}

}  // namespace

Command AddIndexCommand(CLI::App& app) {
  auto flags = std::make_shared<IndexFlags>();
  CLI::App* sub = app.add_subcommand("index", "Add documents to an index, creating it if needed");
  sub->footer(
      "Examples:\n"
      "  trawl index --index news-index seeds/\n"
      "  trawl index --index cran --format jsonl ../shared/corpora/cranfield/docs.jsonl");
  sub->add_option("--index", flags->index, "Index directory")->required();
  sub->add_option("--format", flags->format, "auto, news, jsonl, trec, html or text")
      ->capture_default_str();
  sub->add_option("--memory-mb", flags->memory_mb, "Memory budget before a segment is flushed")
      ->capture_default_str();
  sub->add_option("--threads", flags->threads, "Indexing threads (0: one per core)")
      ->capture_default_str();
  sub->add_option("--analyzer", flags->analyzer,
                  "Analyzer of the text fields of a new index (standard, english, ...)");
  sub->add_option("--schema", flags->schema_file, "Schema file for a new index (docs/format.md)");
  sub->add_flag("-q,--quiet", flags->quiet, "No progress, no summary line");
  sub->add_option("--progress-seconds", flags->progress_seconds,
                  "Seconds between progress lines when stderr is not a terminal")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_option("inputs", flags->inputs, "Files or folders ('-' for stdin)")->required();
  return {sub, [flags] { return RunIndex(*flags); }};
}

}  // namespace trawl::cli
