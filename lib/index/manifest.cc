#include "util/strings.h"
#include "index/manifest.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "segment/deletes.h"
#include "segment/segment_file.h"
#include "segment/segment_reader.h"
#include "util/checksum.h"
#include "util/coding.h"
#include "util/status_macros.h"

namespace trawl::index {
namespace {

constexpr std::string_view kMagic = "TRAWLCMT";
constexpr uint32_t kVersion = 1;
constexpr std::string_view kPrefix = "commit_";

std::optional<uint64_t> GenerationOf(std::string_view file) {
  if (!file.starts_with(kPrefix) || file.size() != kPrefix.size() + 16) return std::nullopt;
  uint64_t gen;
  if (!absl::SimpleHexAtoi(util::AsAbsl(file.substr(kPrefix.size())), &gen)) return std::nullopt;
  return gen;
}

// Whether `file` ("<segment>.<suffix>") belongs to a segment in `segments`.
bool InProgress(const std::string& file, const std::set<std::string>& segments) {
  size_t dot = file.find('.');
  return dot != std::string::npos && segments.count(file.substr(0, dot)) > 0;
}

}  // namespace

std::string Manifest::FileName(uint64_t generation) {
  return absl::StrFormat("%s%016x", std::string(kPrefix), generation);
}

std::string Manifest::Encode() const {
  std::string out(kMagic);
  util::PutFixed32(&out, kVersion);
  util::PutFixed64(&out, generation);
  util::PutFixed64(&out, next_segment);
  util::PutLengthPrefixed(&out, schema.Serialize());
  util::PutVarint64(&out, segments.size());
  for (const SegmentEntry& s : segments) {
    util::PutLengthPrefixed(&out, s.name);
    util::PutVarint32(&out, s.doc_count);
    util::PutVarint32(&out, s.deleted);
    util::PutVarint64(&out, s.deletes_generation);
  }
  util::PutFixed64(&out, util::Checksum(out));
  return out;
}

absl::StatusOr<Manifest> Manifest::Decode(std::string_view bytes, std::string_view file) {
  if (bytes.size() < kMagic.size() + 8 || bytes.substr(0, kMagic.size()) != kMagic) {
    return segment::Corruption(file, "not a commit manifest");
  }
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (util::LoadFixed64(bytes.data() + body.size()) != util::Checksum(body)) {
    return segment::Corruption(file, "checksum mismatch");
  }
  util::Decoder d(body.substr(kMagic.size()));
  Manifest m;
  uint32_t version;
  std::string_view schema_text;
  uint64_t count;
  if (!d.GetFixed32(&version) || version != kVersion || !d.GetFixed64(&m.generation) ||
      !d.GetFixed64(&m.next_segment) || !d.GetLengthPrefixed(&schema_text) ||
      !d.GetVarint64(&count) || count > d.remaining()) {
    return segment::Corruption(file, "manifest header");
  }
  auto schema = Schema::Deserialize(schema_text);
  if (!schema.ok()) return segment::Corruption(file, util::AsStd(schema.status().message()));
  m.schema = *std::move(schema);
  for (uint64_t i = 0; i < count; ++i) {
    SegmentEntry s;
    std::string_view name;
    if (!d.GetLengthPrefixed(&name) || !d.GetVarint32(&s.doc_count) ||
        !d.GetVarint32(&s.deleted) || !d.GetVarint64(&s.deletes_generation) ||
        s.deleted > s.doc_count) {
      return segment::Corruption(file, "manifest segment entry");
    }
    s.name = std::string(name);
    m.segments.push_back(std::move(s));
  }
  if (d.remaining() != 0) return segment::Corruption(file, "manifest trailing bytes");
  return m;
}

absl::StatusOr<std::optional<uint64_t>> NewestGeneration(io::Directory& dir) {
  TRAWL_ASSIGN_OR_RETURN(std::vector<std::string> files, dir.List());
  std::optional<uint64_t> newest;
  for (const std::string& f : files) {
    std::optional<uint64_t> gen = GenerationOf(f);
    if (gen && (!newest || *gen > *newest)) newest = gen;
  }
  return newest;
}

absl::StatusOr<Manifest> ReadNewestManifest(io::Directory& dir) {
  TRAWL_ASSIGN_OR_RETURN(std::optional<uint64_t> gen, NewestGeneration(dir));
  if (!gen) return absl::NotFoundError(absl::StrCat("no trawl index in ", dir.Describe()));
  std::string name = Manifest::FileName(*gen);
  auto data = dir.Read(name);
  while (absl::IsNotFound(data.status())) {
    // A commit between listing and reading removes the manifest it replaced;
    // only when no newer one exists is the missing file damage.
    TRAWL_ASSIGN_OR_RETURN(std::optional<uint64_t> newer, NewestGeneration(dir));
    if (!newer || *newer <= *gen) return segment::Corruption(name, std::string(data.status().message()));
    gen = newer;
    name = Manifest::FileName(*gen);
    data = dir.Read(name);
  }
  if (!data.ok()) return data.status();
  TRAWL_ASSIGN_OR_RETURN(Manifest m, Manifest::Decode((*data)->data(), name));
  if (m.generation != *gen) return segment::Corruption(name, "generation does not match name");
  return m;
}

absl::Status WriteManifest(io::Directory& dir, const Manifest& manifest) {
  return io::WriteFileAtomically(dir, Manifest::FileName(manifest.generation), manifest.Encode());
}

void RemoveUnreferencedFiles(io::Directory& dir, const Manifest& manifest,
                             const std::function<std::set<std::string>()>& in_progress) {
  std::set<std::string> keep = {Manifest::FileName(manifest.generation), "write.lock"};
  for (const SegmentEntry& s : manifest.segments) {
    keep.insert(segment::SegmentFileName(s.name));
    if (s.deletes_generation != 0) {
      keep.insert(segment::DeletedDocs::FileName(s.name, s.deletes_generation));
    }
  }
  auto files = dir.List();
  if (!files.ok()) return;  // cleanup is best effort; the next commit retries
  const std::set<std::string> busy = in_progress ? in_progress() : std::set<std::string>();
  for (const std::string& f : *files) {
    bool ours = GenerationOf(f) || f.ends_with(".seg") || f.ends_with(".del") ||
                f.ends_with(".tmp");
    if (ours && !keep.count(f) && !InProgress(f, busy)) dir.Remove(f).IgnoreError();
  }
}

}  // namespace trawl::index
