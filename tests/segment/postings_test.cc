#include "segment/postings.h"

#include <random>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "segment/norms.h"
#include "tests/testing/status_matchers.h"
#include "util/coding.h"

namespace trawl::segment {
namespace {

struct TermData {
  std::vector<uint32_t> docs, freqs, positions;
  std::string encoded;  // `positions` as PostingsWriter::Add takes them
};

// Docs with gaps mostly of 1 to 4 and now and then thousands; or, `dense`,
// from doc 0 with gaps of 1 to 3 that grow block by block, so that blocks
// are stored as bit sets or packed deltas by turns.
TermData MakeTerm(size_t n, uint32_t seed, bool dense = false) {
  std::mt19937 rng(seed);
  TermData t;
  uint32_t doc = dense ? 0 : rng() % 3;
  for (size_t i = 0; i < n; ++i) {
    t.docs.push_back(doc);
    uint32_t freq = 1 + (rng() % 4 == 0 ? rng() % 40 : 0);
    t.freqs.push_back(freq);
    uint32_t pos = rng() % 5;
    std::vector<uint32_t> doc_positions;
    for (uint32_t f = 0; f < freq; ++f) {
      doc_positions.push_back(pos);
      pos += 1 + rng() % 9;
    }
    t.positions.insert(t.positions.end(), doc_positions.begin(), doc_positions.end());
    AppendPositions(doc_positions, &t.encoded);
    if (dense) {
      doc += 1 + static_cast<uint32_t>(rng() % (1 + (i / 128) % 3));
    } else {
      doc += 1 + (rng() % 8 == 0 ? rng() % 5000 : rng() % 4);
    }
  }
  return t;
}

// Every doc of `t` in [offset, up_to) as IntoBitSet sets them.
std::vector<uint64_t> ExpectedBits(const TermData& t, uint32_t offset, uint32_t up_to) {
  std::vector<uint64_t> words((up_to - offset + 63) / 64);
  for (uint32_t doc : t.docs) {
    if (doc >= offset && doc < up_to) words[(doc - offset) / 64] |= uint64_t{1} << ((doc - offset) % 64);
  }
  return words;
}

// Lengths around the block size, as PISA tests its codecs; sparse and
// dense docs.
class PostingsRoundTrip : public ::testing::TestWithParam<std::tuple<size_t, bool>> {};

TEST_P(PostingsRoundTrip, NextAdvanceAndPositions) {
  const auto [n, dense] = GetParam();
  TermData t = MakeTerm(n, static_cast<uint32_t>(n), dense);
  std::vector<uint8_t> norms(t.docs.empty() ? 1 : t.docs.back() + 1);
  for (size_t i = 0; i < norms.size(); ++i) norms[i] = static_cast<uint8_t>(i * 7);
  PostingsWriter writer;
  ASSERT_OK(writer.Add({}, {}, {}, norms).status());  // a first term, so offsets are not zero
  ASSERT_OK_AND_ASSIGN(TermInfo info, writer.Add(t.docs, t.freqs, t.encoded, norms));
  EXPECT_EQ(info.doc_freq, n);
  std::string postings = writer.TakePostings(), positions = writer.TakePositions();

  PostingsIterator it;
  ASSERT_TRUE(it.Reset(postings, positions, info).ok());
  size_t pos_index = 0;
  std::vector<uint32_t> got;
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(it.Next(), t.docs[i]) << i;
    ASSERT_EQ(it.freq(), t.freqs[i]);
    std::string bytes(it.PositionBytes());
    it.Positions(&got);
    std::string want_bytes;
    std::vector<uint32_t> want(t.positions.begin() + static_cast<std::ptrdiff_t>(pos_index),
                               t.positions.begin() + static_cast<std::ptrdiff_t>(pos_index + t.freqs[i]));
    pos_index += t.freqs[i];
    ASSERT_EQ(got, want) << i;
    AppendPositions(want, &want_bytes);
    ASSERT_EQ(bytes, want_bytes) << i;
  }
  EXPECT_EQ(it.Next(), kNoMoreDocs);
  EXPECT_TRUE(it.status().ok());

  // Advance to every third target, including targets between docs; the
  // positions and freq of where it lands (positions skip those of the docs
  // passed over).
  std::vector<size_t> first_position(n + 1, 0);
  for (size_t i = 0; i < n; ++i) first_position[i + 1] = first_position[i] + t.freqs[i];
  PostingsIterator adv;
  ASSERT_TRUE(adv.Reset(postings, positions, info).ok());
  for (size_t i = 0; i < n; i += 3) {
    uint32_t target = t.docs[i] > 0 && i % 2 ? t.docs[i] - 1 : t.docs[i];
    if (i > 0 && target <= adv.doc()) continue;
    auto at = std::lower_bound(t.docs.begin(), t.docs.end(), target);
    ASSERT_EQ(adv.Advance(target), *at);
    const size_t j = static_cast<size_t>(at - t.docs.begin());
    if (i % 2 == 0) {
      adv.Positions(&got);
      const auto from = t.positions.begin() + static_cast<std::ptrdiff_t>(first_position[j]);
      ASSERT_EQ(got, std::vector<uint32_t>(from, from + t.freqs[j]));
    }
    ASSERT_EQ(adv.freq(), t.freqs[j]);
  }
  if (n > 0) {
    EXPECT_EQ(adv.Advance(t.docs.back() + 1), kNoMoreDocs);
  }

  // A block at a time, docs only, stepping within blocks now and then (as
  // counting does): the same docs.
  PostingsIterator by_block;
  ASSERT_TRUE(by_block.Reset(postings, positions, info).ok());
  by_block.DocsOnly();
  by_block.Next();
  std::vector<uint32_t> seen;
  for (size_t step = 0; by_block.doc() != kNoMoreDocs; ++step) {
    std::span<const uint32_t> docs = by_block.DocsToBlockEnd();
    ASSERT_FALSE(docs.empty());
    ASSERT_EQ(docs.front(), by_block.doc());
    if (step % 3 == 1 && docs.size() > 2) {
      seen.insert(seen.end(), docs.begin(), docs.begin() + 2);
      by_block.MoveWithinBlock(2);
      continue;
    }
    seen.insert(seen.end(), docs.begin(), docs.end());
    by_block.NextBlock();
  }
  EXPECT_TRUE(by_block.DocsToBlockEnd().empty());
  EXPECT_EQ(seen, t.docs);

  // Into windows of bits, as counting a disjunction does: windows of
  // several sizes, so that blocks start and end inside them and across
  // their ends; each leaves the iterator on the first doc past it.
  for (uint32_t window : {64u, 200u, 4096u}) {
    PostingsIterator into;
    ASSERT_TRUE(into.Reset(postings, positions, info).ok());
    into.DocsOnly();
    into.Next();
    while (into.doc() != kNoMoreDocs) {
      const uint32_t offset = into.doc() / window * window;
      std::vector<uint64_t> words((window + 63) / 64);
      into.IntoBitSet(offset + window, offset, words.data());
      ASSERT_EQ(words, ExpectedBits(t, offset, offset + window)) << window << " " << offset;
      auto next = std::lower_bound(t.docs.begin(), t.docs.end(), offset + window);
      ASSERT_EQ(into.doc(), next == t.docs.end() ? kNoMoreDocs : *next);
    }
    EXPECT_TRUE(into.status().ok());
  }

  // A block's impacts are exactly its competitive (freq, norm) pairs:
  // ascending, each some doc's, and each doc bounded by one; the term's
  // are the competitive pairs of all its docs.
  PostingsIterator blocks;
  ASSERT_TRUE(blocks.Reset(postings, positions, info).ok());
  ASSERT_EQ(blocks.num_blocks(), (n + 127) / 128);
  auto expect_competitive = [&](std::span<const Impact> impacts, size_t begin, size_t end) {
    ASSERT_FALSE(impacts.empty());
    for (size_t p = 1; p < impacts.size(); ++p) {
      EXPECT_LT(impacts[p - 1].freq, impacts[p].freq);
      EXPECT_LT(impacts[p - 1].norm, impacts[p].norm);
    }
    for (const Impact& p : impacts) {
      bool attained = false;
      for (size_t i = begin; i < end; ++i) {
        attained |= t.freqs[i] == p.freq && norms[t.docs[i]] == p.norm;
      }
      EXPECT_TRUE(attained) << p.freq << "/" << int{p.norm};
    }
    for (size_t i = begin; i < end; ++i) {
      bool bounded = false;
      for (const Impact& p : impacts) bounded |= p.freq >= t.freqs[i] && p.norm <= norms[t.docs[i]];
      EXPECT_TRUE(bounded) << "doc " << t.docs[i];
      // Competitive: no doc beats a pair.
      for (const Impact& p : impacts) {
        EXPECT_FALSE(t.freqs[i] >= p.freq && norms[t.docs[i]] <= p.norm &&
                     (t.freqs[i] > p.freq || norms[t.docs[i]] < p.norm));
      }
    }
  };
  for (size_t b = 0; b < blocks.num_blocks(); ++b) {
    expect_competitive(blocks.impacts_of_block(b), b * 128, std::min(n, (b + 1) * 128));
  }
  if (n > 0) expect_competitive(blocks.term_impacts(), 0, n);
}

INSTANTIATE_TEST_SUITE_P(Lengths, PostingsRoundTrip,
                         ::testing::Combine(::testing::Values(0, 1, 2, 127, 128, 129, 255, 256,
                                                              257, 1000),
                                            ::testing::Bool()));

// The term's postings from the first block's bytes on (docs/format.md).
std::string_view FirstBlock(std::string_view postings) {
  util::Decoder d(postings);
  uint64_t skip_bytes = 0;
  EXPECT_TRUE(d.GetVarint64(&skip_bytes) && d.Skip(skip_bytes));
  return std::string_view(d.ptr(), d.remaining());
}

TEST(PostingsTest, DenseBlocksAreBitSetsAndTheirDamageIsReported) {
  TermData t = MakeTerm(384, 7, /*dense=*/true);
  std::vector<uint8_t> norms(t.docs.back() + 1, 3);
  PostingsWriter writer;
  ASSERT_OK_AND_ASSIGN(TermInfo info, writer.Add(t.docs, t.freqs, t.encoded, norms));
  std::string postings = writer.TakePostings(), positions = writer.TakePositions();
  // Block 0 holds docs 0..127: a bit set of two words after its marker.
  const size_t block = postings.size() - FirstBlock(postings).size();
  ASSERT_EQ(static_cast<uint8_t>(postings[block]), 0xff);
  for (size_t bit = 0; bit < 2 * 64; ++bit) {
    std::string bad = postings;
    bad[block + 1 + bit / 8] = static_cast<char>(bad[block + 1 + bit / 8] ^ (1 << (bit % 8)));
    PostingsIterator walk, into;
    ASSERT_OK(walk.Reset(bad, positions, info));
    while (walk.Next() != kNoMoreDocs) {
    }
    EXPECT_EQ(walk.status().code(), absl::StatusCode::kDataLoss) << bit;
    // Counting reads the blocks after the first one straight from their
    // bytes: damage to block 1 must be seen there too.
    std::string bad1 = postings;
    const size_t block1 = block + 1 + 16 + 1 + util::PackedBytes(static_cast<uint8_t>(postings[block + 17]));
    ASSERT_EQ(static_cast<uint8_t>(postings[block1]), 0xff);
    bad1[block1 + 1 + bit / 8] = static_cast<char>(bad1[block1 + 1 + bit / 8] ^ (1 << (bit % 8)));
    ASSERT_OK(into.Reset(bad1, positions, info));
    into.DocsOnly();
    into.Next();
    std::vector<uint64_t> words(4096 / 64);
    into.IntoBitSet(4096, 0, words.data());
    EXPECT_EQ(into.status().code(), absl::StatusCode::kDataLoss) << bit;
  }
  // Segments before version 4 have no bit sets: the marker is damage there.
  PostingsIterator old;
  ASSERT_OK(old.Reset(postings, positions, info, /*format_version=*/3));
  EXPECT_EQ(old.Next(), kNoMoreDocs);
  EXPECT_EQ(old.status().code(), absl::StatusCode::kDataLoss);
}

TEST(PostingsTest, PositionsMustMatchTheFrequencies) {
  TermData t = MakeTerm(300, 5);
  std::vector<uint8_t> norms(t.docs.back() + 1, 5);
  PostingsWriter writer;
  std::string short_by_one = t.encoded.substr(0, t.encoded.size() - 1);
  EXPECT_EQ(writer.Add(t.docs, t.freqs, short_by_one, norms).status().code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(writer.Add(t.docs, t.freqs, t.encoded + '\x01', norms).status().code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(writer.postings_size(), 0u);
  EXPECT_EQ(writer.TakePositions(), "");
  EXPECT_OK(writer.Add(t.docs, t.freqs, t.encoded, norms).status());
}

TEST(PostingsTest, DamagedSkipDataIsReportedNotFollowed) {
  TermData t = MakeTerm(300, 3);
  std::vector<uint8_t> norms(t.docs.back() + 1);
  for (size_t i = 0; i < norms.size(); ++i) norms[i] = static_cast<uint8_t>(i * 7);  // many impacts
  PostingsWriter writer;
  ASSERT_OK_AND_ASSIGN(TermInfo info, writer.Add(t.docs, t.freqs, t.encoded, norms));
  std::string postings = writer.TakePostings(), positions = writer.TakePositions();
  for (size_t at = 0; at < postings.size(); ++at) {
    std::string bad = postings;
    bad[at] = static_cast<char>(bad[at] ^ 0x5a);
    PostingsIterator it;
    absl::Status s = it.Reset(bad, positions, info);
    // Damaged impacts are reported, never read past.
    for (size_t b = 0; b < it.num_blocks(); ++b) {
      for (const Impact& p : it.impacts_of_block(b)) EXPECT_GE(p.freq, 1u);
    }
    std::vector<uint32_t> pos;
    // Whatever the damage, iterating stays in bounds and ends.
    size_t steps = 0;
    for (uint32_t d = it.Next(); d != kNoMoreDocs && steps < 10000; d = it.Next(), ++steps) {
      it.Positions(&pos);
    }
    EXPECT_LT(steps, 10000u);
  }
  PostingsIterator truncated;
  EXPECT_EQ(truncated.Reset(std::string_view(postings).substr(0, 10), positions, info).code(),
            absl::StatusCode::kDataLoss);
}

TEST(NormsTest, MatchesLuceneSmallFloat) {
  // Exact below 24 (Lucene's SmallFloat.intToByte4 keeps small ints as is).
  for (uint32_t i = 0; i < 24; ++i) EXPECT_EQ(DecodeNorm(EncodeNorm(i)), i);
  // Values published by Lucene's TestSmallFloat-style tables: decoding the
  // encoding rounds down to 4 significant bits past the free values.
  EXPECT_EQ(DecodeNorm(EncodeNorm(24)), 24u);
  EXPECT_EQ(DecodeNorm(EncodeNorm(100)), 96u);
  uint32_t last = 0;
  for (int b = 0; b < 256; ++b) {
    uint32_t v = DecodeNorm(static_cast<uint8_t>(b));
    EXPECT_GE(v, last);
    EXPECT_EQ(EncodeNorm(v), b) << b;
    last = v;
  }
  EXPECT_EQ(EncodeNorm(UINT32_MAX), 255);
}

}  // namespace
}  // namespace trawl::segment
