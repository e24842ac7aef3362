#include "engine/pipeline/text/text_lexicon.h"

#include <stdexcept>
#include <string>

#include "engine/domain/enum_names.h"
#include "engine/domain/text_parts.h"
#include "engine/pipeline/text/text_hash.h"

namespace blockify::text {
namespace {

// What each section of lexicon.txt tells about its words. Places also go into their own
// table, since a place may be several words ("New York").
constexpr uint32_t kPlaces = 0;
constexpr EnumValue<std::string_view, uint32_t> kSections[] = {
    {"stop words", kStopWord},
    {"weak edges", kWeakEdge},
    {"imperatives", kImperative},
    {"units", kUnit},
    {"scale words", kScale},
    {"person cues before", kPersonCueBefore},
    {"person cues after", kPersonCueAfter},
    {"warning cues", kWarningCue},
    {"requirement cues", kRequirementCue},
    {"process cues", kProcessCue},
    {"reason cues", kReasonCue},
    {"comparison cues", kComparisonCue},
    {"note cues", kNoteCue},
    {"pair cues", kPairCue},
    {"definition verbs", kDefinitionVerb},
    {"definition nexts", kDefinitionNext},
    {"pronouns", kPronoun},
    {"technologies", kTechnology},
    {"weekdays", kWeekday},
    {"organization suffixes", kOrganizationSuffix},
    {"organization heads", kOrganizationHead},
    {"person titles", kPersonTitle},
    {"first names", kFirstName},
    {"not places", kNotAPlace},
    {"common caps", kCommonCaps},
    {"places", kPlaces},
};
constexpr uint32_t kUnknownSection = ~0u;

// In calendar order: month_number reads the position.
constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kMonthAbbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// All lists in one hash table, built on first use (thread-safe static initialisation,
// which matters because blockifier workers run in parallel).
class Lexicon {
 public:
  Lexicon() {
    flags_.reset(2048);
    places_.reset(256);
    uint32_t flag = kUnknownSection;
    for_each_part(kLexiconText, '\n', [&](std::string_view line) {
      line = trim_space(line);
      if (line.empty() || line.front() == '#') return;
      if (line.front() == '[' && line.back() == ']') {
        flag = value_of(kSections, line.substr(1, line.size() - 2), kUnknownSection);
        if (flag == kUnknownSection)
          throw std::logic_error("lexicon.txt: unknown section " + std::string(line));
        return;
      }
      if (flag == kUnknownSection) throw std::logic_error("lexicon.txt: words before the first [section]");
      for_each_part(line, ',', [&](std::string_view entry) {
        entry = trim_space(entry);
        if (!entry.empty()) add(entry, flag);
      });
    });
    for (std::string_view month : kMonths) add(month, kMonth);
    for (std::string_view month : kMonthAbbreviations) add(month, kMonth);
    add("Sept", kMonth);
  }

  uint32_t lookup(std::string_view word) const {
    const uint32_t* flags = flags_.find(word);
    return flags ? *flags : 0;
  }
  bool is_place(std::string_view words) const { return places_.find(words) != nullptr; }

 private:
  void add(std::string_view word, uint32_t flag) {
    bool inserted = false;
    if (flag != kPlaces) {
      flags_.find_or_insert(word, 0, &inserted) |= flag;
      return;
    }
    places_.find_or_insert(word, true, &inserted);
    if (word.find(' ') == std::string_view::npos) flags_.find_or_insert(word, 0, &inserted) |= kPlace;
  }

  FlatWordMap<uint32_t> flags_;
  FlatWordMap<bool> places_;
};

const Lexicon& lexicon() {
  static const Lexicon instance;
  return instance;
}

constexpr uint32_t kLowerFlags = kFirstExactFlag - 1;

}  // namespace

uint32_t word_flags(std::string_view word, std::string_view lower) {
  return word_flags(word, lower, word != lower);
}

uint32_t word_flags(std::string_view word, std::string_view lower, bool has_capital) {
  const Lexicon& lex = lexicon();
  const uint32_t from_lower = lex.lookup(lower);
  if (!has_capital) return from_lower;
  return (from_lower & kLowerFlags) | (lex.lookup(word) & ~kLowerFlags);
}

int month_number(std::string_view word) {
  for (int m = 0; m < 12; ++m)
    if (word == kMonths[m] || word == kMonthAbbreviations[m]) return m + 1;
  return word == "Sept" ? 9 : 0;
}

bool is_location(std::string_view words) { return lexicon().is_place(words); }

}  // namespace blockify::text
