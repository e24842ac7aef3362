#pragma once
// Rule-based entity typing for the offline blockifier. Each rule is a pattern over the
// tokens of one sentence:
//   DATE          2024-03-05, 12/31/2024, "March 5, 2024", "5 March 2024", Q3 2024, years
//   METRIC        45%, "200 ms", 5GB, "$3 million", "10 percent"
//   PERSON        Mr/Mrs/Ms/Dr/Prof + name; two or three capitalised words after a cue
//                 ("by", "CEO", "according to") or before one ("said"), or a known given name
//   ORGANIZATION  capitalised names ending Inc/Ltd/Corp/University/...; "Bank of ...";
//                 stand-alone all-caps acronyms (NASA)
//   TECHNOLOGY    a short list: API, SQL, PDF, GPU, Linux, Python, ...
//   LOCATION      a list of countries, regions and cities; "in <Capitalised>" before
//                 punctuation or a function word ("in Frankfurt in May")
//   PRODUCT       a capitalised name followed by a version or ™/®; camel-case names (iPhone)
//   CONCEPT       other multi-word capitalised names (Retry Policy)
//   OTHER         other capitalised words inside a sentence
#include <cstddef>
#include <vector>

#include "engine/domain/ideablock.h"
#include "engine/pipeline/text/text_analysis.h"

namespace blockify::text {

// Appends the entities of sentence `sentence` in reading order. Names are the words as
// written ("Dr. Jane Smith", "Acme Corp"); duplicates are left for the caller to drop.
void find_entities(const ChunkAnalysis& analysis, size_t sentence, std::vector<Entity>& out);

}  // namespace blockify::text
