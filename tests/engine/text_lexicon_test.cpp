// The offline blockifier's word lists: lexicon.txt as the build embeds it, and what each
// of its sections tells about a word.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/pipeline/text/text_lexicon.h"
#include "tests/support/checkout_paths.h"

using namespace blockify;
using namespace blockify::text;

namespace {

bool flagged(std::string_view word, uint32_t flag) {
  std::string lower(word);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return (word_flags(word, lower) & flag) != 0;
}

}  // namespace

TEST_CASE("the binary holds lexicon.txt byte for byte, non-ASCII entries included") {
  std::ifstream in(test::source_dir() / "engine" / "pipeline" / "text" / "lexicon.txt", std::ios::binary);
  REQUIRE(in);
  std::stringstream file;
  file << in.rdbuf();
  CHECK(kLexiconText == file.str());
  CHECK(kLexiconText.find("µs") != std::string_view::npos);
  CHECK(flagged("µs", kUnit));
}

TEST_CASE("each section of lexicon.txt gives its words that section's flag") {
  CHECK(flagged("the", kStopWord));
  CHECK(flagged("provides", kWeakEdge));
  CHECK(flagged("click", kImperative));
  CHECK(flagged("don't", kImperative));
  CHECK(flagged("seconds", kUnit));
  CHECK(flagged("billion", kScale));
  CHECK(flagged("according", kPersonCueBefore));
  CHECK(flagged("said", kPersonCueAfter));
  CHECK(flagged("caution", kWarningCue));
  CHECK(flagged("mandatory", kRequirementCue));
  CHECK(flagged("finally", kProcessCue));
  CHECK(flagged("because", kReasonCue));
  CHECK(flagged("unlike", kComparisonCue));
  CHECK(flagged("tip", kNoteCue));
  CHECK(flagged("due", kPairCue));
  CHECK(flagged("refers", kDefinitionVerb));
  CHECK(flagged("called", kDefinitionNext));
  CHECK(flagged("these", kPronoun));
  CHECK(flagged("PostgreSQL", kTechnology));
  CHECK(flagged("C#", kTechnology));
  CHECK(flagged("Sunday", kWeekday));
  CHECK(flagged("Inc", kOrganizationSuffix));
  CHECK(flagged("University", kOrganizationHead));
  CHECK(flagged("Dr", kPersonTitle));
  CHECK(flagged("Grace", kFirstName));
  CHECK(flagged("Settings", kNotAPlace));
  CHECK(flagged("FAQ", kCommonCaps));
  CHECK(flagged("Germany", kPlace));
  CHECK(flagged("Sept", kMonth));
  CHECK_FALSE(flagged("retry", kStopWord | kPlace | kFirstName | kTechnology));
}

TEST_CASE("lower-case sections match any case; exact sections match as written") {
  CHECK(flagged("Click", kImperative));
  CHECK(flagged("THE", kStopWord));
  CHECK(word_flags("postgresql", "postgresql") == 0);
  CHECK_FALSE(flagged("germany", kPlace));
}

TEST_CASE("places of several words are places; only one-word places mark a word") {
  CHECK(is_location("Germany"));
  CHECK(is_location("New York"));
  CHECK_FALSE(is_location("New"));
  CHECK_FALSE(flagged("New", kPlace));
  CHECK_FALSE(is_location("Settings"));
}

TEST_CASE("months read as their number in the calendar, by name or abbreviation") {
  CHECK(month_number("January") == 1);
  CHECK(month_number("Mar") == 3);
  CHECK(month_number("Sept") == 9);
  CHECK(month_number("December") == 12);
  CHECK(month_number("Smarch") == 0);
}
