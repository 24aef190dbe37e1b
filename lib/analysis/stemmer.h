// Snowball stemming ("running" -> "run") with a per-thread cache.
//
//   auto stemmer = Stemmer::Make("english");
//   Stemmer::Session session(**stemmer);  // once per text
//   std::string buffer;
//   session.Stem("running", HashTerm("running"), buffer);  // "run"
//
// libstemmer's stemmers are not thread-safe and run some two thousand
// instructions a word, so each thread gets its own stemmer per algorithm
// plus a cache of the stems it has computed (up to 48K words, 2 MiB): the
// words of a text then cost a hash lookup, except the first time.
#ifndef TRAWL_ANALYSIS_STEMMER_H_
#define TRAWL_ANALYSIS_STEMMER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
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

  // The calling thread's stemmer for this algorithm, for the span of one
  // analysis. Use it on this thread only. Sessions may nest: a sink that
  // analyzes more text opens another.
  class Session {
   public:
    explicit Session(const Stemmer& stemmer);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The stem of `word` (UTF-8, normally case-folded; `hash` is
    // HashTerm(word)). The view is `word`, a cache entry or `buffer`; it
    // stays valid until this session stems again, whatever nested sessions
    // do meanwhile.
    std::string_view Stem(std::string_view word, uint64_t hash,
                          std::string& buffer);

   private:
    ThreadStemmer* stemmer_;
  };

 private:
  Stemmer(std::string algorithm, size_t index)
      : algorithm_(std::move(algorithm)), index_(index) {}

  std::string algorithm_;
  size_t index_;  // in sb_stemmer_list(); keys the per-thread stemmers
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_STEMMER_H_
