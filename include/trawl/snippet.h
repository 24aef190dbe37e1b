// trawl/snippet.h — fragments of a stored field around the matched words.
#ifndef TRAWL_SNIPPET_H_
#define TRAWL_SNIPPET_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trawl {

struct Snippet {
  std::string field;
  std::string text;            // a fragment of the field's value
  uint32_t start_offset = 0;   // byte offset of `text` within the field
  // Matched words as [begin, end) byte ranges of `text`, ascending.
  std::vector<std::pair<uint32_t, uint32_t>> highlights;

  // `text` with every highlight wrapped in `open` ... `close`.
  std::string Marked(std::string_view open = "[", std::string_view close = "]") const;
};

struct SnippetOptions {
  size_t fragment_bytes = 200;  // a fragment's rough length
  size_t max_fragments = 1;     // per field, best first
};

}  // namespace trawl

#endif  // TRAWL_SNIPPET_H_
