// The in-RAM segment an IndexWriter fills: documents are inverted as they
// arrive (per field: term -> one varint stream of its docs and positions)
// and written out as one immutable segment file by Flush().
#ifndef TRAWL_INDEX_MEMORY_SEGMENT_H_
#define TRAWL_INDEX_MEMORY_SEGMENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "index/stable_vector.h"
#include "index/term_ids.h"
#include "io/directory.h"
#include "segment/doc_store.h"
#include "segment/segment_file.h"
#include "trawl/analyzer.h"
#include "trawl/document.h"
#include "trawl/schema.h"

namespace trawl::index {

// The analyzer of every field of a schema (null for non-text fields).
using FieldAnalyzers = std::vector<std::shared_ptr<const Analyzer>>;
absl::StatusOr<FieldAnalyzers> MakeFieldAnalyzers(const Schema& schema);

// The fast-column value of each date/i64/f64 field of `doc` (by field
// number; the first value of a repeated field). InvalidArgument names a
// field whose value does not parse, so a writer can refuse a document
// before queueing it.
using FastFieldValues = std::vector<std::optional<int64_t>>;
absl::StatusOr<FastFieldValues> FastValues(const Schema& schema, const Document& doc);

class MemorySegment {
 public:
  MemorySegment(const Schema& schema, const FieldAnalyzers& analyzers);

  // Inverts `doc` as the next document. On error nothing is added.
  absl::Status Add(const Document& doc);
  // The same with `fast` = FastValues(schema, doc), already computed (a
  // writer checks them before it queues the document).
  absl::Status Add(const Document& doc, const FastFieldValues& fast);

  uint32_t doc_count() const { return doc_count_; }
  // Estimated bytes held; what the writer's memory budget counts.
  size_t memory_bytes() const;

  // Writes the segment file `name` (segment::SegmentFileName) and fsyncs it.
  absl::Status Flush(io::Directory& dir, const std::string& name);

 private:
  // Occurrences are appended as the analyzer produces them, with no
  // per-document sort. `docs` holds per doc a varint doc delta and, for
  // text fields, the varint freq of the doc before it (written when the
  // term shows up in a later doc; the last doc's freq is `freq`).
  // `positions` is already in the positions section's encoding
  // (segment::AppendPositions), so a flush copies it. A short stream lives
  // inside its std::string.
  struct TermPostings {
    std::string docs;
    std::string positions;
    uint32_t last_doc = 0;
    uint32_t last_position = 0;
    uint32_t doc_freq = 0;
    uint32_t freq = 0;
  };
  struct FieldIndex {
    TermIds term_ids;
    StableVector<TermPostings> postings;  // by term id; never moved as it grows
    std::vector<uint8_t> norms;    // text fields
    uint64_t docs_with_terms = 0;
    uint64_t total_tokens = 0;
    std::vector<int64_t> fast;     // date/number fields
    std::vector<uint8_t> fast_present;
  };

  // The record of `term`, added if new.
  TermPostings& Postings(FieldIndex& field, std::string_view term);
  // Records one occurrence of `term` at `position` in the current document
  // of a text field. Once per token: kept to a hash probe and two appends.
  void AddPosition(FieldIndex& field, std::string_view term, uint32_t position);
  // Records `term` in the current document of a keyword field, where a
  // repeat within the document is ignored. Returns whether it is the
  // term's first in this document.
  bool AddKeyword(FieldIndex& field, std::string_view term);
  // Starts the current document in `p`, a term's first occurrence in it.
  void StartDocument(TermPostings& p, bool with_positions);
  // Appends `v` to `out` as a varint, adding what its capacity grew by to
  // postings_bytes_; AppendSlow when `v` takes more than a byte or `out`
  // must grow.
  void Append(std::string& out, uint32_t v);
  void AppendSlow(std::string& out, uint32_t v);
  // Sets `docs` and `freqs` to the doc ids and freqs of `p.docs`.
  static absl::Status DecodeDocs(const TermPostings& p, bool with_positions,
                                 std::vector<uint32_t>& docs, std::vector<uint32_t>& freqs);
  size_t HeldBytes() const;
  // The terms, postings and positions sections, into `out`.
  absl::Status WritePostings(segment::SegmentFileWriter& out);

  const Schema& schema_;
  const FieldAnalyzers& analyzers_;
  std::vector<FieldIndex> fields_;
  segment::DocStoreWriter doc_store_;
  uint32_t doc_count_ = 0;
  size_t postings_bytes_ = 0;  // capacity of every TermPostings' strings
  size_t empty_bytes_;         // HeldBytes() of the empty buffer
  // Scratch of Add, kept to reuse their memory: the document's values by
  // field number, and its stored values.
  std::vector<std::vector<std::string_view>> values_;
  std::vector<segment::StoredValue> stored_;
};

}  // namespace trawl::index

#endif  // TRAWL_INDEX_MEMORY_SEGMENT_H_
