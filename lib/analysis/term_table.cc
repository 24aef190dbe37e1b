#include "analysis/term_table.h"

#include <algorithm>
#include <limits>

namespace trawl::analysis {

bool TermTable::Insert(std::string_view key, uint64_t hash, std::string_view value) {
  constexpr size_t kMaxSize = std::numeric_limits<uint16_t>::max();
  if (full() || key.empty() || key.size() > kMaxSize || value.size() > kMaxSize ||
      arena_.size() + key.size() + value.size() > std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  if (Find(key, hash).has_value()) return true;
  size_t i = hash & mask_;
  while (slots_[i].key_size != 0) i = (i + 1) & mask_;
  Slot& slot = slots_[i];
  slot.tag = TagOf(hash);
  slot.key_size = static_cast<uint16_t>(key.size());
  slot.value_size = static_cast<uint16_t>(value.size());
  if (IsInline(slot)) {
    std::copy(key.begin(), key.end(), slot.bytes);
    std::copy(value.begin(), value.end(), slot.bytes + key.size());
  } else {
    slot.offset = static_cast<uint32_t>(arena_.size());
    arena_.append(key);
    arena_.append(value);
  }
  ++size_;
  return true;
}

void TermTable::Clear() {
  std::fill(slots_.begin(), slots_.end(), Slot());
  arena_.clear();
  size_ = 0;
}

}  // namespace trawl::analysis
