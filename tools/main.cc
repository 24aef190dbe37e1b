// trawl — index and search documents from the command line.
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
  CLI::App app{"trawl: full-text indexing and search"};
  app.require_subcommand(1);
  std::vector<trawl::cli::Command> commands = {
      trawl::cli::AddIndexCommand(app),
      trawl::cli::AddSearchCommand(app),
      trawl::cli::AddStatsCommand(app),
      trawl::cli::AddCheckCommand(app),
      trawl::cli::AddMergeCommand(app),
      trawl::cli::AddDeleteCommand(app),
      trawl::cli::AddEvalCommand(app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? trawl::cli::kOk : trawl::cli::kUsage;
  }
  for (const trawl::cli::Command& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return trawl::cli::kUsage;
}
