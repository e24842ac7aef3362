#pragma once
// Sentence splitting for the offline blockifier. Works on extracted text as it arrives:
// blank lines separate paragraphs, a line of its own can be a heading or a list item,
// and PDF-style hard-wrapped lines are joined back into one sentence.
#include <cstddef>
#include <string_view>
#include <vector>

namespace blockify::text {

struct SentenceSpan {
  size_t begin = 0;  // byte offsets into the text, trimmed, list marker left out
  size_t end = 0;
  int paragraph = 0;             // index of the blank-line separated paragraph
  bool heading = false;          // a short line of its own without end punctuation
  bool list_item = false;        // the line started with "-", "*", "•", "1." or "a)"
  bool numbered = false;         // ... with a step number: "1." or "2)"
  bool complete = true;          // false when the chunk's edge cut the sentence off
  bool ends_with_colon = false;  // introduces what follows ("Do the following:")
  size_t token_begin = 0;        // token range, filled in by analyse_chunk
  size_t token_end = 0;
};

// Splits text into sentences in reading order. Never splits after titles ("Dr."),
// initials ("J."), inside numbers ("3.5") or before a lower-case word ("e.g. this").
// Whitespace-only text gives no sentences.
std::vector<SentenceSpan> split_sentences(std::string_view text);

}  // namespace blockify::text
