#pragma once
// IdeaBlock XML, as PRODUCT.md shows it: written for export, parsed from model replies.
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain/ideablock.h"

namespace blockify {

// Where escaped text goes: between tags, or inside a double- or single-quoted attribute.
enum class XmlPlace { Content, Attribute };

// Appends `text` escaped for `place`, so that a parser reads back exactly `text`: & < > "
// and ' become entities; control characters XML 1.0 forbids are dropped, so a stray byte
// from an extracted document cannot make a whole export unreadable; a carriage return is
// written as &#13; (a parser would turn a raw one into a line feed), and in an attribute
// tabs and line feeds are written as references too (a parser would turn raw ones into
// spaces).
void append_xml_escaped(std::string& out, std::string_view text, XmlPlace place = XmlPlace::Content);

// One <ideablock> element, indented by `indent` spaces, ending in a newline.
std::string to_ideablock_xml(const IdeaBlock& block, int indent = 0);

// Every <ideablock> found in free text (a model reply): text around and between blocks
// is ignored, missing optional fields are left empty, malformed blocks are skipped.
// A block needs at least a name or a trusted_answer to count.
std::vector<IdeaBlock> parse_ideablock_xml(std::string_view text);

}  // namespace blockify
