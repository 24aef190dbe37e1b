// Runs the `trawl` binary built beside the tests (TRAWL_CLI_PATH) through
// the shell, as a user would, capturing stdout and stderr together.
#ifndef TRAWL_TESTS_TESTING_CLI_RUNNER_H_
#define TRAWL_TESTS_TESTING_CLI_RUNNER_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace trawl::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;
};

inline CliRun RunCli(const std::string& args) {
  CliRun run;
  std::string command = std::string(TRAWL_CLI_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.output.append(buf.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace trawl::testing

#endif  // TRAWL_TESTS_TESTING_CLI_RUNNER_H_
