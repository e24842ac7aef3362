#pragma once
// IdeaBlock XML, as PRODUCT.md shows it: written for export, parsed from model replies.
#include <string>
#include <string_view>
#include <vector>

#include "engine/domain/ideablock.h"

namespace blockify {

// One <ideablock> element, indented by `indent` spaces, ending in a newline.
std::string to_ideablock_xml(const IdeaBlock& block, int indent = 0);

// Every <ideablock> found in free text (a model reply): text around and between blocks
// is ignored, missing optional fields are left empty, malformed blocks are skipped.
// A block needs at least a name or a trusted_answer to count.
std::vector<IdeaBlock> parse_ideablock_xml(std::string_view text);

}  // namespace blockify
