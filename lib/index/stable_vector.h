// StableVector: a growable array for the buffers of an in-memory segment,
// stored in chunks of doubling size that are never moved.
//
//   StableVector<TermPostings> postings;
//   TermPostings& p = postings.emplace_back();   // index 0
//   postings[0].doc_freq++;
//
// Chunk k holds 2^(k + kFirstChunkLog2) elements; it is allocated when its
// first element is added, and its elements are constructed one by one. A
// std::vector instead holds its old and new arrays at once while it
// doubles, and its capacity is mostly untouched for a while after: at 400K
// terms of 80 bytes, 32 MB copied into a new 64 MB array. Here growing
// copies nothing, and the memory touched is what the elements use (plus at
// most a page of the newest chunk), which memory_bytes() counts.
//
// Not thread-safe; references stay valid until the vector is destroyed.
#ifndef TRAWL_INDEX_STABLE_VECTOR_H_
#define TRAWL_INDEX_STABLE_VECTOR_H_

#include <bit>
#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace trawl::index {

template <typename T>
class StableVector {
 public:
  StableVector() = default;
  StableVector(const StableVector&) = delete;
  StableVector& operator=(const StableVector&) = delete;
  StableVector(StableVector&& other) noexcept
      : chunks_(std::move(other.chunks_)), size_(std::exchange(other.size_, 0)) {}
  StableVector& operator=(StableVector&& other) noexcept {
    if (this != &other) {
      Release();
      chunks_ = std::move(other.chunks_);
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  ~StableVector() { Release(); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Requires i < size().
  T& operator[](size_t i) {
    const auto [chunk, offset] = Locate(i);
    return chunks_[chunk][offset];
  }
  const T& operator[](size_t i) const {
    const auto [chunk, offset] = Locate(i);
    return chunks_[chunk][offset];
  }

  // Appends a value-initialized element and returns it.
  T& emplace_back() {
    const auto [chunk, offset] = Locate(size_);
    if (chunk == chunks_.size()) chunks_.push_back(Allocator().allocate(ChunkSize(chunk)));
    T* element = ::new (static_cast<void*>(chunks_[chunk] + offset)) T();
    ++size_;
    return *element;
  }

  // The bytes of the elements and of the chunk table: what a chunk's
  // untouched tail adds is at most a page.
  size_t memory_bytes() const { return size_ * sizeof(T) + chunks_.capacity() * sizeof(T*); }

  static constexpr int kFirstChunkLog2 = 4;

 private:
  using Allocator = std::allocator<T>;

  static size_t ChunkSize(size_t chunk) { return size_t{1} << (chunk + kFirstChunkLog2); }
  // Element i is element i + 2^kFirstChunkLog2 of the series of chunks
  // 1, 2, 4, ...: its highest bit names the chunk.
  static std::pair<size_t, size_t> Locate(size_t i) {
    const size_t x = i + (size_t{1} << kFirstChunkLog2);
    const size_t chunk = static_cast<size_t>(std::bit_width(x)) - 1 - kFirstChunkLog2;
    return {chunk, x - ChunkSize(chunk)};
  }

  void Release() {
    for (size_t i = 0; i < size_; ++i) (*this)[i].~T();
    for (size_t c = 0; c < chunks_.size(); ++c) Allocator().deallocate(chunks_[c], ChunkSize(c));
    chunks_.clear();
    size_ = 0;
  }

  std::vector<T*> chunks_;
  size_t size_ = 0;
};

}  // namespace trawl::index

#endif  // TRAWL_INDEX_STABLE_VECTOR_H_
