#pragma once
// Internal to the Extract stage: words broken by a hyphen at a line end. A broken word
// ("exam-" + "ple") is joined again; a compound that keeps its hyphen ("well-" + "known")
// stays "well-known".
#include <bitset>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace blockify::extract_internal {

// True for the bytes words are made of: ASCII letters and digits, and any byte of a
// UTF-8 sequence (letters beyond ASCII).
bool is_word_byte(unsigned char c);

// The words a document writes whole, lower case: a form the author writes elsewhere
// decides how a line-end break is joined.
struct DocumentWords {
  // Looked up by string_view, so counting a word that is already known allocates nothing.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> plain;  // "highlight" → times written whole
  WordSet hyphenated;                                                 // "data-driven"
  WordSet without_hyphen;  // "datadriven": a hyphenated form with one hyphen dropped
  // A quick "no" before looking a word up in without_hyphen: the lengths and first
  // letters its words have.
  std::bitset<256> without_hyphen_first;
  size_t without_hyphen_shortest = SIZE_MAX, without_hyphen_longest = 0;
  bool may_be_without_hyphen(std::string_view lower_word) const {
    return !lower_word.empty() && lower_word.size() >= without_hyphen_shortest &&
           lower_word.size() <= without_hyphen_longest &&
           without_hyphen_first[static_cast<unsigned char>(lower_word[0])] &&
           without_hyphen.count(lower_word) > 0;
  }

  // Adds every word of `text`, except a word broken at a line end ("infor-").
  void add_text(std::string_view text);
  // Adds only the hyphenated words: the cheap first look at a long document.
  void add_hyphenated(std::string_view text);
  // Counts the plain words of `text` that are in `wanted`.
  void count_plain(std::string_view text, const WordSet& wanted);
  bool written_whole(std::string_view lower_word) const;

 private:
  void add_hyphenated_token(const std::string& lower);
};

// True when a line ending "<left_whole>-" and a next line starting with `next_line` make
// a compound that keeps its hyphen. `left_whole` is the token before the hyphen, maybe
// hyphenated itself ("state-of-the"). In order: the document's own spelling (hyphenated
// or closed, wherever it is written whole), the shape of the parts (a number, a single
// letter, an acronym, a part that already has a hyphen, a next word that is not lower
// case), then a short list of compound prefixes (well-, self-, cross-, ...).
bool keeps_hyphen(std::string_view left_whole, std::string_view next_line, const DocumentWords& words);

// Poppler's reading-order text drops the hyphen at every line end and joins the halves
// ("wellknown"). True when `text` holds a word that may be such a join of a compound
// keeps_hyphen would keep, so the page's raw-order text is worth reading to find out.
bool may_hide_compound(std::string_view text, const DocumentWords& words);

// A hyphen at a line end in raw-order text: the token before it and the next line.
struct LineEndHyphen {
  std::string left_whole;  // "well", "state-of-the"
  std::string next_line;   // "known method is ..."
};

// The line-end hyphens of one page's raw-order text.
std::vector<LineEndHyphen> line_end_hyphens(std::string_view raw_text);

// Puts back into `reading_text` (poppler's reading-order text of a page) the hyphens of
// compounds in `breaks` that keep theirs: the first "wellknown" left unmatched becomes
// "well-known". `words` must already not count the joins as words written whole.
void restore_compound_hyphens(std::string& reading_text, const std::vector<LineEndHyphen>& breaks,
                              const DocumentWords& words);

// The lower-case word a break makes when joined ("wellknown"), as DocumentWords counts it.
std::string joined_word(const LineEndHyphen& hyphen);

}  // namespace blockify::extract_internal
