#include "index/check.h"

#include "absl/strings/str_cat.h"
#include "segment/postings.h"
#include "util/status_macros.h"

namespace trawl::index {
namespace {

using segment::Section;

constexpr std::pair<const char*, Section> kComponents[] = {
    {"meta", Section::kMeta},     {"terms", Section::kTerms}, {"postings", Section::kPostings},
    {"positions", Section::kPositions}, {"norms", Section::kNorms}, {"stored", Section::kStored},
    {"fast", Section::kFast}};

absl::Status CheckTerms(const segment::SegmentReader& reader, const Schema& schema) {
  TRAWL_ASSIGN_OR_RETURN(auto it, reader.terms().Seek(""));
  std::string previous;
  uint64_t count = 0;
  std::vector<uint32_t> positions;
  for (; it.Valid(); ++count) {
    std::string key(it.key());
    if (count > 0 && key <= previous) return segment::Corruption(reader.name(), "terms out of order");
    if (key.empty() || static_cast<uint8_t>(key[0]) >= schema.fields().size()) {
      return segment::Corruption(reader.name(), "term of an unknown field");
    }
    bool with_positions = schema.fields()[static_cast<uint8_t>(key[0])].type == FieldType::kText;
    segment::PostingsIterator p;
    TRAWL_RETURN_IF_ERROR(reader.OpenPostings(it.info(), &p));
    uint64_t docs = 0, freq_sum = 0;
    int64_t last = -1;
    for (uint32_t d = p.Next(); d != segment::kNoMoreDocs; d = p.Next(), ++docs) {
      if (static_cast<int64_t>(d) <= last || d >= reader.doc_count()) {
        return segment::Corruption(reader.name(), absl::StrCat("postings of term ", count, " out of range"));
      }
      last = d;
      freq_sum += p.freq();
      if (with_positions) p.Positions(&positions);
    }
    TRAWL_RETURN_IF_ERROR(p.status());
    if (docs != it.info().doc_freq || freq_sum != it.info().total_term_freq) {
      return segment::Corruption(reader.name(), absl::StrCat("term ", count, " counts differ"));
    }
    previous = std::move(key);
    TRAWL_RETURN_IF_ERROR(it.Next());
  }
  if (count != reader.terms().num_terms()) return segment::Corruption(reader.name(), "term count");
  return absl::OkStatus();
}

}  // namespace

IndexStats StatsOf(const Snapshot& snapshot) {
  IndexStats stats;
  stats.generation = snapshot.manifest.generation;
  for (const SegmentView& view : snapshot.segments) {
    const segment::SegmentReader& r = *view.reader;
    SegmentStats s;
    s.name = r.name();
    s.documents = r.doc_count();
    s.deleted = view.deleted ? view.deleted->count() : 0;
    s.terms = r.terms().num_terms();
    s.file_bytes = r.file_size();
    for (const auto& [label, section] : kComponents) {
      s.component_bytes.emplace_back(label, r.section_size(section));
    }
    stats.documents += s.documents - s.deleted;
    stats.deleted += s.deleted;
    stats.segments.push_back(std::move(s));
  }
  return stats;
}

absl::Status CheckSnapshot(const Snapshot& snapshot) {
  const Schema& schema = snapshot.manifest.schema;
  for (const SegmentView& view : snapshot.segments) {
    const segment::SegmentReader& r = *view.reader;
    TRAWL_RETURN_IF_ERROR(r.VerifyChecksums());
    TRAWL_RETURN_IF_ERROR(CheckTerms(r, schema));
    uint32_t seen = 0;
    TRAWL_RETURN_IF_ERROR(r.doc_store().Scan(
        [&](uint32_t, std::span<const segment::StoredValue> values) -> absl::Status {
          for (const auto& [field, bytes] : values) {
            if (field >= schema.fields().size()) {
              return segment::Corruption(r.name(), "stored field number out of range");
            }
          }
          ++seen;
          return absl::OkStatus();
        }));
    if (seen != r.doc_count()) return segment::Corruption(r.name(), "stored document count");
  }
  return absl::OkStatus();
}

}  // namespace trawl::index
