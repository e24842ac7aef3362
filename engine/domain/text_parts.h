#pragma once
// Cutting text at a separator and trimming its parts, the one way the engine does it (tag
// lists, OCR language lists, EPUB paths, the lexicon).
#include <string_view>

namespace blockify {

// `text` without the white space at either end (space, tab, line breaks, form feed,
// vertical tab: what std::isspace takes in the C locale).
constexpr std::string_view trim_space(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Calls `use(part)` for every part of `text` between separators, in order: n separators
// give n + 1 parts, empty ones included.
template <typename Use>
void for_each_part(std::string_view text, char separator, Use use) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    use(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace blockify
