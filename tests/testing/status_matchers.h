// gMock matchers for absl::Status and absl::StatusOr (Debian 12's Abseil has
// none):
//   EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 3")));
//   EXPECT_OK(s); ASSERT_OK_AND_ASSIGN(auto v, MakeV());
#ifndef TRAWL_TESTS_TESTING_STATUS_MATCHERS_H_
#define TRAWL_TESTS_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace trawl::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P2(StatusIs, code, message_matcher,
           "status code " + absl::StatusCodeToString(code)) {
  const absl::Status& s = ::trawl::testing::GetStatus(arg);
  *result_listener << "which is " << s;
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()),
                                       result_listener);
}

}  // namespace trawl::testing

// `expr` is evaluated once: the message shows the status that failed (a
// second call, as in `ASSERT_TRUE(f().ok()) << f()`, may well succeed).
// The switch keeps a surrounding if/else unambiguous, as gtest's own do.
#define TRAWL_CHECK_OK_(expr, on_failure)                                          \
  switch (0)                                                                      \
  case 0:                                                                         \
  default:                                                                        \
    if (const ::absl::Status trawl_status_ = ::trawl::testing::GetStatus(expr);  \
        trawl_status_.ok()) {                                                     \
    } else                                                                        \
      on_failure() << #expr << " failed: " << trawl_status_
#define EXPECT_OK(expr) TRAWL_CHECK_OK_(expr, ADD_FAILURE)
#define ASSERT_OK(expr) TRAWL_CHECK_OK_(expr, FAIL)

#define TRAWL_TEST_CONCAT_INNER_(a, b) a##b
#define TRAWL_TEST_CONCAT_(a, b) TRAWL_TEST_CONCAT_INNER_(a, b)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(TRAWL_TEST_CONCAT_(_trawl_test_or_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status();           \
  lhs = std::move(tmp).value()

#endif  // TRAWL_TESTS_TESTING_STATUS_MATCHERS_H_
