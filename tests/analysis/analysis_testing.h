// Helpers shared by the analysis tests.
#ifndef TRAWL_TESTS_ANALYSIS_ANALYSIS_TESTING_H_
#define TRAWL_TESTS_ANALYSIS_ANALYSIS_TESTING_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "trawl/analyzer.h"

namespace trawl {

// Lets gMock print tokens as {"text", position, start, end}.
inline void PrintTo(const OwnedToken& t, std::ostream* os) {
  *os << "{\"" << t.text << "\", " << t.position << ", " << t.start_offset
      << ", " << t.end_offset << "}";
}

namespace testing {

// The tokens of `text` under the named analyzer; fails the test and
// returns nothing if the analyzer does not exist.
inline std::vector<OwnedToken> Analyze(std::string_view analyzer,
                                       std::string_view text) {
  auto a = MakeAnalyzer(analyzer);
  EXPECT_TRUE(a.ok()) << a.status();
  return a.ok() ? (*a)->Tokens(text) : std::vector<OwnedToken>{};
}

// The terms only, for tables where offsets are checked elsewhere.
inline std::vector<std::string> Terms(const Analyzer& analyzer,
                                      std::string_view text) {
  std::vector<std::string> terms;
  for (const OwnedToken& t : analyzer.Tokens(text)) terms.push_back(t.text);
  return terms;
}

inline std::vector<std::string> Terms(std::string_view analyzer,
                                      std::string_view text) {
  std::vector<std::string> terms;
  for (const OwnedToken& t : Analyze(analyzer, text)) terms.push_back(t.text);
  return terms;
}

}  // namespace testing
}  // namespace trawl

#endif  // TRAWL_TESTS_ANALYSIS_ANALYSIS_TESTING_H_
