#include "util/strings.h"
#include "trawl/schema.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "trawl/analyzer.h"
#include "util/status_macros.h"

namespace trawl {
namespace {

constexpr std::string_view kSchemaHeader = "trawl-schema 1";

bool ValidName(std::string_view name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-';
         });
}

absl::StatusOr<FieldType> FieldTypeFromName(std::string_view name) {
  for (FieldType t : {FieldType::kText, FieldType::kKeyword, FieldType::kDate, FieldType::kI64,
                      FieldType::kF64, FieldType::kStored}) {
    if (FieldTypeName(t) == name) return t;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown field type \"", std::string(name), "\""));
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText: return "text";
    case FieldType::kKeyword: return "keyword";
    case FieldType::kDate: return "date";
    case FieldType::kI64: return "i64";
    case FieldType::kF64: return "f64";
    case FieldType::kStored: return "stored";
  }
  return "unknown";
}

Schema Schema::Default() {
  Schema s;
  // The names are fixed and valid, so these cannot fail.
  s.AddField({.name = "id", .type = FieldType::kKeyword}).IgnoreError();
  s.AddField({.name = "title", .type = FieldType::kText, .default_search = true, .boost = 2.0f})
      .IgnoreError();
  s.AddField({.name = "body", .type = FieldType::kText, .default_search = true}).IgnoreError();
  s.AddField({.name = "date", .type = FieldType::kDate}).IgnoreError();
  s.AddField({.name = "source", .type = FieldType::kKeyword}).IgnoreError();
  s.SetIdField("id").IgnoreError();
  return s;
}

absl::Status Schema::AddField(FieldSpec spec) {
  if (!ValidName(spec.name)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid field name \"", spec.name,
                                                   "\" (use letters, digits, _ . -)"));
  }
  if (Find(spec.name) != nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("duplicate field \"", spec.name, "\""));
  }
  if (fields_.size() >= 255) return absl::InvalidArgumentError("more than 255 fields");
  if (spec.type == FieldType::kText) {
    TRAWL_RETURN_IF_ERROR(MakeAnalyzer(spec.analyzer).status());
  } else {
    spec.analyzer.clear();
  }
  if (spec.type != FieldType::kText && spec.type != FieldType::kKeyword) {
    spec.default_search = false;
  }
  if (!(spec.boost > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("field ", spec.name, ": boost must be > 0"));
  }
  fields_.push_back(std::move(spec));
  return absl::OkStatus();
}

absl::Status Schema::SetIdField(std::string_view name) {
  const FieldSpec* f = Find(name);
  if (f == nullptr || f->type != FieldType::kKeyword) {
    return absl::InvalidArgumentError(
        absl::StrCat("id field \"", std::string(name), "\" must be a keyword field of the schema"));
  }
  id_field_ = std::string(name);
  return absl::OkStatus();
}

// Called for every value of every document indexed (twice), with names
// of a few bytes: the bytes are compared in a loop, which usually stops at
// the first, rather than by a call to memcmp whenever the lengths agree.
int Schema::FieldId(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    const std::string& field = fields_[i].name;
    if (field.size() != name.size()) continue;
    size_t j = 0;
    while (j < name.size() && field[j] == name[j]) ++j;
    if (j == name.size()) return static_cast<int>(i);
  }
  return -1;
}

const FieldSpec* Schema::Find(std::string_view name) const {
  int id = FieldId(name);
  return id < 0 ? nullptr : &fields_[static_cast<size_t>(id)];
}

// One line per field: name, type, stored, analyzer ("-" for none),
// default_search, boost; then "id NAME" when there is an id field.
std::string Schema::Serialize() const {
  std::string out(kSchemaHeader);
  out += "\n";
  for (const FieldSpec& f : fields_) {
    absl::StrAppend(&out, "field ", f.name, " ", std::string(FieldTypeName(f.type)), " ", f.stored ? 1 : 0,
                    " ", f.analyzer.empty() ? "-" : f.analyzer, " ", f.default_search ? 1 : 0,
                    " ", f.boost, "\n");
  }
  if (!id_field_.empty()) absl::StrAppend(&out, "id ", id_field_, "\n");
  return out;
}

absl::StatusOr<Schema> Schema::Deserialize(std::string_view text) {
  std::vector<std::string> lines = absl::StrSplit(util::AsAbsl(text), '\n', absl::SkipEmpty());
  if (lines.empty() || lines[0] != std::string(kSchemaHeader)) {
    return absl::InvalidArgumentError("not a trawl schema (bad header)");
  }
  Schema schema;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> w = absl::StrSplit(lines[i], ' ');
    if (w.size() == 2 && w[0] == "id") {
      TRAWL_RETURN_IF_ERROR(schema.SetIdField(w[1]));
      continue;
    }
    FieldSpec f;
    int stored = 0, default_search = 0;
    if (w.size() != 7 || w[0] != "field" || !absl::SimpleAtoi(w[3], &stored) ||
        !absl::SimpleAtoi(w[5], &default_search) || !absl::SimpleAtof(w[6], &f.boost)) {
      return absl::InvalidArgumentError(absl::StrCat("bad schema line ", i + 1));
    }
    f.name = w[1];
    TRAWL_ASSIGN_OR_RETURN(f.type, FieldTypeFromName(w[2]));
    f.stored = stored != 0;
    f.analyzer = w[4] == "-" ? "" : w[4];
    f.default_search = default_search != 0;
    TRAWL_RETURN_IF_ERROR(schema.AddField(std::move(f)));
  }
  return schema;
}

}  // namespace trawl
