#pragma once
// Cutting text at a separator, the one way the engine does it (tag lists, OCR language
// lists, EPUB paths).
#include <string_view>

namespace blockify {

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
