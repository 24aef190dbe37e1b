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

// One thread's libstemmer instance for one algorithm, and its cache.
class ThreadStemmer {
 public:
  explicit ThreadStemmer(const char* algorithm)
      : stemmer_(sb_stemmer_new(algorithm, "UTF_8")), cache_(kCacheSlotsLog2) {}
  ~ThreadStemmer() {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
  }
  ThreadStemmer(const ThreadStemmer&) = delete;
  ThreadStemmer& operator=(const ThreadStemmer&) = delete;

  // A cached stem is returned in place: the cache changes only in the
  // outermost session, between tokens, so the view outlives any analysis a
  // sink nests inside its callback. Anything else is copied to `buffer`.
  std::string_view Stem(std::string_view word, uint64_t hash, std::string& buffer) {
    if (IsNumber(word)) return word;
    if (auto cached = cache_.Find(word, hash)) return *cached;
    if (stemmer_ == nullptr ||
        word.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      return word;
    }
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    if (stem == nullptr) return word;  // out of memory
    buffer.assign(reinterpret_cast<const char*>(stem),
                  static_cast<size_t>(sb_stemmer_length(stemmer_)));
    if (sessions_ == 1 && word.size() <= kMaxCachedWordBytes) {
      Remember(word, hash, buffer);
    }
    return buffer;
  }

  void Enter() { ++sessions_; }
  void Leave() { --sessions_; }

 private:
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

// Indexed like sb_stemmer_list(); created on a thread's first use.
thread_local std::vector<std::unique_ptr<ThreadStemmer>> t_stemmers;

}  // namespace

std::vector<std::string> StemmerAlgorithms() {
  std::vector<std::string> names;
  for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) {
    names.emplace_back(*name);
  }
  return names;
}

absl::StatusOr<std::unique_ptr<Stemmer>> Stemmer::Make(std::string_view algorithm) {
  const std::vector<std::string> names = StemmerAlgorithms();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == algorithm) {
      return std::unique_ptr<Stemmer>(new Stemmer(names[i], i));
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown stemmer \"", std::string(algorithm),
                   "\"; available: ", absl::StrJoin(names, ", ")));
}

Stemmer::Session::Session(const Stemmer& stemmer) {
  if (t_stemmers.size() <= stemmer.index_) t_stemmers.resize(stemmer.index_ + 1);
  std::unique_ptr<ThreadStemmer>& slot = t_stemmers[stemmer.index_];
  if (slot == nullptr) {
    slot = std::make_unique<ThreadStemmer>(stemmer.algorithm_.c_str());
  }
  stemmer_ = slot.get();
  stemmer_->Enter();
}

Stemmer::Session::~Session() { stemmer_->Leave(); }

std::string_view Stemmer::Session::Stem(std::string_view word, uint64_t hash,
                                        std::string& buffer) {
  return stemmer_->Stem(word, hash, buffer);
}

}  // namespace trawl::analysis
