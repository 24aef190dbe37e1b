// Progress lines on stderr for long commands (index, merge): on a terminal
// one line redrawn four times a second; otherwise (logs, pipes) a plain
// line every `plain_period`, so that short runs print only their summary.
#ifndef TRAWL_TOOLS_PROGRESS_H_
#define TRAWL_TOOLS_PROGRESS_H_

#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace trawl::cli {

class ProgressPrinter {
 public:
  ProgressPrinter(bool enabled, bool terminal, absl::Duration plain_period);

  // Whether a line is due now; if so, the caller builds it and calls Show.
  bool Due();
  void Show(const std::string& line);
  // Erases the redrawn line before a summary.
  void Clear();
  absl::Duration elapsed() const { return absl::Now() - start_; }

 private:
  bool enabled_;
  bool terminal_;
  absl::Duration period_;
  absl::Time start_ = absl::Now();
  absl::Time last_ = start_;  // the first line comes one period in
};

// ", 42% <verb>, ETA 1m20s" for a share `done` (0..1] reached after
// `elapsed`; nothing when nothing is done yet.
std::string ShareAndEta(double done, const char* verb, absl::Duration elapsed);

}  // namespace trawl::cli

#endif  // TRAWL_TOOLS_PROGRESS_H_
