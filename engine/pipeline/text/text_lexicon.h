#pragma once
// Small fixed word lists the offline blockifier reasons with: stop words for keywords,
// cue words for sentence types, and the lexicons behind rule-based entity typing. The
// lists are deliberately short and English-only; they make the output recognisable,
// not exhaustive. The lists are data, in lexicon.txt beside this header, which the build
// embeds. Every list is folded into one table, so a token costs one or two hash look-ups
// however many rules ask about it.
#include <cstdint>
#include <string_view>

namespace blockify {
// lexicon.txt as the build embeds it (cmake/embed_text.cmake); text_lexicon.cpp reads it.
extern const std::string_view kLexiconText;
}  // namespace blockify

namespace blockify::text {

// What the lists say about a word. Bits below kFirstExactFlag are matched on the
// lower-case word; the others on the word exactly as written.
enum WordFlag : uint32_t {
  kStopWord = 1u << 0,         // never a keyword: "the", "which", "using"
  kWeakEdge = 1u << 1,         // poor first or last word of a name: "click", "provides"
  kImperative = 1u << 2,       // opens an instruction: "click", "install"
  kUnit = 1u << 3,             // after a number: "ms", "seconds", "gb", "km"
  kScale = 1u << 4,            // after a number: "million", "billion"
  kPersonCueBefore = 1u << 5,  // before a name: "by", "ceo", "according"
  kPersonCueAfter = 1u << 6,   // after a name: "said", "wrote"
  kWarningCue = 1u << 7,       // never, avoid, caution
  kRequirementCue = 1u << 8,   // must, required, ensure
  kProcessCue = 1u << 9,       // step, then, finally
  kReasonCue = 1u << 10,       // because, therefore
  kComparisonCue = 1u << 11,   // than, unlike, versus
  kNoteCue = 1u << 12,         // note, remember, tip
  kPairCue = 1u << 13,         // first word of "do not", "need to", "due to", "so that"
  kDefinitionVerb = 1u << 14,  // is, are, means, refers: "A chunk is a ..."
  kDefinitionNext = 1u << 15,  // a, an, the, defined, called: what follows "is" in a definition
  kPronoun = 1u << 16,         // it, this, they, there: subjects that define nothing
  kFirstExactFlag = 1u << 18,
  kTechnology = 1u << 18,          // API, SQL, PDF, Linux, Python
  kMonth = 1u << 19,               // March, Mar, Sept
  kWeekday = 1u << 20,             // Monday
  kOrganizationSuffix = 1u << 21,  // Inc, Corp, University
  kOrganizationHead = 1u << 22,    // University, Bank (before "of")
  kPersonTitle = 1u << 23,         // Mr, Dr, Prof
  kFirstName = 1u << 24,           // Jane, John
  kNotAPlace = 1u << 25,           // Settings, Chapter: capitalised after "in", not places
  kCommonCaps = 1u << 26,          // OK, FAQ, NOTE: capitals that are not organisations
  kPlace = 1u << 27,               // one-word countries and cities
  kHasCapital = 1u << 31,          // set by analyse_chunk: the token has an upper-case letter
};

// Flags of a token: `lower` is its ASCII lower-case form, `word` as written.
uint32_t word_flags(std::string_view word, std::string_view lower);
// The same when the caller already knows whether the word has a capital letter.
uint32_t word_flags(std::string_view word, std::string_view lower, bool has_capital);

inline bool is_stop_word(std::string_view lower) { return word_flags(lower, lower) & kStopWord; }
inline bool is_weak_phrase_edge(std::string_view lower) { return word_flags(lower, lower) & kWeakEdge; }
inline bool is_imperative_verb(std::string_view lower) { return word_flags(lower, lower) & kImperative; }

// Month number for "March" or "Mar" (capitalised, as written in prose), else 0.
int month_number(std::string_view word);

// Known countries, regions and cities; multi-word names are joined by one space.
bool is_location(std::string_view words);

}  // namespace blockify::text
