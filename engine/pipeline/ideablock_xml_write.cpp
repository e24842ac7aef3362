// Writing IdeaBlock XML in exactly the shape PRODUCT.md shows, for export files.
#include <string>

#include "engine/pipeline/ideablock_xml.h"

namespace blockify {
namespace {

// Escapes text for element content. Control characters that XML 1.0 forbids are dropped
// so that a stray byte from an extracted document cannot make the whole export
// unreadable by XML parsers.
void append_escaped(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
      }
    }
  }
}

void append_element(std::string& out, const std::string& pad, const char* tag, const std::string& text) {
  out += pad;
  out += "  <";
  out += tag;
  out += '>';
  append_escaped(out, text);
  out += "</";
  out += tag;
  out += ">\n";
}

}  // namespace

std::string to_ideablock_xml(const IdeaBlock& block, int indent) {
  const std::string pad(static_cast<size_t>(indent > 0 ? indent : 0), ' ');
  std::string out;
  out.reserve(256 + block.name.size() + block.critical_question.size() + block.trusted_answer.size());
  out += pad;
  out += "<ideablock>\n";
  append_element(out, pad, "name", block.name);
  append_element(out, pad, "critical_question", block.critical_question);
  append_element(out, pad, "trusted_answer", block.trusted_answer);
  append_element(out, pad, "tags", join_list(block.tags));
  for (const auto& entity : block.entities) {
    out += pad;
    out += "  <entity><entity_name>";
    append_escaped(out, entity.name);
    out += "</entity_name><entity_type>";
    append_escaped(out, entity.type);
    out += "</entity_type></entity>\n";
  }
  append_element(out, pad, "keywords", join_list(block.keywords));
  out += pad;
  out += "</ideablock>\n";
  return out;
}

}  // namespace blockify
