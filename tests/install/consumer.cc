// Indexes one document in memory and finds it; exit 0 only if it does.
#include <iostream>

#include "trawl/trawl.h"

int main() {
  auto index = trawl::Index::InMemory(trawl::Schema::Default());
  if (!index.ok()) return 1;
  auto writer = (*index)->NewWriter();
  if (!writer.ok()) return 1;
  trawl::Document doc;
  doc.Add("id", "1");
  doc.Add("body", "Zelensky in Davos");
  if (!(*writer)->Add(doc).ok() || !(*writer)->Commit().ok()) return 1;
  auto searcher = (*index)->NewSearcher();
  if (!searcher.ok()) return 1;
  auto results = (*searcher)->Search("davos");
  if (!results.ok() || results->total_hits != 1) return 1;
  std::cout << "installed trawl found the document\n";
  return 0;
}
