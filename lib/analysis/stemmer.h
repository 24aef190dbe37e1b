// Snowball stemming ("running" -> "run") with a per-thread cache.
//
//   auto stemmer = Stemmer::Make("english");
//   Stemmer::Session session = (*stemmer)->session();  // once per text
//   std::string buffer;
//   session.Stem("running", HashTerm("running"), buffer);  // "run"
//
// libstemmer's stemmers are not thread-safe and cost ~100 ns a word, so each
// thread gets its own stemmer per algorithm, plus a bounded cache of the
// stems it has computed: the frequent words of a text then cost a hash
// lookup.
#ifndef TRAWL_ANALYSIS_STEMMER_H_
#define TRAWL_ANALYSIS_STEMMER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace trawl::analysis {

// The algorithms libstemmer ships, e.g. "english", "german", "porter".
std::vector<std::string> StemmerAlgorithms();

class ThreadStemmer;

// A handle on one Snowball algorithm; immutable and thread-safe.
class Stemmer {
 public:
  // InvalidArgument unless `algorithm` is one of StemmerAlgorithms().
  static absl::StatusOr<std::unique_ptr<Stemmer>> Make(std::string_view algorithm);

  // The calling thread's stemmer for this algorithm. Use it on this thread
  // only; it stays valid until the thread ends.
  class Session {
   public:
    // The stem of `word` (UTF-8, normally case-folded; `hash` is
    // HashTerm(word)): `word` itself if unchanged, else a view of `buffer`,
    // valid until its next change.
    std::string_view Stem(std::string_view word, uint64_t hash,
                          std::string& buffer);

   private:
    friend class Stemmer;
    explicit Session(ThreadStemmer* stemmer) : stemmer_(stemmer) {}
    ThreadStemmer* stemmer_;
  };
  Session session() const;

  const std::string& algorithm() const { return algorithm_; }

 private:
  Stemmer(std::string algorithm, size_t index)
      : algorithm_(std::move(algorithm)), index_(index) {}

  std::string algorithm_;
  size_t index_;  // in sb_stemmer_list(); keys the per-thread stemmers
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_STEMMER_H_
