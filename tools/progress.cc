#include "progress.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/str_format.h"

namespace trawl::cli {

ProgressPrinter::ProgressPrinter(bool enabled, bool terminal, absl::Duration plain_period)
    : enabled_(enabled),
      terminal_(terminal),
      period_(terminal ? absl::Milliseconds(250) : plain_period) {}

bool ProgressPrinter::Due() {
  if (!enabled_) return false;
  absl::Time now = absl::Now();
  if (now - last_ < period_) return false;
  last_ = now;
  return true;
}

void ProgressPrinter::Show(const std::string& line) {
  if (terminal_) {
    std::cerr << "\r" << line << "\033[K" << std::flush;
  } else {
    std::cerr << line << "\n";
  }
}

void ProgressPrinter::Clear() {
  if (enabled_ && terminal_) std::cerr << "\r\033[K" << std::flush;
}

std::string ShareAndEta(double done, const char* verb, absl::Duration elapsed) {
  if (!(done > 0)) return "";
  done = std::min(1.0, done);
  absl::Duration eta = absl::Trunc(elapsed * ((1 - done) / done), absl::Seconds(1));
  return absl::StrFormat(", %.0f%% %s, ETA %s", done * 100, verb, absl::FormatDuration(eta));
}

}  // namespace trawl::cli
