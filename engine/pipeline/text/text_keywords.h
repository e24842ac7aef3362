#pragma once
// Keyword ranking and key-phrase choice for the offline blockifier.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/pipeline/text/text_analysis.h"

namespace blockify::text {

// 5 to `max_count` lower-case keywords for a block of sentences (indices into
// analysis.sentences): the block's own terms ranked by frequency in the block, chunk
// salience and first position, topped up with the chunk's strongest terms. Fewer than 5
// only when the whole chunk has fewer distinct content words.
std::vector<std::string> block_keywords(const ChunkAnalysis& analysis, const std::vector<size_t>& group,
                                        size_t max_count = 12);

struct KeyPhrase {
  std::string name;      // as written, single-spaced: becomes the Title Case block name
  std::string in_prose;  // the same words as they read inside a question ("retry policy")
  size_t words = 0;
  bool from_heading = false;
  bool proper = false;  // a name written with capitals in running text (Acme Corp)
  bool plural = false;
};

// The best 2–6 word phrase of the group for its name, skipping phrases in `used`
// (names already given to earlier blocks of the chunk, compared ignoring case). A heading that
// opens the group wins; otherwise runs of content words score by term salience.
KeyPhrase best_key_phrase(const ChunkAnalysis& analysis, const std::vector<size_t>& group,
                          const std::vector<std::string>& used);

}  // namespace blockify::text
