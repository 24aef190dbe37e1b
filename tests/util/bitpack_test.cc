#include "util/bitpack.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "util/coding.h"

namespace trawl::util {
namespace {

TEST(BitpackTest, RoundTripsEveryWidth) {
  std::mt19937 rng(7);
  for (int bits = 0; bits <= 32; ++bits) {
    uint32_t in[kPackBlock], out[kPackBlock];
    uint64_t limit = bits == 32 ? UINT32_MAX : (uint64_t{1} << bits) - 1;
    for (size_t i = 0; i < kPackBlock; ++i) {
      in[i] = limit == 0 ? 0 : static_cast<uint32_t>(rng() % (limit + 1));
    }
    in[kPackBlock - 1] = static_cast<uint32_t>(limit);  // the widest value
    ASSERT_EQ(MaxBitWidth(in), bits);
    std::string packed;
    Pack128(in, bits, &packed);
    ASSERT_EQ(packed.size(), PackedBytes(bits));
    Unpack128(packed.data(), bits, out);
    for (size_t i = 0; i < kPackBlock; ++i) ASSERT_EQ(out[i], in[i]) << "bits " << bits << " i " << i;
  }
}

TEST(BitpackTest, Bits64RoundTripsAtAnyCount) {
  std::mt19937_64 rng(11);
  for (int bits : {0, 1, 3, 7, 8, 13, 31, 32, 33, 57, 63, 64}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{127}, size_t{128}, size_t{1000}}) {
      std::vector<uint64_t> in(n);
      for (auto& v : in) v = bits == 64 ? rng() : (bits == 0 ? 0 : rng() & ((uint64_t{1} << bits) - 1));
      std::string packed;
      PackBits64(in.data(), n, bits, &packed);
      ASSERT_EQ(packed.size(), PackedBytes64(n, bits));
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(ReadBits64(packed.data(), i, bits), in[i]);
    }
  }
}

TEST(CodingTest, VarintsRoundTripAndRejectTruncation) {
  std::string buf;
  const uint64_t values[] = {0, 1, 127, 128, 16383, 16384, UINT32_MAX, UINT64_MAX};
  for (uint64_t v : values) PutVarint64(&buf, v);
  Decoder d(buf);
  for (uint64_t v : values) {
    uint64_t got;
    ASSERT_TRUE(d.GetVarint64(&got));
    EXPECT_EQ(got, v);
  }
  EXPECT_EQ(d.remaining(), 0u);
  Decoder truncated(std::string_view(buf).substr(0, buf.size() - 1));
  uint64_t v;
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(truncated.GetVarint64(&v));
  EXPECT_FALSE(truncated.GetVarint64(&v));
  uint32_t small;
  Decoder too_big(std::string_view(buf).substr(buf.size() - 10));  // UINT64_MAX
  EXPECT_FALSE(too_big.GetVarint32(&small));
}

}  // namespace
}  // namespace trawl::util
