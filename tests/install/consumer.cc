// Indexes one document in memory and finds it, by a word and by a regular
// expression; exit 0 only if it does.
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
  // The regex needs RE2, which find_package(trawl) must bring along.
  for (const char* query : {"davos", "/dav.s/"}) {
    auto results = (*searcher)->Search(query);
    if (!results.ok() || results->total_hits != 1) return 1;
  }
  std::cout << "installed trawl found the document\n";
  return 0;
}
