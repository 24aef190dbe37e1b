#include "util/checksum.h"

#include <xxhash.h>

namespace trawl::util {

uint64_t Checksum(std::string_view data) {
  return XXH3_64bits(data.data(), data.size());
}

// XXH3_createState only fails when out of memory, as `new` would.
StreamingChecksum::StreamingChecksum() : state_(XXH3_createState()) { XXH3_64bits_reset(state_); }

StreamingChecksum::~StreamingChecksum() { XXH3_freeState(state_); }

void StreamingChecksum::Update(std::string_view data) {
  XXH3_64bits_update(state_, data.data(), data.size());
}

uint64_t StreamingChecksum::Digest() const { return XXH3_64bits_digest(state_); }

}  // namespace trawl::util
