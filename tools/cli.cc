#include "cli.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "absl/strings/str_format.h"

namespace trawl::cli {

int Fail(const absl::Status& status) {
  std::cerr << "trawl: " << status.message() << "\n";
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kOutOfRange:
      return kInputError;
    case absl::StatusCode::kDataLoss:
      return kCorruptIndex;
    default:
      return kFailure;
  }
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += "\"";
  return out;
}

bool StdoutIsTerminal() { return isatty(fileno(stdout)) != 0; }
bool StderrIsTerminal() { return isatty(fileno(stderr)) != 0; }

}  // namespace trawl::cli
