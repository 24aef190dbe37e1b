#include "io/directory.h"

namespace trawl::io {

absl::Status WriteFileAtomically(Directory& dir, const std::string& name,
                                 std::string_view contents) {
  std::string temp = name + ".tmp";
  auto file = dir.Create(temp);
  if (!file.ok()) return file.status();
  absl::Status s = (*file)->Append(contents);
  if (s.ok()) s = (*file)->Sync();
  if (s.ok()) s = (*file)->Close();
  if (s.ok()) s = dir.Rename(temp, name);
  if (s.ok()) s = dir.SyncDirectory();
  return s;
}

}  // namespace trawl::io
