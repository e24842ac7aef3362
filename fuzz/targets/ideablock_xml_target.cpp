// Fuzz target for the IdeaBlock XML scanner that reads model replies: any reply text must
// parse without crashing, keep only blocks that have a name or an answer, keep valid
// UTF-8 valid, and what the export writes from a parsed block must read back the same.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/ideablock_xml.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_targets.h"

namespace blockify::fuzz {
namespace {

bool is_utf8(std::string_view text) {
  return extract_internal::first_invalid_utf8(text) == std::string::npos;
}

bool all_utf8(const IdeaBlock& block) {
  if (!is_utf8(block.name) || !is_utf8(block.critical_question) || !is_utf8(block.trusted_answer))
    return false;
  for (const auto& list : {&block.tags, &block.keywords})
    for (const auto& item : *list)
      if (!is_utf8(item)) return false;
  for (const auto& entity : block.entities)
    if (!is_utf8(entity.name) || !is_utf8(entity.type)) return false;
  return true;
}

// True when the export writes `text` as nothing a reader keeps: only control characters
// XML 1.0 forbids (the writer drops them) and whitespace (the reader trims it).
bool blank_after_export(const std::string& text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool dropped = byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
    if (!dropped && !std::isspace(byte)) return false;
  }
  return true;
}

// The export of a block, read back as one block. The writer drops control characters
// XML forbids and the reader trims, so the first write may normalise; from then on the
// text must be a fixed point.
void check_round_trip(const IdeaBlock& parsed) {
  const std::string first = to_ideablock_xml(parsed);
  const std::vector<IdeaBlock> again = parse_ideablock_xml(first);
  if (again.empty()) {
    // Only possible when the name and the answer hold nothing but characters the writer
    // drops (XML-forbidden controls) and whitespace the reader trims.
    FUZZ_CHECK(blank_after_export(parsed.name) && blank_after_export(parsed.trusted_answer),
               "an exported block with a name or an answer does not read back");
    return;
  }
  FUZZ_CHECK(again.size() == 1, "one exported block reads back as several");
  const std::string second = to_ideablock_xml(again[0]);
  const std::vector<IdeaBlock> third = parse_ideablock_xml(second);
  FUZZ_CHECK(third.size() == 1, "a re-exported block does not read back as one block");
  FUZZ_CHECK(to_ideablock_xml(third[0]) == second, "export and parse disagree about a block's text");
}

}  // namespace

void fuzz_ideablock_xml(std::string_view input) {
  const std::vector<IdeaBlock> blocks = parse_ideablock_xml(input);
  const bool input_utf8 = is_utf8(input);
  for (const auto& block : blocks) {
    FUZZ_CHECK(!block.name.empty() || !block.trusted_answer.empty(),
               "a block without a name or an answer was kept");
    if (input_utf8) FUZZ_CHECK(all_utf8(block), "a UTF-8 reply produced a block with broken UTF-8");
    check_round_trip(block);
  }
}

}  // namespace blockify::fuzz
