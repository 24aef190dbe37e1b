// The analyzer pipeline behind trawl/analyzer.h: a tokenizer followed by a
// fixed order of filters (normalize, possessive, elision, stop words, stem),
// each present or not as the AnalyzerSpec says.
#include "trawl/analyzer.h"

#include <algorithm>
#include <optional>
#include <span>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "analysis/filters.h"
#include "analysis/stemmer.h"
#include "analysis/stop_words.h"
#include "analysis/term_table.h"
#include "analysis/tokenizer.h"
#include "util/status_macros.h"

namespace trawl {
namespace {

using analysis::Elision;
using analysis::NormalizeOptions;
using analysis::NormalizeScratch;
using analysis::Normalizer;
using analysis::RawToken;
using analysis::Stemmer;
using analysis::StopWordSet;
using analysis::Tokenizer;

// "tokenizer=standard,case_fold,stemmer=english,max_token_bytes=255".
std::string DescribeSpec(const AnalyzerSpec& spec) {
  std::string name = absl::StrCat("tokenizer=", spec.tokenizer);
  auto flag = [&](bool on, const char* label) {
    if (on) absl::StrAppend(&name, ",", label);
  };
  flag(spec.case_fold, "case_fold");
  flag(spec.nfkc, "nfkc");
  flag(spec.ascii_fold, "ascii_fold");
  flag(spec.english_possessive, "english_possessive");
  if (!spec.elision.empty()) absl::StrAppend(&name, ",elision=", spec.elision);
  if (!spec.stop_words.empty()) absl::StrAppend(&name, ",stop_words=", spec.stop_words);
  if (!spec.stemmer.empty()) absl::StrAppend(&name, ",stemmer=", spec.stemmer);
  absl::StrAppend(&name, ",max_token_bytes=", spec.max_token_bytes);
  return name;
}

class Pipeline final : public Analyzer {
 public:
  Pipeline(std::string name, const AnalyzerSpec& spec,
           std::unique_ptr<Tokenizer> tokenizer, Normalizer normalizer,
           std::optional<Elision> elision, std::unique_ptr<StopWordSet> stop_words,
           std::unique_ptr<Stemmer> stemmer)
      : name_(std::move(name)),
        max_token_bytes_(spec.max_token_bytes),
        english_possessive_(spec.english_possessive),
        tokenizer_(std::move(tokenizer)),
        normalizer_(normalizer),
        elision_(std::move(elision)),
        stop_words_(std::move(stop_words)),
        stemmer_(std::move(stemmer)) {}

  void Analyze(std::string_view text,
               absl::FunctionRef<void(const Token&)> sink) const override {
    // Per call, not per analyzer, so that threads share nothing; the
    // buffers grow to the longest term and are then reused.
    NormalizeScratch normalized;
    std::string stemmed;
    std::optional<Stemmer::Session> stem;
    if (stemmer_ != nullptr) stem.emplace(*stemmer_);
    // Tokens come in batches, so that the filters run in this loop rather
    // than behind a call per token.
    tokenizer_->TokenizeBatches(text, [&](std::span<const RawToken> batch) {
      // Locals, which the compiler may keep in registers across `sink`.
      const size_t max_bytes = max_token_bytes_;
      Stemmer::Session* const session = stem.has_value() ? &*stem : nullptr;
      for (const RawToken& raw : batch) {
        // The limit applies to the word as written, sparing the filters
        // pathological input, and to the final term, which the index stores.
        if (raw.text.size() > max_bytes) continue;
        std::string_view term = raw.text;
        // A lowercased token is a plain run of ASCII letters and digits:
        // nothing to normalize, and no apostrophe for the possessive and
        // elision filters.
        if (!raw.lowercased) {
          term = normalizer_.Apply(raw.text, raw.ascii, normalized);
          if (english_possessive_) term = analysis::StripEnglishPossessive(term);
          if (elision_.has_value()) term = elision_->Strip(term);
        }
        // The stemmer knows the stop words too (their stem is ""), so that
        // a term costs one lookup in its cache.
        if (session != nullptr) {
          term = session->Stem(term, analysis::HashTerm(term), stemmed);
        } else if (stop_words_ != nullptr &&
                   stop_words_->Contains(term, analysis::HashTerm(term))) {
          continue;
        }
        if (term.empty() || term.size() > max_bytes) continue;
        sink(Token{term, raw.position, raw.start, raw.end});
      }
    });
  }

  std::string name() const override { return name_; }

 private:
  const std::string name_;
  const size_t max_token_bytes_;
  const bool english_possessive_;
  const std::unique_ptr<Tokenizer> tokenizer_;
  const Normalizer normalizer_;
  const std::optional<Elision> elision_;
  const std::unique_ptr<StopWordSet> stop_words_;    // may be null
  const std::unique_ptr<Stemmer> stemmer_;  // may be null; uses stop_words_
};

absl::StatusOr<std::unique_ptr<Analyzer>> MakePipeline(std::string name,
                                                       const AnalyzerSpec& spec) {
  TRAWL_ASSIGN_OR_RETURN(
      std::unique_ptr<Tokenizer> tokenizer,
      analysis::MakeTokenizer(spec.tokenizer, {.lowercase_ascii = spec.case_fold}));
  const Normalizer normalizer(NormalizeOptions{
      .case_fold = spec.case_fold, .nfkc = spec.nfkc, .ascii_fold = spec.ascii_fold});
  std::optional<Elision> elision;
  if (!spec.elision.empty()) {
    TRAWL_ASSIGN_OR_RETURN(elision, Elision::Make(spec.elision));
  }
  std::unique_ptr<StopWordSet> stop_words;
  if (!spec.stop_words.empty()) {
    TRAWL_ASSIGN_OR_RETURN(stop_words, StopWordSet::Make(spec.stop_words, normalizer));
  }
  std::unique_ptr<Stemmer> stemmer;
  if (!spec.stemmer.empty()) {
    TRAWL_ASSIGN_OR_RETURN(stemmer, Stemmer::Make(spec.stemmer, stop_words.get()));
  }
  return std::make_unique<Pipeline>(std::move(name), spec, std::move(tokenizer),
                                    normalizer, std::move(elision),
                                    std::move(stop_words),
                                    std::move(stemmer));
}

// Snowball algorithms that name a language; "porter" is the original
// English algorithm, reachable through AnalyzerSpec::stemmer only.
std::vector<std::string> SnowballLanguages() {
  std::vector<std::string> languages = analysis::StemmerAlgorithms();
  std::erase(languages, "porter");
  return languages;
}

// The preset behind a named analyzer, if `name` is one.
std::optional<AnalyzerSpec> NamedSpec(std::string_view name) {
  AnalyzerSpec spec;
  if (name == "standard") return spec;
  if (name == "keyword" || name == "whitespace") {
    spec.tokenizer = std::string(name);
    spec.case_fold = false;
    return spec;
  }
  auto has = [&](const std::vector<std::string>& languages) {
    return std::find(languages.begin(), languages.end(), name) != languages.end();
  };
  if (!has(SnowballLanguages())) return std::nullopt;
  if (has(analysis::StopWordLanguages())) spec.stop_words = std::string(name);
  if (has(analysis::ElisionLanguages())) spec.elision = std::string(name);
  spec.stemmer = std::string(name);
  spec.english_possessive = name == "english";
  return spec;
}

}  // namespace

std::vector<OwnedToken> Analyzer::Tokens(std::string_view text) const {
  std::vector<OwnedToken> tokens;
  Analyze(text, [&](const Token& t) {
    tokens.push_back(OwnedToken{std::string(t.text), t.position, t.start_offset,
                                t.end_offset});
  });
  return tokens;
}

absl::StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(std::string_view name) {
  std::optional<AnalyzerSpec> spec = NamedSpec(name);
  if (!spec.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown analyzer \"", std::string(name),
        "\"; available: ", absl::StrJoin(AnalyzerNames(), ", ")));
  }
  return MakePipeline(std::string(name), *spec);
}

absl::StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(const AnalyzerSpec& spec) {
  return MakePipeline(DescribeSpec(spec), spec);
}

std::vector<std::string> AnalyzerNames() {
  std::vector<std::string> names = {"standard", "keyword", "whitespace"};
  for (std::string& language : SnowballLanguages()) {
    names.push_back(std::move(language));
  }
  return names;
}

}  // namespace trawl
