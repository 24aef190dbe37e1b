// The checksum of every file section: 64-bit XXH3 (libxxhash).
#ifndef TRAWL_UTIL_CHECKSUM_H_
#define TRAWL_UTIL_CHECKSUM_H_

#include <cstdint>
#include <string_view>

struct XXH3_state_s;

namespace trawl::util {

uint64_t Checksum(std::string_view data);

// Checksum() of bytes that arrive in pieces: Digest() equals Checksum()
// of all the pieces put together.
class StreamingChecksum {
 public:
  StreamingChecksum();
  ~StreamingChecksum();
  StreamingChecksum(const StreamingChecksum&) = delete;
  StreamingChecksum& operator=(const StreamingChecksum&) = delete;
  void Update(std::string_view data);
  uint64_t Digest() const;

 private:
  XXH3_state_s* state_;
};

}  // namespace trawl::util

#endif  // TRAWL_UTIL_CHECKSUM_H_
