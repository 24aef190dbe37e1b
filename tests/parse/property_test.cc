// Random and mutated input through every in-memory parser: never a crash,
// always documents or an error, always valid UTF-8 out.
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parse/parsers.h"
#include "trawl/parse.h"
#include "util/utf8.h"

namespace trawl {
namespace {

constexpr Format kFormats[] = {Format::kAuto, Format::kNews, Format::kJsonl,
                               Format::kTrec, Format::kHtml, Format::kText};

// Samples of every format, to mutate.
const std::vector<std::string>& Seeds() {
  static const auto* seeds = new std::vector<std::string>{
      "date 2026-01-16 Sign up now\n\nTitle\n\nBody one.\n\nBody two. REUTERS",
      "{\"id\":\"1\",\"t\":[\"a\",2],\"m\":{\"k\":true},\"date\":\"2026-01-16\"}\n{}\n",
      "<DOC><DOCNO>X</DOCNO><DATE>880301</DATE><HEAD>h</HEAD><TEXT><P>t</P></TEXT></DOC>",
      "<html><title>T</title><meta name=date content=2026-01-16><p>a&amp;b<br>c"
      "<script>x</script><!-- c --></html>",
  };
  return *seeds;
}

void ExpectWellFormed(const std::string& data, Format format, const ParseOptions& options) {
  ParseStats stats;
  absl::StatusOr<std::vector<Document>> docs =
      parse::ParseBuffer(format, data, "fuzz", options, &stats);
  if (!docs.ok()) {
    EXPECT_FALSE(docs.status().message().empty());
    return;
  }
  for (const Document& doc : *docs) {
    ASSERT_NE(doc.Get("id"), nullptr);
    for (const auto& [field, value] : doc.fields()) {
      ASSERT_TRUE(util::IsValidUtf8(value)) << field;
    }
  }
}

TEST(PropertyTest, RandomBytesNeverCrash) {
  std::mt19937 rng(20260116);
  static constexpr char kAlphabet[] = "<>/&;#{}[]\":,. \n\tDOCTEXTdatepP0123456789-\xC3\xA9\xFF\0";
  const std::string alphabet(kAlphabet, sizeof(kAlphabet) - 1);
  for (int i = 0; i < 3000; ++i) {
    std::string data(rng() % 300, '\0');
    const bool structured = i % 2 == 0;
    for (char& c : data) {
      c = structured ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
    }
    ParseOptions options;
    options.lenient = i % 3 == 0;
    options.strict_utf8 = i % 5 == 0;
    for (Format format : kFormats) ExpectWellFormed(data, format, options);
  }
}

TEST(PropertyTest, MutatedSamplesNeverCrash) {
  std::mt19937 rng(7);
  for (int i = 0; i < 4000; ++i) {
    std::string data = Seeds()[i % Seeds().size()];
    const int edits = 1 + rng() % 4;
    for (int e = 0; e < edits && !data.empty(); ++e) {
      const size_t at = rng() % data.size();
      switch (rng() % 3) {
        case 0: data[at] = static_cast<char>(rng()); break;  // flip
        case 1: data.resize(at); break;                      // truncate
        case 2: data.insert(at, data.substr(rng() % data.size(), rng() % 8)); break;
      }
    }
    for (Format format : kFormats) ExpectWellFormed(data, format, {});
  }
}

}  // namespace
}  // namespace trawl
