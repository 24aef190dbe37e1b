#include "index/memory_segment.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "index/field_values.h"
#include "segment/fast_fields.h"
#include "segment/norms.h"
#include "segment/postings.h"
#include "segment/segment_file.h"
#include "segment/segment_meta.h"
#include "segment/segment_reader.h"
#include "segment/term_dictionary.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace trawl::index {
namespace {

// Positions of successive values of a multi-valued text field are this far
// apart, so that a phrase never matches across two values.
constexpr uint32_t kValuePositionGap = 100;

// What writing the buffer out takes per distinct term beyond the buffer:
// its entry in the sorted order (32 bytes) and its share of the term
// dictionary, built whole (about 9 bytes a term on the 437 MB corpus, up
// to twice that while its string doubles). Counted with the buffer, so
// that a flush happens while the buffer plus this still fits the budget:
// without it, one thread's 256 MB buffer peaked at 329-336 MB RssAnon
// (budget + 64 is 320) once the per-term records were counted by use; with
// 32, two threads still reached 321 MB once in three runs.
constexpr size_t kFlushBytesPerTerm = 48;

}  // namespace

absl::StatusOr<FieldAnalyzers> MakeFieldAnalyzers(const Schema& schema) {
  FieldAnalyzers analyzers;
  for (const FieldSpec& f : schema.fields()) {
    if (f.type != FieldType::kText) {
      analyzers.push_back(nullptr);
      continue;
    }
    TRAWL_ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> a, MakeAnalyzer(f.analyzer));
    analyzers.push_back(std::move(a));
  }
  return analyzers;
}

MemorySegment::MemorySegment(const Schema& schema, const FieldAnalyzers& analyzers)
    : schema_(schema), analyzers_(analyzers), fields_(schema.fields().size()),
      empty_bytes_(HeldBytes()), values_(schema.fields().size()) {}

// The per-token functions are forced inline into the analyzer's callback:
// as calls, their register saves and restores were a fifth of their cost.
[[gnu::always_inline]] inline MemorySegment::TermPostings& MemorySegment::Postings(
    FieldIndex& field, std::string_view term) {
  bool added;
  const uint32_t id = field.term_ids.Intern(term, &added);
  if (added) [[unlikely]] return field.postings.emplace_back();
  return field.postings[id];
}

// The sum of the strings' capacities changes only when one grows, which a
// one-byte varint into a string with room never does: the common path
// reads the capacity once.
[[gnu::always_inline]] inline void MemorySegment::Append(std::string& out, uint32_t v) {
  if (v < 0x80 && out.size() < out.capacity()) [[likely]] {
    out.push_back(static_cast<char>(v));
    return;
  }
  AppendSlow(out, v);
}

// A byte at a time: std::string::append of a few bytes goes through
// memcpy. The capacity grows as it would for one append (doubling: the
// varint is shorter than what the string holds).
[[gnu::noinline]] void MemorySegment::AppendSlow(std::string& out, uint32_t v) {
  const size_t capacity = out.capacity();
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>(v | 0x80));
  out.push_back(static_cast<char>(v));
  postings_bytes_ += out.capacity() - capacity;
}

inline void MemorySegment::StartDocument(TermPostings& p, bool with_positions) {
  if (with_positions && p.doc_freq > 0) Append(p.docs, p.freq);
  Append(p.docs, doc_count_ - p.last_doc);
  p.last_doc = doc_count_;
  p.last_position = 0;
  p.freq = 0;
  ++p.doc_freq;
}

[[gnu::always_inline]] inline void MemorySegment::AddPosition(FieldIndex& field,
                                                             std::string_view term,
                                                             uint32_t position) {
  TermPostings& p = Postings(field, term);
  if (p.doc_freq == 0 || p.last_doc != doc_count_) StartDocument(p, /*with_positions=*/true);
  Append(p.positions, position - p.last_position);
  p.last_position = position;
  ++p.freq;
}

bool MemorySegment::AddKeyword(FieldIndex& field, std::string_view term) {
  TermPostings& p = Postings(field, term);
  if (p.doc_freq > 0 && p.last_doc == doc_count_) return false;
  StartDocument(p, /*with_positions=*/false);
  return true;
}

absl::StatusOr<FastFieldValues> FastValues(const Schema& schema, const Document& doc) {
  const auto& specs = schema.fields();
  FastFieldValues fast(specs.size());
  for (const auto& [name, value] : doc.fields()) {
    int id = schema.FieldId(name);
    if (id < 0) continue;
    const FieldSpec& spec = specs[static_cast<size_t>(id)];
    if (spec.type == FieldType::kDate || spec.type == FieldType::kI64 ||
        spec.type == FieldType::kF64) {
      TRAWL_ASSIGN_OR_RETURN(int64_t v, FastValue(spec, value));
      if (!fast[static_cast<size_t>(id)]) fast[static_cast<size_t>(id)] = v;
    }
  }
  return fast;
}

absl::Status MemorySegment::Add(const Document& doc) {
  // Check every typed value first so that a bad document changes nothing.
  TRAWL_ASSIGN_OR_RETURN(FastFieldValues fast, FastValues(schema_, doc));
  return Add(doc, fast);
}

absl::Status MemorySegment::Add(const Document& doc, const FastFieldValues& fast) {
  const auto& specs = schema_.fields();
  if (fast.size() != specs.size()) return absl::InternalError("fast values of another schema");
  // The values of each field in one pass over the document (a lookup per
  // field name, not a scan of the document per schema field).
  for (std::vector<std::string_view>& values : values_) values.clear();
  for (const auto& [name, value] : doc.fields()) {
    const int id = schema_.FieldId(name);
    if (id >= 0) values_[static_cast<size_t>(id)].push_back(value);
  }
  std::vector<segment::StoredValue>& stored = stored_;
  stored.clear();
  for (size_t f = 0; f < specs.size(); ++f) {
    const FieldSpec& spec = specs[f];
    FieldIndex& field = fields_[f];
    const std::vector<std::string_view>& values = values_[f];
    if (spec.stored) {
      for (std::string_view v : values) stored.emplace_back(static_cast<uint32_t>(f), v);
    }
    switch (spec.type) {
      case FieldType::kText: {
        uint32_t base = 0, tokens = 0;
        for (std::string_view v : values) {
          uint32_t last = base;
          analyzers_[f]->Analyze(v, [&](const Token& t) {
            uint32_t pos = base + t.position;
            AddPosition(field, t.text, pos);
            last = pos;
            ++tokens;
          });
          base = last + kValuePositionGap;
        }
        field.norms.push_back(segment::EncodeNorm(tokens));
        field.total_tokens += tokens;
        if (tokens > 0) ++field.docs_with_terms;
        break;
      }
      case FieldType::kKeyword: {
        uint32_t distinct = 0;
        for (std::string_view v : values) {
          distinct += AddKeyword(field, v);
        }
        if (distinct > 0) ++field.docs_with_terms;
        field.total_tokens += distinct;
        break;
      }
      case FieldType::kDate:
      case FieldType::kI64:
      case FieldType::kF64:
        field.fast.push_back(fast[f].value_or(0));
        field.fast_present.push_back(fast[f].has_value());
        break;
      case FieldType::kStored:
        break;
    }
  }
  TRAWL_RETURN_IF_ERROR(doc_store_.Add(stored));
  ++doc_count_;
  return absl::OkStatus();
}

// What the buffer holds beyond an empty one (whose hash tables, ~32 KB a
// field, would alone exceed the tiny budgets tests use), by the capacities
// of its containers (their growth slack included: a vector or string about
// to double is far from its size) but the per-term records, which grow in
// chunks and count what they use; the postings strings' capacities are
// summed as they change; and what a flush will need per term.
size_t MemorySegment::memory_bytes() const { return HeldBytes() - empty_bytes_; }

size_t MemorySegment::HeldBytes() const {
  size_t total = postings_bytes_ + doc_store_.memory_bytes();
  for (const FieldIndex& f : fields_) {
    total += f.term_ids.memory_bytes() + f.postings.memory_bytes() +
             f.term_ids.size() * kFlushBytesPerTerm +
             f.norms.capacity() + f.fast.capacity() * sizeof(int64_t) + f.fast_present.capacity();
  }
  return total;
}

// Stores by index into vectors sized once: push_back's capacity check per
// element was most of the cost.
absl::Status MemorySegment::DecodeDocs(const TermPostings& p, bool with_positions,
                                       std::vector<uint32_t>& docs,
                                       std::vector<uint32_t>& freqs) {
  const uint32_t n = p.doc_freq;
  docs.resize(n);
  freqs.resize(n);
  uint32_t* const out_docs = docs.data();
  uint32_t* const out_freqs = freqs.data();
  util::Decoder d(p.docs);
  uint32_t doc = 0;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t delta, freq = 1;
    if (!d.GetVarint32(&delta)) return absl::InternalError("in-memory postings are inconsistent");
    if (with_positions) {
      if (i + 1 == n) {
        freq = p.freq;
      } else if (!d.GetVarint32(&freq)) {
        return absl::InternalError("in-memory postings are inconsistent");
      }
    }
    doc += delta;
    out_docs[i] = doc;
    out_freqs[i] = freq;
  }
  return absl::OkStatus();
}

namespace {

// A term to sort by bytes. Most comparisons are settled by the first eight
// bytes as one big-endian integer (zero-padded, so a prefix of a term sorts
// first or ties); a tie falls back to comparing the terms. Sorting plain
// string_views spent 13% of a single-thread indexing run in memcmp calls.
struct SortedTerm {
  uint64_t prefix;
  uint32_t id;
  std::string_view term;
  bool operator<(const SortedTerm& other) const {
    if (prefix != other.prefix) return prefix < other.prefix;
    return term < other.term;
  }
};

uint64_t PrefixKey(std::string_view term) {
  unsigned char bytes[8] = {};
  std::memcpy(bytes, term.data(), std::min(term.size(), sizeof(bytes)));
  uint64_t key = 0;
  for (unsigned char b : bytes) key = key << 8 | b;
  return key;
}

}  // namespace

absl::Status MemorySegment::WritePostings(segment::SegmentFileWriter& out) {
  using segment::Section;
  segment::TermDictionaryWriter dict;
  segment::PostingsWriter writer;
  writer.LeavePositionsToCaller();
  std::vector<uint32_t> docs, freqs;
  // Keyword fields have no norms; Lucene scores them as length 1.
  std::vector<uint8_t> no_norms(doc_count_, 1);
  // Per field, its terms in order: the postings section is written first,
  // then the positions section from the same order.
  std::vector<std::vector<SortedTerm>> sorted(fields_.size());
  TRAWL_RETURN_IF_ERROR(out.BeginSection(Section::kPostings));
  for (size_t f = 0; f < fields_.size(); ++f) {
    FieldIndex& field = fields_[f];
    bool with_positions = schema_.fields()[f].type == FieldType::kText;
    sorted[f].reserve(field.term_ids.size());
    field.term_ids.ForEach([&](uint32_t id, std::string_view term) {
      sorted[f].push_back({PrefixKey(term), id, term});
    });
    std::sort(sorted[f].begin(), sorted[f].end());
    std::span<const uint8_t> norms = with_positions ? std::span<const uint8_t>(field.norms)
                                                    : std::span<const uint8_t>(no_norms);
    for (const auto& [prefix, id, term] : sorted[f]) {
      const TermPostings& p = field.postings[id];
      TRAWL_RETURN_IF_ERROR(DecodeDocs(p, with_positions, docs, freqs));
      TRAWL_ASSIGN_OR_RETURN(segment::TermInfo info, writer.Add(docs, freqs, p.positions, norms));
      dict.Add(segment::TermKey(static_cast<uint32_t>(f), term), info);
      TRAWL_RETURN_IF_ERROR(out.Append(writer.postings()));
      writer.DropPostings();
    }
  }
  TRAWL_RETURN_IF_ERROR(out.EndSection());
  TRAWL_RETURN_IF_ERROR(out.BeginSection(Section::kPositions));
  for (size_t f = 0; f < fields_.size(); ++f) {
    for (const SortedTerm& t : sorted[f]) {
      TRAWL_RETURN_IF_ERROR(out.Append(fields_[f].postings[t.id].positions));
    }
  }
  TRAWL_RETURN_IF_ERROR(out.EndSection());
  return out.Add(Section::kTerms, dict.Finish());
}

// Sections are written as they are made, the stored documents first: no
// second copy of the segment is held while the buffer still is (the
// buffer plus a whole segment file would be far above the budget).
absl::Status MemorySegment::Flush(io::Directory& dir, const std::string& name) {
  using segment::Section;
  TRAWL_ASSIGN_OR_RETURN(auto file, dir.Create(segment::SegmentFileName(name)));
  segment::SegmentFileWriter out(std::move(file));
  TRAWL_RETURN_IF_ERROR(doc_store_.Finish(out));
  segment::SegmentMeta meta;
  meta.doc_count = doc_count_;
  meta.fields.resize(fields_.size());
  segment::NormsWriter norms;
  segment::FastFieldsWriter fast;
  for (size_t f = 0; f < fields_.size(); ++f) {
    const FieldIndex& field = fields_[f];
    FieldType type = schema_.fields()[f].type;
    meta.fields[f] = {field.docs_with_terms, field.total_tokens};
    if (type == FieldType::kText) {
      norms.AddField(static_cast<uint32_t>(f), field.norms);
    } else if (type == FieldType::kDate || type == FieldType::kI64 || type == FieldType::kF64) {
      fast.AddColumn(static_cast<uint32_t>(f), field.fast, field.fast_present);
    }
  }
  TRAWL_RETURN_IF_ERROR(out.Add(Section::kMeta, meta.Encode()));
  TRAWL_RETURN_IF_ERROR(out.Add(Section::kNorms, norms.Finish()));
  TRAWL_RETURN_IF_ERROR(out.Add(Section::kFast, fast.Finish()));
  TRAWL_RETURN_IF_ERROR(WritePostings(out));
  return out.Finish();
}

}  // namespace trawl::index
