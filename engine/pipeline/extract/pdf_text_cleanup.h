#pragma once
// Internal to the Extract stage: turning a PDF's (or OCR's) page lines into paragraphs
// a reader would recognise.
#include <string>
#include <string_view>
#include <vector>

namespace blockify::extract_internal {

// `text` split at '\n' (a trailing newline adds no empty line).
std::vector<std::string> split_lines(std::string_view text);

// Joins each page's lines into paragraphs (a blank line ends one) after dropping
// running headers and footers (the same first or last lines on most pages, page
// numbers aside), page numbers alone on an edge line, and rejoining words hyphenated at
// a line end. Paragraphs are separated by a blank line.
std::string clean_page_text(std::vector<std::vector<std::string>> pages);

}  // namespace blockify::extract_internal
