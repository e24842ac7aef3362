#pragma once
// Sentence types, critical questions and tags for the offline blockifier.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/domain/ideablock.h"
#include "engine/pipeline/text/text_analysis.h"
#include "engine/pipeline/text/text_keywords.h"

namespace blockify::text {

enum class SentenceKind {
  kQuestion,     // ends with "?"
  kDefinition,   // "A chunk is a piece of text ...", "X means ...", "X refers to ..."
  kWarning,      // never, do not, avoid, caution
  kRequirement,  // must, required, important, ensure
  kProcess,      // opens with an instruction ("Click", "To retry a job, ..."), steps, lists
  kReason,       // because, due to, so that
  kComparison,   // than, compared to, unlike
  kStatement,
};

// The type of one sentence, by its opening words and cue words.
SentenceKind classify_sentence(const ChunkAnalysis& analysis, size_t sentence);

// A real question, ending in "?", that the block's answer (built around `main_sentence`)
// answers. Its form follows the sentence type: "What is <subject>?" for a definition,
// "How do you <task>?" for an instruction, and so on, with `phrase` as the fallback topic.
std::string critical_question(const ChunkAnalysis& analysis, size_t main_sentence, SentenceKind kind,
                              const KeyPhrase& phrase, const std::vector<Entity>& entities);

// Upper-case tags by rule over the group's sentence types and entities: IMPORTANT,
// WARNING, PROCESS, DEFINITION, METRIC, TECHNOLOGY, TIMELINE, PEOPLE, ORGANIZATION,
// LOCATION, COMPARISON, FAQ; INFORMATION when nothing else applies.
std::vector<std::string> block_tags(const ChunkAnalysis& analysis, const std::vector<size_t>& group,
                                    const std::vector<SentenceKind>& kinds,
                                    const std::vector<Entity>& entities);

}  // namespace blockify::text
