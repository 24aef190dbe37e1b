// The JSONL format: one JSON object per line, parsed in place with
// simdjson's DOM parser (reused across lines, never throwing).
//
// Fields come from ParseOptions::json_fields, (dotted path, field) pairs, or
// when that is empty from every key, nested objects flattened with dots:
//   {"id": "7", "tags": ["a", "b"], "meta": {"author": "Ann"}, "n": 3}
//   -> id=7 tags=a tags=b meta.author=Ann n=3
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "parse/dates.h"
#include "parse/parsers.h"
#include "simdjson.h"
#include "util/status_macros.h"

namespace trawl::parse {
namespace {

static_assert(BufferedInput::kPadding >= simdjson::SIMDJSON_PADDING);

// Objects nested deeper than this are not flattened.
constexpr int kMaxDepth = 32;

// Which document fields a JSON path feeds.
class FieldMap {
 public:
  explicit FieldMap(const std::vector<std::pair<std::string, std::string>>& pairs) {
    for (const auto& [path, field] : pairs) {
      targets_[path].push_back(field);
      for (size_t dot = path.find('.'); dot != std::string::npos;
           dot = path.find('.', dot + 1)) {
        prefixes_.insert(path.substr(0, dot));
      }
    }
  }

  bool identity() const { return targets_.empty(); }

  // The fields `path` feeds under an explicit mapping, or nullptr.
  const std::vector<std::string>* Targets(const std::string& path) const {
    auto it = targets_.find(path);
    return it == targets_.end() ? nullptr : &it->second;
  }

  // Whether some mapped path lies inside the object at `path`.
  bool Descend(const std::string& path) const {
    return identity() || prefixes_.contains(path);
  }

 private:
  absl::flat_hash_map<std::string, std::vector<std::string>> targets_;
  absl::flat_hash_set<std::string> prefixes_;
};

// Decimal text of a JSON number: integers exactly, other values in the
// shortest fixed notation that reads back the same double.
std::string NumberText(simdjson::dom::element value) {
  char buffer[512];
  std::to_chars_result result{buffer, {}};
  int64_t i;
  uint64_t u;
  double d;
  if (!value.get_int64().get(i)) {
    result = std::to_chars(buffer, buffer + sizeof(buffer), i);
  } else if (!value.get_uint64().get(u)) {
    result = std::to_chars(buffer, buffer + sizeof(buffer), u);
  } else if (!value.get_double().get(d)) {
    result = std::to_chars(buffer, buffer + sizeof(buffer), d, std::chars_format::fixed);
  }
  return std::string(buffer, result.ptr);
}

bool IsBlank(absl::string_view line) {
  for (char c : line) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

class JsonlReader : public RecordReader {
 public:
  JsonlReader(BufferedInput* input, const ParseContext* ctx)
      : input_(input), ctx_(ctx), fields_(ctx->options->json_fields) {}

  absl::StatusOr<std::optional<Document>> Next() override {
    while (true) {
      const uint64_t offset = input_->offset();
      TRAWL_ASSIGN_OR_RETURN(std::optional<absl::string_view> line, input_->ReadLine());
      if (!line) return std::nullopt;
      ++line_number_;
      if (IsBlank(*line)) continue;
      Document doc;
      absl::Status status = ParseLine(*line, offset, &doc);
      if (status.ok()) return doc;
      if (!ctx_->options->lenient || status.code() != absl::StatusCode::kInvalidArgument ||
          utf8_failed_) {
        return status;
      }
      ++ctx_->stats->skipped_lines;
    }
  }

 private:
  // Parses one line (followed in memory by BufferedInput::kPadding bytes)
  // starting at byte `offset` of the input.
  absl::Status ParseLine(absl::string_view line, uint64_t offset, Document* doc) {
    utf8_failed_ = false;
    simdjson::dom::element root;
    simdjson::error_code error =
        parser_.parse(line.data(), line.size(), /*realloc_if_needed=*/false).get(root);
    if (error == simdjson::UTF8_ERROR) {
      repaired_.clear();
      absl::Status status = AppendValidUtf8(line, offset, *ctx_, &repaired_);
      utf8_failed_ = !status.ok();
      TRAWL_RETURN_IF_ERROR(status);
      repaired_.reserve(repaired_.size() + simdjson::SIMDJSON_PADDING);
      error = parser_.parse(repaired_.data(), repaired_.size(), false).get(root);
    }
    if (error) {
      return LineError(*ctx_, line_number_,
                       absl::StrCat("invalid JSON: ", simdjson::error_message(error)));
    }
    simdjson::dom::object object;
    if (root.get_object().get(object)) {
      return LineError(*ctx_, line_number_, "not a JSON object");
    }
    has_id_ = false;
    path_.clear();
    TRAWL_RETURN_IF_ERROR(AddObject(object, 0, doc));
    if (!has_id_) doc->Add("id", GeneratedId(*ctx_, line_number_));
    return absl::OkStatus();
  }

  // Adds the members of `object`, which sits at path_.
  absl::Status AddObject(simdjson::dom::object object, int depth, Document* doc) {
    for (simdjson::dom::key_value_pair member : object) {
      const size_t parent_size = path_.size();
      if (depth > 0) path_.push_back('.');
      path_.append(member.key);
      simdjson::dom::object child;
      if (!member.value.get_object().get(child)) {
        if (depth + 1 < kMaxDepth && fields_.Descend(path_)) {
          TRAWL_RETURN_IF_ERROR(AddObject(child, depth + 1, doc));
        }
      } else if (fields_.identity()) {
        TRAWL_RETURN_IF_ERROR(AddValue(member.value, path_, /*in_array=*/false, doc));
      } else if (const std::vector<std::string>* targets = fields_.Targets(path_)) {
        for (const std::string& field : *targets) {
          TRAWL_RETURN_IF_ERROR(AddValue(member.value, field, /*in_array=*/false, doc));
        }
      }
      path_.resize(parent_size);
    }
    return absl::OkStatus();
  }

  // Adds a scalar as one value, an array as one value per scalar element.
  // Nulls, objects and nested arrays add nothing.
  absl::Status AddValue(simdjson::dom::element value, const std::string& field,
                        bool in_array, Document* doc) {
    std::string text;
    simdjson::dom::array array;
    std::string_view string;
    bool boolean;
    if (!value.get_array().get(array)) {
      if (in_array) return absl::OkStatus();
      for (simdjson::dom::element item : array) {
        TRAWL_RETURN_IF_ERROR(AddValue(item, field, /*in_array=*/true, doc));
      }
      return absl::OkStatus();
    } else if (!value.get_string().get(string)) {
      text = string;
    } else if (!value.get_bool().get(boolean)) {
      text = boolean ? "true" : "false";
    } else if (value.is_number()) {
      text = NumberText(value);
    } else {
      return absl::OkStatus();  // null or object
    }
    if (field == "date") {
      std::optional<std::string> date;
      if (value.is_string()) date = NormalizeIsoDate(text);
      if (!date) {
        return LineError(*ctx_, line_number_,
                         absl::StrCat("invalid date \"", text, "\" in field \"date\""));
      }
      text = *std::move(date);
    } else if (field == "id") {
      has_id_ = true;
    }
    doc->Add(field, std::move(text));
    return absl::OkStatus();
  }

  BufferedInput* input_;
  const ParseContext* ctx_;
  const FieldMap fields_;
  simdjson::dom::parser parser_;
  uint64_t line_number_ = 0;
  std::string path_;                         // dotted path of the current key
  std::string repaired_;                     // a line after UTF-8 repair
  bool has_id_ = false;
  bool utf8_failed_ = false;  // strict UTF-8 errors are never skipped
};

}  // namespace

std::unique_ptr<RecordReader> NewJsonlReader(BufferedInput* input, const ParseContext* ctx) {
  return std::make_unique<JsonlReader>(input, ctx);
}

}  // namespace trawl::parse
