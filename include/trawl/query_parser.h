// trawl/query_parser.h — query text to a Query.
//
//   auto q = trawl::ParseQuery("+zelensky davos -trump", schema);
//   // Syntax (see docs/query-syntax.md): words are OR-ed by default;
//   // `+w` required, `-w` excluded; `a AND b`, `a OR b`, `NOT c`;
//   // parentheses; `field:word`; "a phrase".
//
// Every word goes through the analyzer of each field it is aimed at; bare
// words search the schema's default_search fields (each field boosted by its
// FieldSpec::boost).
#ifndef TRAWL_QUERY_PARSER_H_
#define TRAWL_QUERY_PARSER_H_

#include <string_view>
#include <vector>
#include <string>

#include "absl/status/statusor.h"
#include "trawl/query.h"
#include "trawl/schema.h"

namespace trawl {

struct QueryParserOptions {
  // How bare words combine: kShould (OR, the default) or kMust (AND).
  Occur default_operator = Occur::kShould;
  // Fields for bare words; empty means the schema's default_search fields.
  std::vector<std::string> default_fields;
};

// Fails with InvalidArgument whose message gives the byte position and what
// was expected ("position 7: expected ')'"). Never crashes or recurses
// without bound, whatever the input.
absl::StatusOr<Query> ParseQuery(std::string_view text, const Schema& schema,
                                 const QueryParserOptions& options = {});

}  // namespace trawl

#endif  // TRAWL_QUERY_PARSER_H_
