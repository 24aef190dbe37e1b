#include "analysis/term_table.h"

#include <algorithm>
#include <limits>

namespace trawl::analysis {

bool TermTable::Insert(std::string_view key, uint64_t hash, std::string_view value) {
  constexpr size_t kMaxSize = std::numeric_limits<uint16_t>::max();
  const size_t entry_size = 4 + key.size() + value.size();
  if (full() || key.empty() || key.size() > kMaxSize || value.size() > kMaxSize ||
      arena_.size() + entry_size >= std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  if (Find(key, hash).has_value()) return true;
  size_t i = hash & mask_;
  while (slots_[i].entry != 0) i = (i + 1) & mask_;
  slots_[i] = Slot{TagOf(hash), static_cast<uint32_t>(arena_.size() + 1)};
  const uint16_t sizes[2] = {static_cast<uint16_t>(key.size()),
                             static_cast<uint16_t>(value.size())};
  arena_.append(reinterpret_cast<const char*>(sizes), sizeof(sizes));
  arena_.append(key);
  arena_.append(value);
  ++size_;
  return true;
}

void TermTable::Clear() {
  std::fill(slots_.begin(), slots_.end(), Slot());
  arena_.clear();
  size_ = 0;
}

}  // namespace trawl::analysis
