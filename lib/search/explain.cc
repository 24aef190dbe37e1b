// Rendering of Explanation trees, and the decoding of sort values, both
// declared in trawl/searcher.h.
#include <cstring>

#include "absl/strings/str_cat.h"
#include "trawl/searcher.h"

namespace trawl {
namespace {

void Render(const Explanation& e, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  absl::StrAppend(&out, e.value, " = ", e.match ? "" : "no match: ", e.description, "\n");
  for (const Explanation& d : e.details) Render(d, depth + 1, out);
}

}  // namespace

std::string Explanation::ToString() const {
  std::string out;
  Render(*this, 0, out);
  return out;
}

double SortValueToDouble(int64_t sort_value) {
  // The inverse of index::FastValue's mapping (flipping the magnitude bits
  // of negatives), which is its own inverse.
  int64_t bits = sort_value ^ ((sort_value >> 63) & INT64_MAX);
  double v;
  std::memcpy(&v, &bits, sizeof(v));
  return v;
}

}  // namespace trawl
