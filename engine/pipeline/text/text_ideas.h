#pragma once
// Grouping a chunk's sentences into ideas and picking each idea's trusted answer.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/pipeline/text/text_analysis.h"

namespace blockify::text {

// Splits the chunk's sentences (in order) into 1–5 groups of consecutive sentences, one
// per idea: headings and paragraph breaks are preferred cut points, then places where
// consecutive sentences stop sharing keywords. About one idea per 450 bytes of prose;
// a heading always starts a new idea and stays with the text under it.
std::vector<std::vector<size_t>> group_ideas(const ChunkAnalysis& analysis);

// How much each sentence says: summed salience of its keywords, normalised by length,
// discounted for fragments cut by the chunk edge and for very short lines.
std::vector<double> sentence_salience(const ChunkAnalysis& analysis);

// The 1–3 most salient sentences of a group, in reading order, joined by spaces (by
// "; " after a list line or title without a full stop) and at most `max_bytes` long (a single over-long
// sentence is cut at a word boundary and ends with "…"). Markdown link and emphasis syntax is dropped, the
// words are kept. Sets *quoted to the sentences used, most salient first.
std::string trusted_answer(const ChunkAnalysis& analysis, const std::vector<size_t>& group,
                           const std::vector<double>& salience, size_t max_bytes,
                           std::vector<size_t>* quoted);

// Cuts text to at most max_bytes at a word boundary (or a character boundary inside a
// very long word), ending with "…" when anything was removed.
std::string cut_at_word(const std::string& text, size_t max_bytes);

}  // namespace blockify::text
