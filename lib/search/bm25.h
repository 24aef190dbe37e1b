// BM25 exactly as Lucene's BM25Similarity computes it (Lucene 8+, without
// the constant (k1 + 1) factor): for a term of idf w,
//   score(freq, norm) = w - w / (1 + freq * C[norm]),
//   C[norm] = 1 / (k1 * (1 - b + b * length(norm) / avgdl)),
// with idf = ln(1 + (docCount - df + 0.5) / (df + 0.5)), docCount the
// documents having the field, avgdl its mean length, and length(norm) the
// quantized length (segment/norms.h). Rewritten as above, the score grows
// with freq and falls with length, which is what block-max bounds rely on.
#ifndef TRAWL_SEARCH_BM25_H_
#define TRAWL_SEARCH_BM25_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>

#include "segment/norms.h"
#include "segment/postings.h"

namespace trawl::search {

struct Bm25Params {
  float k1 = 1.2f;
  float b = 0.75f;
};

inline float Bm25Idf(uint64_t doc_freq, uint64_t doc_count) {
  return static_cast<float>(
      std::log(1.0 + (static_cast<double>(doc_count) - static_cast<double>(doc_freq) + 0.5) /
                         (static_cast<double>(doc_freq) + 0.5)));
}

// The scoring function of one term (or phrase) in one field.
class Bm25Scorer {
 public:
  Bm25Scorer() = default;
  // `weight` = boost * idf.
  Bm25Scorer(float weight, float avgdl, const Bm25Params& params) : weight_(weight) {
    for (int i = 0; i < 256; ++i) {
      float length = static_cast<float>(segment::DecodeNorm(static_cast<uint8_t>(i)));
      inverse_norm_[static_cast<size_t>(i)] =
          1.0f / (params.k1 * ((1.0f - params.b) + params.b * length / avgdl));
    }
  }

  float Score(uint32_t freq, uint8_t norm) const {
    return weight_ - weight_ / (1.0f + static_cast<float>(freq) * inverse_norm_[norm]);
  }
  float weight() const { return weight_; }
  // The best score of a doc bounded by `impacts` (see segment::Impact);
  // with `has_norms` false every doc scores at norm 1. Never below a score
  // Score() computes for such a doc: the same operations, which rounding
  // keeps monotone.
  float MaxScore(std::span<const segment::Impact> impacts, bool has_norms) const {
    float best = 0;
    for (const segment::Impact& p : impacts) {
      best = std::max(best, Score(p.freq, has_norms ? p.norm : 1));
    }
    return best;
  }

 private:
  float weight_ = 0;
  std::array<float, 256> inverse_norm_{};
};

}  // namespace trawl::search

#endif  // TRAWL_SEARCH_BM25_H_
