#include "segment/postings.h"

#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "segment/norms.h"
#include "tests/testing/status_matchers.h"

namespace trawl::segment {
namespace {

struct TermData {
  std::vector<uint32_t> docs, freqs, positions;
  std::string encoded;  // `positions` as PostingsWriter::Add takes them
};

TermData MakeTerm(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  TermData t;
  uint32_t doc = rng() % 3;
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
    doc += 1 + (rng() % 8 == 0 ? rng() % 5000 : rng() % 4);
  }
  return t;
}

// Lengths around the block size, as PISA tests its codecs.
class PostingsRoundTrip : public ::testing::TestWithParam<size_t> {};

TEST_P(PostingsRoundTrip, NextAdvanceAndPositions) {
  const size_t n = GetParam();
  TermData t = MakeTerm(n, static_cast<uint32_t>(n));
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

  // Advance to every third target, including targets between docs.
  PostingsIterator adv;
  ASSERT_TRUE(adv.Reset(postings, positions, info).ok());
  for (size_t i = 0; i < n; i += 3) {
    uint32_t target = t.docs[i] > 0 && i % 2 ? t.docs[i] - 1 : t.docs[i];
    if (i > 0 && target <= adv.doc()) continue;
    uint32_t expect = *std::lower_bound(t.docs.begin(), t.docs.end(), target);
    ASSERT_EQ(adv.Advance(target), expect);
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
                         ::testing::Values(0, 1, 2, 127, 128, 129, 255, 256, 257, 1000));

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
