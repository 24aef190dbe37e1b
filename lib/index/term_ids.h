// TermIds: the term -> dense id map of one field of an in-memory segment,
// looked up once per token while indexing.
//
//   TermIds ids;
//   bool added;
//   uint32_t id = ids.Intern("davos", &added);  // 0, added
//   ids.Intern("davos", &added);                // 0 again, not added
//
// Open addressing over 32-byte slots that hold short terms inline, so a
// lookup usually reads one cache line (a flat_hash_map<std::string, ...>
// reads a control byte group, then a 40-byte slot, then hashes with a
// heavier function; it was the top of the indexing profile).
#ifndef TRAWL_INDEX_TERM_IDS_H_
#define TRAWL_INDEX_TERM_IDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/term_table.h"

namespace trawl::index {

class TermIds {
 public:
  TermIds();

  // The id of `term`; a new term gets the next id (0, 1, ...) and sets
  // `*added`. Inline up to a hit, the common case while indexing: a miss
  // leaves the probe to Insert.
  uint32_t Intern(std::string_view term, bool* added) {
    const uint64_t hash = analysis::HashTerm(term);
    const uint32_t tag = TagOf(hash);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.used()) {
        *added = true;
        return Insert(term, hash, i);
      }
      if (slot.tag == tag && slot.size() == term.size() &&
          analysis::EqualBytes(Bytes(slot), term.data(), term.size())) {
        *added = false;
        return slot.id;
      }
    }
  }

  size_t size() const { return size_; }
  // Every term by id; the views are valid until the next Intern.
  std::vector<std::string_view> Terms() const;
  // Calls visit(id, term) once for every term, in no particular order,
  // without Terms()'s 16 bytes a term (views valid until the next Intern).
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (const Slot& slot : slots_) {
      if (slot.used()) visit(slot.id, std::string_view(Bytes(slot), slot.size()));
    }
  }
  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot) + arena_.capacity(); }

 private:
  struct alignas(32) Slot {
    uint32_t tag = 0;           // high bits of the hash
    uint32_t id = 0;
    uint32_t size_plus_1 = 0;   // 0: an empty slot
    union {
      char bytes[20] = {};      // a term of up to 20 bytes
      uint32_t offset;          // of a longer term in arena_
    };
    bool used() const { return size_plus_1 != 0; }
    size_t size() const { return size_plus_1 - 1; }
    bool is_inline() const { return size() <= sizeof(bytes); }
  };

  static uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  const char* Bytes(const Slot& slot) const {
    return slot.is_inline() ? slot.bytes : arena_.data() + slot.offset;
  }
  // Adds `term`, whose probe ended at the free slot `free`, and returns
  // its id.
  [[gnu::noinline]] uint32_t Insert(std::string_view term, uint64_t hash, size_t free);
  // The first free slot of the probe sequence of `hash`.
  Slot& FreeSlot(uint64_t hash);
  void Grow();

  std::vector<Slot> slots_;
  size_t mask_;
  size_t size_ = 0;
  std::string arena_;
};

}  // namespace trawl::index

#endif  // TRAWL_INDEX_TERM_IDS_H_
