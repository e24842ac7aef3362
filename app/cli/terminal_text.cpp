#include "app/cli/terminal_text.h"

#include <cstdio>

namespace blockify::cli {

namespace {

// Length of the well-formed UTF-8 sequence starting at `i` (1 for ASCII), 0 if ill-formed.
size_t utf8_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || lead == 0xC0 || lead == 0xC1 || lead > 0xF4 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return length;
}

}  // namespace

std::string terminal_text(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size());
  char escape[12];
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t length = utf8_length(text, i);
    if (length == 0) {
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
      ++i;
      continue;
    }
    if (length == 1) {
      if (c == '\n' || c == '\t') {
        if (keep_line_breaks) {
          out += static_cast<char>(c);
        } else {
          out += c == '\n' ? "\\n" : "\\t";
        }
      } else if (c == '\r') {
        out += "\\r";
      } else if (c < 0x20 || c == 0x7f) {
        std::snprintf(escape, sizeof escape, "\\x%02x", c);
        out += escape;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // C1 controls (U+0080..U+009F) are two bytes, C2 80..C2 9F; terminals obey some of them.
    if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      out += escape;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace blockify::cli
