// Writing IdeaBlock XML in exactly the shape PRODUCT.md shows, for export files.
#include <string>

#include "engine/pipeline/ideablock_xml.h"

namespace blockify {

void append_xml_escaped(std::string& out, std::string_view text, XmlPlace place) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += place == XmlPlace::Attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += place == XmlPlace::Attribute ? "&#10;" : "\n";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
}

namespace {

void append_element(std::string& out, const std::string& pad, const char* tag, const std::string& text) {
  out += pad;
  out += "  <";
  out += tag;
  out += '>';
  append_xml_escaped(out, text);
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
    append_xml_escaped(out, entity.name);
    out += "</entity_name><entity_type>";
    append_xml_escaped(out, entity.type);
    out += "</entity_type></entity>\n";
  }
  append_element(out, pad, "keywords", join_list(block.keywords));
  out += pad;
  out += "</ideablock>\n";
  return out;
}

}  // namespace blockify
