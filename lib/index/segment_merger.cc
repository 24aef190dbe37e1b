#include "index/segment_merger.h"

#include <algorithm>

#include "absl/cleanup/cleanup.h"

#include "segment/doc_store.h"
#include "segment/fast_fields.h"
#include "segment/norms.h"
#include "segment/postings.h"
#include "segment/segment_file.h"
#include "segment/segment_meta.h"
#include "segment/segment_reader.h"
#include "segment/term_dictionary.h"
#include "util/status_macros.h"

namespace trawl::index {
namespace {

constexpr uint32_t kDeleted = UINT32_MAX;

// Progress is reported once per this many documents or terms.
constexpr uint32_t kProgressEvery = 1024;

// Bytes a spilled section is written and copied by.
constexpr size_t kCopyPiece = size_t{1} << 20;

uint64_t SectionBytes(const SegmentView& in, segment::Section s) {
  return in.reader->section_size(s);
}

// old doc -> new doc (kDeleted for deleted docs), per input.
std::vector<std::vector<uint32_t>> DocMaps(const std::vector<SegmentView>& inputs,
                                           uint32_t& total) {
  std::vector<std::vector<uint32_t>> maps;
  total = 0;
  for (const SegmentView& in : inputs) {
    std::vector<uint32_t> map(in.reader->doc_count());
    for (uint32_t d = 0; d < map.size(); ++d) map[d] = in.live(d) ? total++ : kDeleted;
    maps.push_back(std::move(map));
  }
  return maps;
}

class Merger {
 public:
  Merger(const std::vector<SegmentView>& inputs, const Schema& schema,
         const MergeProgress& progress)
      : inputs_(inputs), schema_(schema), progress_(progress), maps_(DocMaps(inputs, total_)) {
    for (const std::vector<uint32_t>& map : maps_) {
      has_deletes_.push_back(std::find(map.begin(), map.end(), kDeleted) != map.end());
      first_doc_.push_back(map.empty() ? 0 : map[0]);
    }
  }

  absl::StatusOr<uint32_t> Write(io::Directory& dir, const std::string& name) {
    if (total_ == 0) return 0;
    MergeNorms();
    std::string fast = MergeFast();
    // Stored blocks and postings go to the file as they are made. The
    // positions, made alongside the postings, go to a file of their own
    // and are copied after them: held in memory, a large merge's positions
    // took the writer past its memory budget.
    TRAWL_ASSIGN_OR_RETURN(auto file, dir.Create(segment::SegmentFileName(name)));
    segment::SegmentFileWriter out(std::move(file));
    TRAWL_RETURN_IF_ERROR(MergeStored(out));
    const std::string spill = name + ".positions.tmp";
    absl::Cleanup remove_spill = [&] { dir.Remove(spill).IgnoreError(); };
    TRAWL_ASSIGN_OR_RETURN(auto positions, dir.Create(spill));
    TRAWL_RETURN_IF_ERROR(MergeTerms(out, *positions));
    TRAWL_RETURN_IF_ERROR(positions->Close());
    TRAWL_RETURN_IF_ERROR(CopySection(dir, spill, segment::Section::kPositions, out));
    using segment::Section;
    TRAWL_RETURN_IF_ERROR(out.Add(Section::kMeta, meta_.Encode()));
    TRAWL_RETURN_IF_ERROR(out.Add(Section::kNorms, norms_.Finish()));
    TRAWL_RETURN_IF_ERROR(out.Add(Section::kFast, fast));
    TRAWL_RETURN_IF_ERROR(out.Finish());
    return total_;
  }

 private:
  bool IsFast(FieldType t) const {
    return t == FieldType::kDate || t == FieldType::kI64 || t == FieldType::kF64;
  }

  void MergeNorms() {
    const auto& fields = schema_.fields();
    merged_norms_.resize(fields.size());
    for (uint32_t f = 0; f < fields.size(); ++f) {
      if (fields[f].type != FieldType::kText && fields[f].type != FieldType::kKeyword) continue;
      // Keyword fields have no stored norms; Lucene scores them as length 1.
      std::vector<uint8_t>& out = merged_norms_[f];
      out.assign(total_, 1);
      if (fields[f].type != FieldType::kText) continue;
      for (size_t i = 0; i < inputs_.size(); ++i) {
        std::span<const uint8_t> norms = inputs_[i].reader->norms().field(f);
        for (uint32_t d = 0; d < maps_[i].size(); ++d) {
          if (maps_[i][d] != kDeleted) out[maps_[i][d]] = d < norms.size() ? norms[d] : 0;
        }
      }
      norms_.AddField(f, out);
    }
  }

  std::string MergeFast() {
    segment::FastFieldsWriter writer;
    const auto& fields = schema_.fields();
    for (uint32_t f = 0; f < fields.size(); ++f) {
      if (!IsFast(fields[f].type)) continue;
      std::vector<int64_t> values(total_, 0);
      std::vector<uint8_t> present(total_, 0);
      for (size_t i = 0; i < inputs_.size(); ++i) {
        for (uint32_t d = 0; d < maps_[i].size(); ++d) {
          if (maps_[i][d] == kDeleted) continue;
          if (auto v = inputs_[i].reader->fast_fields().Get(f, d)) {
            values[maps_[i][d]] = *v;
            present[maps_[i][d]] = 1;
          }
        }
      }
      writer.AddColumn(f, values, present);
    }
    return writer.Finish();
  }

  // A block whose documents all stay is copied as stored (when it is in
  // the codec the writer uses); any other is decompressed and its live
  // documents added one by one.
  absl::Status MergeStored(segment::SegmentFileWriter& out) {
    segment::DocStoreWriter writer;
    TRAWL_RETURN_IF_ERROR(writer.StreamTo(&out));
    uint64_t read_before = 0;  // stored bytes of the inputs already scanned
    for (size_t i = 0; i < inputs_.size(); ++i) {
      const segment::DocStore& store = inputs_[i].reader->doc_store();
      const std::vector<uint32_t>& map = maps_[i];
      if (store.doc_count() != map.size()) {
        return segment::Corruption(inputs_[i].reader->name(), "stored document count");
      }
      const uint64_t bytes = SectionBytes(inputs_[i], segment::Section::kStored);
      const uint64_t docs = std::max<uint64_t>(1, map.size());
      uint32_t reported = 0;  // progress: the doc last reported, by kProgressEvery
      for (size_t b = 0; b < store.block_count(); ++b) {
        const uint32_t first = store.block_first_doc(b), end = store.block_first_doc(b + 1);
        if (progress_ && first / kProgressEvery != reported) {
          reported = first / kProgressEvery;
          progress_(read_before + static_cast<uint64_t>(static_cast<double>(bytes) * first / docs));
        }
        const bool all_live = std::none_of(map.begin() + first, map.begin() + end,
                                           [](uint32_t d) { return d == kDeleted; });
        if (all_live && store.codec() == segment::BlockCodec::kLz4) {
          TRAWL_RETURN_IF_ERROR(writer.AddCompressedBlock(store.compressed_block(b),
                                                          store.raw_size(b), end - first));
          continue;
        }
        TRAWL_RETURN_IF_ERROR(store.ScanBlock(
            b, [&](uint32_t doc, std::span<const segment::StoredValue> values) -> absl::Status {
              if (map[doc] == kDeleted) return absl::OkStatus();
              return writer.Add(values);
            }));
      }
      read_before += bytes;
    }
    return writer.Finish(out);
  }

  // Stored bytes, then the postings and positions up to where each input's
  // term iterator stands.
  void ReportTermProgress(const std::vector<segment::TermDictionary::Iterator>& its) {
    uint64_t read = 0;
    for (size_t i = 0; i < its.size(); ++i) {
      read += SectionBytes(inputs_[i], segment::Section::kStored);
      if (its[i].Valid()) {
        read += its[i].info().postings_offset + its[i].info().positions_offset;
      } else {
        read += SectionBytes(inputs_[i], segment::Section::kPostings) +
                SectionBytes(inputs_[i], segment::Section::kPositions);
      }
    }
    progress_(read);
  }

  // Writes file `from` of `dir` as section `id` of `out`, a piece at a time.
  static absl::Status CopySection(io::Directory& dir, const std::string& from,
                                  segment::Section id, segment::SegmentFileWriter& out) {
    TRAWL_ASSIGN_OR_RETURN(auto data, dir.Read(from));
    const std::string_view bytes = data->data();
    TRAWL_RETURN_IF_ERROR(out.BeginSection(id));
    for (size_t at = 0; at < bytes.size(); at += kCopyPiece) {
      TRAWL_RETURN_IF_ERROR(out.Append(bytes.substr(at, kCopyPiece)));
    }
    return out.EndSection();
  }

  // Appends the postings of `p` whose docs `map` keeps, renumbered.
  static void AppendLive(segment::PostingsIterator& p, const std::vector<uint32_t>& map,
                         bool with_positions, std::vector<uint32_t>& docs,
                         std::vector<uint32_t>& freqs, std::string& positions) {
    for (uint32_t d = p.Next(); d != segment::kNoMoreDocs; d = p.Next()) {
      if (map[d] == kDeleted) continue;
      docs.push_back(map[d]);
      freqs.push_back(p.freq());
      if (with_positions) positions.append(p.PositionBytes());
    }
  }

  // Appends every posting of `p`, its docs shifted by `first_doc`: a block
  // at a time, and the positions in one piece (PostingsWriter::Add checks
  // that they hold one position per occurrence).
  static void AppendAll(segment::PostingsIterator& p, uint32_t first_doc, bool with_positions,
                        std::vector<uint32_t>& docs, std::vector<uint32_t>& freqs,
                        std::string& positions) {
    for (uint32_t d = p.Next(); d != segment::kNoMoreDocs; d = p.NextBlock()) {
      for (uint32_t doc : p.DocsToBlockEnd()) docs.push_back(doc + first_doc);
      const std::span<const uint32_t> block_freqs = p.FreqsToBlockEnd();
      freqs.insert(freqs.end(), block_freqs.begin(), block_freqs.end());
    }
    if (with_positions) positions.append(p.AllPositionBytes());
  }

  // Adds one term's postings to the statistics of its field; `seen` marks
  // the docs already counted in the field.
  void CountFieldStats(std::span<const uint32_t> docs, std::span<const uint32_t> freqs,
                       std::vector<uint8_t>& seen, segment::FieldStats& stats) const {
    if (seen.empty()) seen.resize(total_, 0);
    for (size_t j = 0; j < docs.size(); ++j) {
      if (!seen[docs[j]]) {
        seen[docs[j]] = 1;
        ++stats.doc_count;
      }
      stats.total_term_freq += freqs[j];
    }
  }

  // A k-way merge of the inputs' term dictionaries: postings to `out`,
  // positions to `positions`.
  absl::Status MergeTerms(segment::SegmentFileWriter& out, io::WritableFile& positions) {
    std::vector<segment::TermDictionary::Iterator> its;
    for (const SegmentView& in : inputs_) {
      TRAWL_ASSIGN_OR_RETURN(auto it, in.reader->terms().Seek(""));
      its.push_back(std::move(it));
    }
    meta_.doc_count = total_;
    meta_.fields.assign(schema_.fields().size(), {});
    // Without deletes, each field's statistics are the sums of the
    // inputs'; otherwise they are counted from the postings kept.
    const bool count_stats =
        std::find(has_deletes_.begin(), has_deletes_.end(), true) != has_deletes_.end();
    if (!count_stats) {
      for (const SegmentView& in : inputs_) {
        const auto& fields = in.reader->meta().fields;
        for (size_t f = 0; f < std::min(fields.size(), meta_.fields.size()); ++f) {
          meta_.fields[f].doc_count += fields[f].doc_count;
          meta_.fields[f].total_term_freq += fields[f].total_term_freq;
        }
      }
    }
    std::vector<std::vector<uint8_t>> has_term(schema_.fields().size());
    segment::TermDictionaryWriter dict;
    segment::PostingsWriter writer;
    writer.LeavePositionsToCaller();
    std::vector<uint32_t> docs, freqs;
    std::string term_positions;
    std::string spill;  // positions not yet written to `positions`
    // Reused from term to term (and so their buffers), as is `key`.
    std::vector<segment::PostingsIterator> postings(inputs_.size());
    std::string key;
    TRAWL_RETURN_IF_ERROR(out.BeginSection(segment::Section::kPostings));
    for (uint32_t terms = 0;; ++terms) {
      if (progress_ && terms % kProgressEvery == 0) ReportTermProgress(its);
      const segment::TermDictionary::Iterator* smallest = nullptr;
      for (const auto& it : its) {
        if (it.Valid() && (smallest == nullptr || it.key() < smallest->key())) smallest = &it;
      }
      if (smallest == nullptr) break;
      key.assign(smallest->key());
      uint32_t field = static_cast<uint8_t>(key[0]);
      if (field >= schema_.fields().size()) {
        return segment::Corruption(inputs_[0].reader->name(), "term of an unknown field");
      }
      bool with_positions = schema_.fields()[field].type == FieldType::kText;
      docs.clear();
      freqs.clear();
      term_positions.clear();
      for (size_t i = 0; i < its.size(); ++i) {
        if (!its[i].Valid() || its[i].key() != key) continue;
        segment::PostingsIterator& p = postings[i];
        TRAWL_RETURN_IF_ERROR(inputs_[i].reader->OpenPostings(its[i].info(), &p));
        if (has_deletes_[i]) {
          AppendLive(p, maps_[i], with_positions, docs, freqs, term_positions);
        } else {
          AppendAll(p, first_doc_[i], with_positions, docs, freqs, term_positions);
        }
        TRAWL_RETURN_IF_ERROR(p.status());
        TRAWL_RETURN_IF_ERROR(its[i].Next());
      }
      if (docs.empty()) continue;  // every occurrence was deleted
      if (count_stats) CountFieldStats(docs, freqs, has_term[field], meta_.fields[field]);
      TRAWL_ASSIGN_OR_RETURN(segment::TermInfo info,
                             writer.Add(docs, freqs, term_positions, merged_norms_[field]));
      dict.Add(key, info);
      TRAWL_RETURN_IF_ERROR(out.Append(writer.postings()));
      writer.DropPostings();
      spill.append(term_positions);
      if (spill.size() >= kCopyPiece) {
        TRAWL_RETURN_IF_ERROR(positions.Append(spill));
        spill.clear();
      }
    }
    TRAWL_RETURN_IF_ERROR(positions.Append(spill));
    TRAWL_RETURN_IF_ERROR(out.EndSection());
    return out.Add(segment::Section::kTerms, dict.Finish());
  }

  const std::vector<SegmentView>& inputs_;
  const Schema& schema_;
  const MergeProgress& progress_;
  uint32_t total_ = 0;
  std::vector<std::vector<uint32_t>> maps_;
  // Per input: whether any of its docs is dropped; if none, its first
  // doc's number in the merged segment.
  std::vector<bool> has_deletes_;
  std::vector<uint32_t> first_doc_;
  std::vector<std::vector<uint8_t>> merged_norms_;
  segment::NormsWriter norms_;
  segment::SegmentMeta meta_;
};

}  // namespace

uint64_t MergeInputBytes(const std::vector<SegmentView>& inputs) {
  uint64_t total = 0;
  for (const SegmentView& in : inputs) {
    for (auto s : {segment::Section::kStored, segment::Section::kPostings,
                   segment::Section::kPositions}) {
      total += SectionBytes(in, s);
    }
  }
  return total;
}

absl::StatusOr<uint32_t> MergeSegments(const std::vector<SegmentView>& inputs,
                                       const Schema& schema, io::Directory& dir,
                                       const std::string& name, const MergeProgress& progress) {
  // A damaged input is refused rather than copied into a segment whose
  // fresh checksums would vouch for it.
  for (const SegmentView& in : inputs) TRAWL_RETURN_IF_ERROR(in.reader->VerifyChecksums());
  TRAWL_ASSIGN_OR_RETURN(uint32_t docs, Merger(inputs, schema, progress).Write(dir, name));
  if (progress) progress(MergeInputBytes(inputs));
  return docs;
}

}  // namespace trawl::index
