// Early-return helpers for absl::Status / absl::StatusOr (Debian 12's Abseil
// has none).
#ifndef TRAWL_UTIL_STATUS_MACROS_H_
#define TRAWL_UTIL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TRAWL_RETURN_IF_ERROR(expr)                  \
  do {                                               \
    ::absl::Status _trawl_status = (expr);           \
    if (!_trawl_status.ok()) return _trawl_status;   \
  } while (0)

#define TRAWL_STATUS_CONCAT_INNER_(a, b) a##b
#define TRAWL_STATUS_CONCAT_(a, b) TRAWL_STATUS_CONCAT_INNER_(a, b)

// TRAWL_ASSIGN_OR_RETURN(auto x, MakeX()); declares or assigns `x`.
#define TRAWL_ASSIGN_OR_RETURN(lhs, expr) \
  TRAWL_ASSIGN_OR_RETURN_IMPL_(TRAWL_STATUS_CONCAT_(_trawl_or_, __LINE__), lhs, expr)
#define TRAWL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).status();     \
  lhs = std::move(tmp).value()

#endif  // TRAWL_UTIL_STATUS_MACROS_H_
