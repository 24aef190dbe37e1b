// Shared pieces of the `trawl` subcommands: exit codes, error reporting,
// JSON output.
#ifndef TRAWL_TOOLS_CLI_H_
#define TRAWL_TOOLS_CLI_H_

#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace trawl::cli {

// Documented in docs/cli.md.
enum ExitCode : int {
  kOk = 0,
  kUsage = 1,         // bad flags or arguments
  kInputError = 2,    // missing path, malformed document or query
  kCorruptIndex = 3,  // a damaged index file
  kFailure = 4,       // anything else (I/O, lock held, ...)
};

// Prints "trawl: <message>" to stderr and returns the exit code for it.
int Fail(const absl::Status& status);

// `s` as a JSON string literal.
std::string JsonString(std::string_view s);

// Whether stdout is a terminal (colours), or stderr (progress).
bool StdoutIsTerminal();
bool StderrIsTerminal();

// Each subcommand registers itself on the app and runs when chosen.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};
Command AddIndexCommand(CLI::App& app);
Command AddSearchCommand(CLI::App& app);
Command AddStatsCommand(CLI::App& app);
Command AddCheckCommand(CLI::App& app);
Command AddMergeCommand(CLI::App& app);
Command AddDeleteCommand(CLI::App& app);
Command AddEvalCommand(CLI::App& app);

}  // namespace trawl::cli

#endif  // TRAWL_TOOLS_CLI_H_
