// Fuzz target for the chunker: bytes 0-1 give the chunk size, bytes 2-3 the overlap, the
// rest is the text. Every promise of engine/pipeline/text/chunk.h is checked on every input.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine/pipeline/text/chunk.h"
#include "engine/pipeline/extract/extract_formats.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_targets.h"

namespace blockify::fuzz {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t read_u16(std::string_view input, size_t at) {
  return static_cast<unsigned char>(input[at]) |
         (static_cast<size_t>(static_cast<unsigned char>(input[at + 1])) << 8);
}

}  // namespace

void fuzz_chunk(std::string_view input) {
  if (input.size() < 4) return;
  ChunkOptions options;
  options.size = read_u16(input, 0) % 4100;  // 0 ... 4099: below the minimum, around and past the default
  options.overlap = read_u16(input, 2) % 4100;
  const std::string_view text = input.substr(4);

  const std::vector<Chunk> chunks = chunk_text(text, options);
  if (text.empty()) {
    FUZZ_CHECK(chunks.empty(), "empty text gave chunks");
    return;
  }
  const size_t size = std::max<size_t>(options.size, 4);
  const size_t overlap = size < 16 ? 0 : std::min(options.overlap, size / 2);
  const size_t slack = std::max<size_t>(3, std::min<size_t>(32, overlap / 2));
  const bool utf8 = extract_internal::first_invalid_utf8(text) == std::string::npos;

  FUZZ_CHECK(!chunks.empty(), "non-empty text gave no chunks");
  FUZZ_CHECK(chunks.front().offset == 0, "the first chunk does not start at the beginning");
  FUZZ_CHECK(chunks.back().offset + chunks.back().text.size() == text.size(),
             "the last chunk does not reach the end");
  for (size_t i = 0; i < chunks.size(); ++i) {
    const Chunk& chunk = chunks[i];
    FUZZ_CHECK(!chunk.text.empty(), "an empty chunk");
    FUZZ_CHECK(chunk.text.size() <= size, "a chunk is longer than the chunk size");
    FUZZ_CHECK(chunk.offset + chunk.text.size() <= text.size() &&
                   text.substr(chunk.offset, chunk.text.size()) == chunk.text,
               "a chunk is not the source text at its offset");
    if (utf8) {
      FUZZ_CHECK(!is_continuation(text[chunk.offset]), "a chunk starts inside a UTF-8 character");
      const size_t end = chunk.offset + chunk.text.size();
      FUZZ_CHECK(end == text.size() || !is_continuation(text[end]), "a chunk ends inside a UTF-8 character");
    }
    if (i + 1 < chunks.size() && size >= 8)
      FUZZ_CHECK(chunk.text.size() > size / 2, "a chunk before the last is not longer than half the size");
    if (i == 0) continue;
    const Chunk& previous = chunks[i - 1];
    const size_t previous_end = previous.offset + previous.text.size();
    FUZZ_CHECK(chunk.offset > previous.offset, "chunk offsets do not increase");
    FUZZ_CHECK(chunk.offset + chunk.text.size() > previous_end, "chunk ends do not increase");
    FUZZ_CHECK(chunk.offset <= previous_end, "a gap between chunks: some text is in no chunk");
    const size_t shared = previous_end - chunk.offset;
    FUZZ_CHECK(shared <= overlap, "consecutive chunks share more than the overlap");
    FUZZ_CHECK(shared + slack >= overlap, "consecutive chunks share less than the overlap allows");
  }
}

}  // namespace blockify::fuzz
