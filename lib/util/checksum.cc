#include "util/checksum.h"

#include <xxhash.h>

namespace trawl::util {

uint64_t Checksum(std::string_view data) {
  return XXH3_64bits(data.data(), data.size());
}

}  // namespace trawl::util
