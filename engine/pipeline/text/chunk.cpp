// Chunking works in bytes: options.size and options.overlap count UTF-8 bytes, which the
// product calls characters. The exact guarantees, proved by tests/engine/chunk_test.cpp:
//
//  * size below 4 is treated as 4, because one UTF-8 character can take four bytes;
//    no chunk is longer than that effective size.
//  * The effective overlap is min(overlap, size / 2), and 0 when size < 16: a larger
//    overlap could not move forward, so it is clamped instead of looping forever.
//  * Cuts never fall inside a UTF-8 sequence. A chunk ends, in order of preference,
//    after a blank line (paragraph), after sentence punctuation or a line break
//    (sentence), before a word, or, only inside a run longer than the chunk, at a
//    character boundary. Boundary cuts are taken only in the back half of the chunk, so
//    every chunk but the last is longer than size / 2 (for size >= 8).
//  * Consecutive chunks share exactly the previous chunk's suffix that starts at the
//    next chunk's offset. Its length L satisfies overlap - slack <= L <= overlap, where
//    slack = max(3, min(32, overlap / 2)): the overlap starts at the first word start in
//    the slack window, else at the first character boundary at or after `overlap`
//    bytes from the end.
//  * Offsets and chunk ends strictly increase, the first chunk starts at 0 and the last
//    ends at the end of the text, so every byte is covered. Empty text gives no chunks.
#include "engine/pipeline/text/chunk.h"

#include <algorithm>

#include "engine/pipeline/text/text_tokens.h"

namespace blockify {
namespace {

using text::is_continuation;
using text::is_space;

constexpr size_t kMinChunkSize = 4;
constexpr size_t kMinSizeWithOverlap = 16;
constexpr size_t kMaxOverlapSlack = 32;

enum class Boundary { kWord, kSentence, kParagraph };

// The CJK full stop, exclamation and question marks end sentences without a space.
bool ends_with_cjk_terminator(std::string_view text, size_t p) {
  if (p < 3) return false;
  const std::string_view last = text.substr(p - 3, 3);
  return last == "\xE3\x80\x82" || last == "\xEF\xBC\x81" || last == "\xEF\xBC\x9F";
}

// Kind of break before text[p], where a word starts right after whitespace.
Boundary classify_word_start(std::string_view text, size_t p, size_t floor) {
  size_t q = p;
  int newlines = 0;
  while (q > floor && is_space(text[q - 1])) {
    if (text[q - 1] == '\n') ++newlines;
    --q;
  }
  if (newlines >= 2) return Boundary::kParagraph;
  if (newlines == 1) return Boundary::kSentence;
  while (q > floor && (text[q - 1] == '"' || text[q - 1] == '\'' || text[q - 1] == ')' || text[q - 1] == ']'))
    --q;
  if (q > floor && (text[q - 1] == '.' || text[q - 1] == '!' || text[q - 1] == '?'))
    return Boundary::kSentence;
  if (ends_with_cjk_terminator(text, q)) return Boundary::kSentence;
  return Boundary::kWord;
}

// Last character boundary in (floor, at]; `at` itself when the bytes are not UTF-8.
size_t char_boundary_before(std::string_view text, size_t floor, size_t at) {
  for (size_t p = at; p > floor && at - p < 4; --p)
    if (p == text.size() || !is_continuation(text[p])) return p;
  return at;
}

// First character boundary in [at, limit]; `at` itself when the bytes are not UTF-8.
size_t char_boundary_after(std::string_view text, size_t at, size_t limit) {
  for (size_t p = at; p <= limit && p - at < 4; ++p)
    if (p == text.size() || !is_continuation(text[p])) return p;
  return at;
}

// Where the chunk that starts at `pos` should end: the best boundary in
// [min_end, limit], scanning backwards so the chunk stays as long as possible.
size_t find_chunk_end(std::string_view text, size_t pos, size_t min_end, size_t limit) {
  size_t sentence = 0;
  size_t word = 0;
  for (size_t p = limit; p >= min_end; --p) {
    const char before = text[p - 1];
    if (is_space(before)) {
      if (is_space(text[p])) continue;
      const Boundary kind = classify_word_start(text, p, pos);
      if (kind == Boundary::kParagraph) return p;
      if (kind == Boundary::kSentence && sentence == 0) sentence = p;
      if (word == 0) word = p;
    } else if (sentence == 0 && is_continuation(before) && !is_continuation(text[p]) &&
               ends_with_cjk_terminator(text, p)) {
      sentence = p;
    }
  }
  if (sentence != 0) return sentence;
  if (word != 0) return word;
  return char_boundary_before(text, pos, limit);
}

// Where the next chunk starts so that it repeats about `overlap` bytes of the chunk
// [pos, end): at a word start when one is near, else at a character boundary.
size_t next_chunk_start(std::string_view text, size_t end, size_t overlap) {
  if (overlap == 0) return end;
  const size_t from = end - overlap;
  const size_t slack = std::min(kMaxOverlapSlack, overlap / 2);
  for (size_t q = from; q <= from + slack && q < end; ++q)
    if (q > 0 && is_space(text[q - 1]) && !is_space(text[q])) return q;
  return char_boundary_after(text, from, end);
}

}  // namespace

std::vector<Chunk> chunk_text(std::string_view text, const ChunkOptions& options) {
  std::vector<Chunk> chunks;
  if (text.empty()) return chunks;
  const size_t size = std::max(options.size, kMinChunkSize);
  const size_t overlap = size < kMinSizeWithOverlap ? 0 : std::min(options.overlap, size / 2);
  chunks.reserve(text.size() / (size - overlap) + 1);
  size_t pos = 0;
  while (true) {
    if (text.size() - pos <= size) {
      chunks.push_back(Chunk{pos, std::string(text.substr(pos))});
      break;
    }
    // Cutting no earlier than the middle keeps every new chunk longer than the
    // overlap it repeats, so each step moves forward.
    const size_t limit = pos + size;
    const size_t end = find_chunk_end(text, pos, pos + size / 2 + 1, limit);
    chunks.push_back(Chunk{pos, std::string(text.substr(pos, end - pos))});
    const size_t next = next_chunk_start(text, end, overlap);
    pos = next > pos ? next : end;
  }
  return chunks;
}

}  // namespace blockify
