#include "trawl/index.h"

#include "absl/strings/str_cat.h"
#include "index/check.h"
#include "index/index_state.h"
#include "index/index_writer_impl.h"
#include "index/manifest.h"
#include "search/searcher_impl.h"
#include "util/status_macros.h"

namespace trawl {
namespace {

absl::StatusOr<std::shared_ptr<internal::IndexState>> OpenIn(std::shared_ptr<io::Directory> dir) {
  TRAWL_ASSIGN_OR_RETURN(index::Manifest manifest, index::ReadNewestManifest(*dir));
  TRAWL_ASSIGN_OR_RETURN(index::FieldAnalyzers analyzers,
                         index::MakeFieldAnalyzers(manifest.schema));
  return std::make_shared<internal::IndexState>(
      std::move(dir), manifest.schema,
      std::make_shared<const index::FieldAnalyzers>(std::move(analyzers)));
}

// Writes the first, empty commit holding `schema`.
absl::StatusOr<std::shared_ptr<internal::IndexState>> CreateIn(std::shared_ptr<io::Directory> dir,
                                                              const Schema& schema) {
  if (schema.fields().empty()) return absl::InvalidArgumentError("schema has no fields");
  TRAWL_ASSIGN_OR_RETURN(std::optional<uint64_t> existing, index::NewestGeneration(*dir));
  if (existing) {
    return absl::AlreadyExistsError(absl::StrCat("an index already exists in ", dir->Describe()));
  }
  index::Manifest first;
  first.generation = 1;
  first.schema = schema;
  TRAWL_RETURN_IF_ERROR(index::WriteManifest(*dir, first));
  return OpenIn(std::move(dir));
}

}  // namespace

Index::Index(std::shared_ptr<internal::IndexState> state) : state_(std::move(state)) {}
Index::~Index() = default;

absl::StatusOr<std::unique_ptr<Index>> Index::Create(const std::string& path,
                                                     const Schema& schema) {
  TRAWL_ASSIGN_OR_RETURN(auto dir, io::OpenFsDirectory(path, /*create=*/true));
  TRAWL_ASSIGN_OR_RETURN(auto state, CreateIn(std::move(dir), schema));
  return std::unique_ptr<Index>(new Index(std::move(state)));
}

absl::StatusOr<std::unique_ptr<Index>> Index::Open(const std::string& path) {
  TRAWL_ASSIGN_OR_RETURN(auto dir, io::OpenFsDirectory(path, /*create=*/false));
  TRAWL_ASSIGN_OR_RETURN(auto state, OpenIn(std::move(dir)));
  return std::unique_ptr<Index>(new Index(std::move(state)));
}

absl::StatusOr<std::unique_ptr<Index>> Index::InMemory(const Schema& schema) {
  TRAWL_ASSIGN_OR_RETURN(auto state, CreateIn(io::NewMemoryDirectory(), schema));
  return std::unique_ptr<Index>(new Index(std::move(state)));
}

const Schema& Index::schema() const { return state_->schema(); }

absl::StatusOr<std::unique_ptr<IndexWriter>> Index::NewWriter(const WriterOptions& options) {
  return index::IndexWriterImpl::Open(state_, options);
}

absl::StatusOr<IndexStats> Index::Stats() const {
  TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot());
  return index::StatsOf(*snapshot);
}

absl::Status Index::Check() const {
  TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot());
  return index::CheckSnapshot(*snapshot);
}

absl::StatusOr<std::unique_ptr<Searcher>> Index::NewSearcher() const {
  TRAWL_ASSIGN_OR_RETURN(auto snapshot, state_->OpenSnapshot());
  return search::NewSearcher(std::move(snapshot));
}

}  // namespace trawl
