// PDF text quality: what a reader skips on a printed page (running headers and footers,
// page numbers) is dropped, and words hyphenated at a line end are joined again.
#include "engine/pipeline/extract/pdf_text_cleanup.h"

#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/pdf_hyphens.h"

namespace blockify::extract_internal {

namespace {

// How many lines at the top and at the bottom of a page can be running matter.
constexpr size_t kEdgeLines = 2;

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r\f") == std::string_view::npos;
}

// A line's identity across pages: trimmed, spaces collapsed, lower case, every digit run
// one '#', so "Page 3 of 12" and "Page 4 of 12" are the same running footer.
std::string running_key(std::string_view line) {
  std::string key;
  bool space = false, digits = false;
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    if (std::isdigit(c)) {
      if (!digits) key += '#';
      digits = true;
      continue;
    }
    digits = false;
    key += static_cast<char>(std::tolower(c));
  }
  return key;
}

// "12", "- 12 -", "Page 12", "12 of 40", "12/40", "iv": a page number on a line of its own.
bool is_page_number(std::string_view line) {
  std::string key = running_key(line);
  static const std::set<std::string> kShapes = {"#",   "- # -", "-#-", "page #", "page # of #", "# of #",
                                                "#/#", "# / #", "[#]", "(#)",    "p. #"};
  if (kShapes.count(key)) return true;
  if (key.empty() || key.size() > 6) return false;
  for (char c : key) {
    if (c != 'i' && c != 'v' && c != 'x' && c != 'l') return false;
  }
  return true;
}

// Indices of the first and last kEdgeLines non-blank lines of a page.
std::vector<size_t> edge_lines(const std::vector<std::string>& page) {
  std::vector<size_t> top, bottom;
  for (size_t i = 0; i < page.size() && top.size() < kEdgeLines; ++i) {
    if (!is_blank_line(page[i])) top.push_back(i);
  }
  for (size_t i = page.size(); i > 0 && bottom.size() < kEdgeLines; --i) {
    if (!is_blank_line(page[i - 1])) bottom.push_back(i - 1);
  }
  std::set<size_t> both(top.begin(), top.end());
  both.insert(bottom.begin(), bottom.end());
  return {both.begin(), both.end()};
}

// Appends `line` to a paragraph. A word broken at a line end ("infor-" + "mation") is
// joined again, but a compound that keeps its hyphen ("well-" + "known") stays one
// hyphenated word: see keeps_hyphen. A soft hyphen (U+00AD) at the end always joins.
void join_line(std::string& paragraph, std::string_view line, const DocumentWords& words) {
  size_t start = line.find_first_not_of(" \t\r\f");
  size_t end = line.find_last_not_of(" \t\r\f");
  line = line.substr(start, end - start + 1);
  if (paragraph.empty()) {
    paragraph.assign(line);
    return;
  }
  if (paragraph.size() >= 2 && paragraph.compare(paragraph.size() - 2, 2, "\xC2\xAD") == 0) {
    paragraph.resize(paragraph.size() - 2);
    paragraph.append(line);
    return;
  }
  const size_t size = paragraph.size();
  if (paragraph.back() == '-' && size >= 2 && is_word_byte(static_cast<unsigned char>(paragraph[size - 2]))) {
    // The hyphen ends a word, so it is a break inside a word or a compound: never a space.
    size_t begin = size - 1;
    while (begin > 0 &&
           (is_word_byte(static_cast<unsigned char>(paragraph[begin - 1])) || paragraph[begin - 1] == '-')) {
      --begin;
    }
    std::string_view left_whole = std::string_view(paragraph).substr(begin, size - 1 - begin);
    while (!left_whole.empty() && left_whole.front() == '-') left_whole.remove_prefix(1);
    if (!keeps_hyphen(left_whole, line, words)) paragraph.pop_back();
    paragraph.append(line);
    return;
  }
  paragraph += ' ';
  paragraph.append(line);
}

}  // namespace

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

std::string clean_page_text(std::vector<std::vector<std::string>> pages) {
  // Running headers and footers: the same edge line on most pages (three at least).
  std::map<std::string, size_t> pages_with;
  for (const auto& page : pages) {
    std::set<std::string> seen;
    for (size_t i : edge_lines(page)) seen.insert(running_key(page[i]));
    for (const auto& key : seen) ++pages_with[key];
  }
  for (auto& page : pages) {
    for (size_t i : edge_lines(page)) {
      size_t count = pages_with[running_key(page[i])];
      bool running = count >= 3 && count * 2 > pages.size();
      if (running || is_page_number(page[i])) page[i].clear();
    }
  }
  // The document's words decide how a line-end hyphen joins; gathered only when a line
  // ends with one (poppler's reading-order text has joined its own already).
  DocumentWords words;
  bool line_end_hyphen = false;
  for (const auto& page : pages) {
    for (const auto& line : page) {
      size_t end = line.find_last_not_of(" \t\r\f");
      line_end_hyphen = line_end_hyphen || (end != std::string::npos && line[end] == '-');
    }
  }
  for (size_t i = 0; line_end_hyphen && i < pages.size(); ++i) {
    for (const auto& line : pages[i]) words.add_text(line);
  }
  // Lines of a block become one paragraph; a blank line ends it, and so does a page.
  ParagraphWriter out;
  for (const auto& page : pages) {
    std::string paragraph;
    for (const auto& line : page) {
      if (is_blank_line(line)) {
        if (!paragraph.empty()) out.append(paragraph), out.end_paragraph();
        paragraph.clear();
        continue;
      }
      join_line(paragraph, line, words);
    }
    if (!paragraph.empty()) out.append(paragraph);
    out.end_paragraph();
  }
  return out.finish();
}

}  // namespace blockify::extract_internal
