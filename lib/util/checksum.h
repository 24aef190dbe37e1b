// The checksum of every file section: 64-bit XXH3 (libxxhash).
#ifndef TRAWL_UTIL_CHECKSUM_H_
#define TRAWL_UTIL_CHECKSUM_H_

#include <cstdint>
#include <string_view>

namespace trawl::util {

uint64_t Checksum(std::string_view data);

}  // namespace trawl::util

#endif  // TRAWL_UTIL_CHECKSUM_H_
