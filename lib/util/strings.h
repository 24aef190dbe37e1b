// Bridges between std::string_view (trawl's API) and absl::string_view.
// Debian's Abseil is built with ABSL_OPTION_USE_STD_STRING_VIEW=0, so the
// two are distinct types there and do not convert implicitly.
#ifndef TRAWL_UTIL_STRINGS_H_
#define TRAWL_UTIL_STRINGS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace trawl::util {

inline absl::string_view AsAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view AsStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace trawl::util

#endif  // TRAWL_UTIL_STRINGS_H_
