// Snowball stemming ("running" -> "run") with a per-thread cache, which
// also remembers stop words.
//
//   auto stemmer = Stemmer::Make("english", stop_words.get());
//   Stemmer::Session session(**stemmer);  // once per text
//   std::string buffer;
//   session.Stem("running", HashTerm("running"), buffer);  // "run"
//   session.Stem("the", HashTerm("the"), buffer);          // "": a stop word
//
// libstemmer's stemmers are not thread-safe and run some two thousand
// instructions a word, so each thread gets its own stemmer per algorithm
// and stop-word set, plus a cache of the stems it has computed (up to 48K
// words, 2 MiB), where a stop word's stem is "": the words of a text then
// cost one hash lookup, except the first time.
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
#include "analysis/stop_words.h"
#include "analysis/term_table.h"

namespace trawl::analysis {

// The algorithms libstemmer ships, e.g. "english", "german", "porter".
std::vector<std::string> StemmerAlgorithms();

class ThreadStemmer;

// A handle on one Snowball algorithm; immutable and thread-safe.
class Stemmer {
 public:
  // InvalidArgument unless `algorithm` is one of StemmerAlgorithms().
  // `stop_words`, if not null, must outlive the Stemmer; their stem is "".
  static absl::StatusOr<std::unique_ptr<Stemmer>> Make(
      std::string_view algorithm, const StopWordSet* stop_words = nullptr);

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
    // HashTerm(word)), or "" if it is one of the stop words. The view is
    // `word`, a cache entry or `buffer`; it stays valid until this session
    // stems again, whatever nested sessions do meanwhile.
    std::string_view Stem(std::string_view word, uint64_t hash,
                          std::string& buffer) {
      // Inline, since most words of a text are in the cache and a call
      // would cost as much as the lookup.
      if (auto cached = cache_->Find(word, hash)) return *cached;
      return StemUncached(word, hash, buffer);
    }

   private:
    std::string_view StemUncached(std::string_view word, uint64_t hash,
                                  std::string& buffer);

    ThreadStemmer* stemmer_;
    const TermTable* cache_;  // stemmer_'s
    const StopWordSet* stop_words_;
  };

 private:
  Stemmer(std::string algorithm, size_t index, const StopWordSet* stop_words)
      : algorithm_(std::move(algorithm)), index_(index), stop_words_(stop_words) {}

  std::string algorithm_;
  size_t index_;  // in sb_stemmer_list()
  const StopWordSet* stop_words_;  // may be null
};

}  // namespace trawl::analysis

#endif  // TRAWL_ANALYSIS_STEMMER_H_
