#include "analysis/stemmer.h"

#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libstemmer.h"

namespace trawl::analysis {

// One thread's libstemmer instance for one algorithm, and its cache.
class ThreadStemmer {
 public:
  explicit ThreadStemmer(const char* algorithm)
      : stemmer_(sb_stemmer_new(algorithm, "UTF_8")) {}
  ~ThreadStemmer() {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
  }
  ThreadStemmer(const ThreadStemmer&) = delete;
  ThreadStemmer& operator=(const ThreadStemmer&) = delete;

  // The stem of `word`, valid until the next call on this object. Falls
  // back to `word` if libstemmer is out of memory.
  std::string_view Stem(std::string_view word) {
    // absl::string_view is not std::string_view in Debian's Abseil.
    const absl::string_view key(word.data(), word.size());
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (stemmer_ == nullptr || word.empty() ||
        word.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      return word;
    }
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    if (stem == nullptr) return word;
    std::string_view result(reinterpret_cast<const char*>(stem),
                            static_cast<size_t>(sb_stemmer_length(stemmer_)));
    // Long words are rare and seldom repeat; a full cache starts over
    // rather than tracking recency, which would cost every hit.
    if (word.size() > kMaxCachedWordBytes) return result;
    if (cache_.size() >= kMaxCacheEntries) cache_.clear();
    return cache_.emplace(word, result).first->second;
  }

 private:
  static constexpr size_t kMaxCachedWordBytes = 32;
  static constexpr size_t kMaxCacheEntries = size_t{1} << 16;

  sb_stemmer* stemmer_;
  absl::flat_hash_map<std::string, std::string> cache_;
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

Stemmer::Session Stemmer::session() const {
  if (t_stemmers.size() <= index_) t_stemmers.resize(index_ + 1);
  std::unique_ptr<ThreadStemmer>& stemmer = t_stemmers[index_];
  if (stemmer == nullptr) {
    stemmer = std::make_unique<ThreadStemmer>(algorithm_.c_str());
  }
  return Session(stemmer.get());
}

std::string_view Stemmer::Session::Stem(std::string_view word,
                                        std::string& buffer) {
  // Copied because a sink that analyzes text on this same thread could
  // reach this stemmer again and invalidate its cache entry.
  const std::string_view stem = stemmer_->Stem(word);
  if (stem == word) return word;
  buffer.assign(stem);
  return buffer;
}

}  // namespace trawl::analysis
