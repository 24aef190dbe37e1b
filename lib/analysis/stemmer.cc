#include "analysis/stemmer.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "analysis/term_table.h"
#include "libstemmer.h"

namespace trawl::analysis {

namespace {

// Whether `word` is a number such as "1,000" or "3.5". Stemmers rewrite
// letters only, so numbers pass through; keeping them out of the cache,
// where they would rarely be met again, leaves its room to words.
bool IsNumber(std::string_view word) {
  if (word.empty() || word[0] < '0' || word[0] > '9') return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '\'';
  });
}

}  // namespace

// One thread's libstemmer instance for one algorithm, and its cache of
// stems for one set of stop words.
class ThreadStemmer {
 public:
  explicit ThreadStemmer(const char* algorithm)
      : stemmer_(sb_stemmer_new(algorithm, "UTF_8")), cache_(kCacheSlotsLog2) {}
  ~ThreadStemmer() {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
  }
  ThreadStemmer(const ThreadStemmer&) = delete;
  ThreadStemmer& operator=(const ThreadStemmer&) = delete;

  // Sessions look up cached stems themselves, and return them in place:
  // the cache changes only in the outermost session, between tokens, so
  // the view outlives any analysis a sink nests inside its callback.
  const TermTable& cache() const { return cache_; }

  // The stem of a word not in the cache: "" for a stop word, `word` for a
  // number or when libstemmer fails, else a copy in `buffer`. `stop_words`
  // (may be null) must be the set this cache was made for.
  std::string_view StemUncached(std::string_view word, uint64_t hash,
                                const StopWordSet* stop_words, std::string& buffer) {
    auto is_stop = [&] {
      return stop_words != nullptr && stop_words->Contains(word, hash);
    };
    if (IsNumber(word)) return is_stop() ? std::string_view() : word;
    std::string_view stem;
    if (!is_stop()) {
      if (!RunStemmer(word, buffer)) return word;
      stem = buffer;
    }
    if (sessions_ == 1 && word.size() <= kMaxCachedWordBytes) {
      Remember(word, hash, stem);
    }
    return stem;
  }

  void Enter() { ++sessions_; }
  void Leave() { --sessions_; }

 private:
  // Stems `word` into `buffer`; false if libstemmer cannot (out of memory).
  bool RunStemmer(std::string_view word, std::string& buffer) {
    if (stemmer_ == nullptr ||
        word.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      return false;
    }
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    if (stem == nullptr) return false;
    buffer.assign(reinterpret_cast<const char*>(stem),
                  static_cast<size_t>(sb_stemmer_length(stemmer_)));
    return true;
  }

  static constexpr size_t kMaxCachedWordBytes = 32;
  static constexpr int kCacheSlotsLog2 = 16;  // 48K words in 2 MiB

  // Caches a stem. Frequent words come early, so a full cache keeps what it
  // has; only once it has missed as often as it has entries (the text has
  // moved on to other words) does it start over. Tracking recency instead
  // would cost every hit. A miss costs far more than a hit (libstemmer
  // runs ~2000 instructions a word), hence a cache large enough for the
  // vocabulary of a few million words of text.
  void Remember(std::string_view word, uint64_t hash, std::string_view stem) {
    if (cache_.full()) {
      if (++misses_when_full_ < cache_.size()) return;
      cache_.Clear();
      misses_when_full_ = 0;
    }
    cache_.Insert(word, hash, stem);
  }

  sb_stemmer* stemmer_;
  TermTable cache_;
  size_t misses_when_full_ = 0;
  int sessions_ = 0;  // open Sessions on this thread, nested ones included
};

namespace {

// A thread's stemmer for one algorithm and set of stop words.
struct ThreadStemmerEntry {
  size_t algorithm;         // index in sb_stemmer_list()
  uint32_t stop_words_id;   // StopWordSet::id(), 0 for none
  std::unique_ptr<ThreadStemmer> stemmer;
};

// Created on a thread's first use of each combination; a process uses few.
thread_local std::vector<ThreadStemmerEntry> t_stemmers;

}  // namespace

std::vector<std::string> StemmerAlgorithms() {
  std::vector<std::string> names;
  for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) {
    names.emplace_back(*name);
  }
  return names;
}

absl::StatusOr<std::unique_ptr<Stemmer>> Stemmer::Make(
    std::string_view algorithm, const StopWordSet* stop_words) {
  const std::vector<std::string> names = StemmerAlgorithms();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == algorithm) {
      return std::unique_ptr<Stemmer>(new Stemmer(names[i], i, stop_words));
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown stemmer \"", std::string(algorithm),
                   "\"; available: ", absl::StrJoin(names, ", ")));
}

Stemmer::Session::Session(const Stemmer& stemmer) : stop_words_(stemmer.stop_words_) {
  const uint32_t stop_words_id = stop_words_ == nullptr ? 0 : stop_words_->id();
  auto it = std::find_if(t_stemmers.begin(), t_stemmers.end(),
                         [&](const ThreadStemmerEntry& entry) {
                           return entry.algorithm == stemmer.index_ &&
                                  entry.stop_words_id == stop_words_id;
                         });
  if (it == t_stemmers.end()) {
    it = t_stemmers.insert(
        t_stemmers.end(),
        {stemmer.index_, stop_words_id,
         std::make_unique<ThreadStemmer>(stemmer.algorithm_.c_str())});
  }
  stemmer_ = it->stemmer.get();
  cache_ = &stemmer_->cache();
  stemmer_->Enter();
}

Stemmer::Session::~Session() { stemmer_->Leave(); }

std::string_view Stemmer::Session::StemUncached(std::string_view word, uint64_t hash,
                                                std::string& buffer) {
  return stemmer_->StemUncached(word, hash, stop_words_, buffer);
}

}  // namespace trawl::analysis
