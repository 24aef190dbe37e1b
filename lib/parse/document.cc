#include "trawl/document.h"

#include <algorithm>

namespace trawl {

void Document::Set(std::string_view field, std::string value) {
  std::erase_if(fields_, [&](const Field& f) { return f.first == field; });
  fields_.emplace_back(std::string(field), std::move(value));
}

const std::string* Document::Get(std::string_view field) const {
  for (const Field& f : fields_) {
    if (f.first == field) return &f.second;
  }
  return nullptr;
}

std::vector<std::string_view> Document::GetAll(std::string_view field) const {
  std::vector<std::string_view> values;
  for (const Field& f : fields_) {
    if (f.first == field) values.push_back(f.second);
  }
  return values;
}

}  // namespace trawl
