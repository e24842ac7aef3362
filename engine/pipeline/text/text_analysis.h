#pragma once
// One pass over a chunk that every offline-blockifier rule reads from: sentences, tokens
// and the chunk's candidate keywords (terms) with their salience.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/pipeline/text/text_sentences.h"
#include "engine/pipeline/text/text_tokens.h"

namespace blockify::text {

// A candidate keyword: a content word, plural and possessive folded ("jobs", "job's"
// count as "job").
struct Term {
  std::string_view key;      // folded lower-case form
  std::string_view display;  // lower-case form shown as the keyword
  int count = 0;
  size_t first_token = 0;
  bool in_heading = false;
  bool capitalised = false;  // written with a capital inside a sentence: likely a name
  bool weak = false;         // a verb or vague word (text_lexicon kWeakEdge)
  double weight = 0;         // salience in this chunk: frequency, heading, position
};

struct ChunkAnalysis {
  std::string_view text;
  std::string lower;  // ASCII lower case, same byte offsets as text
  std::vector<SentenceSpan> sentences;
  std::vector<Token> tokens;          // sentence by sentence, see SentenceSpan::token_begin
  std::vector<uint32_t> token_flags;  // per token: text_lexicon WordFlag bits
  std::vector<int> token_term;        // per token: index into terms, or -1
  std::vector<Term> terms;

  uint32_t flags(size_t t) const { return token_flags[t]; }
  // Spans come from the text itself, so they need no bounds check (substr would add one
  // per call, on the hottest paths).
  std::string_view token_text(size_t t) const {
    return std::string_view(text.data() + tokens[t].begin, tokens[t].end - tokens[t].begin);
  }
  std::string_view token_lower(size_t t) const {
    return std::string_view(lower.data() + tokens[t].begin, tokens[t].end - tokens[t].begin);
  }
  std::string_view sentence_text(size_t s) const {
    return std::string_view(text.data() + sentences[s].begin, sentences[s].end - sentences[s].begin);
  }
};

// Analyses one chunk. The result keeps views into `text`, which must outlive it.
ChunkAnalysis analyse_chunk(std::string_view text);

}  // namespace blockify::text
