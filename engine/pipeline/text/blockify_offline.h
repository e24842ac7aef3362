#pragma once
// The offline blockifier: deterministic, extractive, no model needed. It is the default
// backend so a fresh machine produces IdeaBlocks out of the box.
#include <string_view>
#include <vector>

#include "engine/domain/ideablock.h"

namespace blockify {

// Turns one chunk into 1–5 IdeaBlocks with every field filled: name (Title Case key
// phrase), critical_question (ends in "?"), trusted_answer (1–3 salient sentences,
// at most 500 characters), keywords (5–15), tags (upper case), entities (typed by rule).
// Source fields (file, chunk) are left for the caller. Empty or whitespace-only text
// yields no blocks.
std::vector<IdeaBlock> blockify_offline(std::string_view chunk_text);

}  // namespace blockify
