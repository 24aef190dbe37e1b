#include "index/term_ids.h"

#include <cstring>

#include "analysis/term_table.h"

namespace trawl::index {
namespace {

constexpr int kInitialSlotsLog2 = 10;

}  // namespace

TermIds::TermIds() : slots_(size_t{1} << kInitialSlotsLog2), mask_(slots_.size() - 1) {}

TermIds::Slot& TermIds::FreeSlot(uint64_t hash) {
  size_t i = hash & mask_;
  while (slots_[i].used()) i = (i + 1) & mask_;
  return slots_[i];
}

uint32_t TermIds::Insert(std::string_view term, uint64_t hash, size_t free) {
  // Grow at 3/4 full, before inserting, so that a probe always ends.
  Slot* slot = &slots_[free];
  if (size_ + 1 > slots_.size() / 4 * 3) {
    Grow();
    slot = &FreeSlot(hash);
  }
  slot->tag = TagOf(hash);
  slot->id = static_cast<uint32_t>(size_++);
  slot->size_plus_1 = static_cast<uint32_t>(term.size() + 1);
  if (slot->is_inline()) {
    std::memcpy(slot->bytes, term.data(), term.size());
  } else {
    slot->offset = static_cast<uint32_t>(arena_.size());
    arena_.append(term);
  }
  return slot->id;
}

void TermIds::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (!slot.used()) continue;
    FreeSlot(analysis::HashTerm(std::string_view(Bytes(slot), slot.size()))) = slot;
  }
}

std::vector<std::string_view> TermIds::Terms() const {
  std::vector<std::string_view> terms(size_);
  for (const Slot& slot : slots_) {
    if (slot.used()) terms[slot.id] = std::string_view(Bytes(slot), slot.size());
  }
  return terms;
}

}  // namespace trawl::index
