#pragma once
// Chunk: split extracted text into overlapping pieces for the blockifier.
//
// Folder engine/pipeline/text/: from text to IdeaBlocks without a model. Chunking, the
// offline blockifier (sentences, keywords, entities, questions) and Distill's MinHash.
// Pure functions, run on the worker that runs the job.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace blockify {

struct ChunkOptions {
  size_t size = 2000;    // maximum characters (UTF-8 bytes) per chunk
  size_t overlap = 200;  // characters shared by consecutive chunks
};

struct Chunk {
  size_t offset = 0;  // byte offset of the chunk's first character in the source text
  std::string text;
};

// Splits at paragraph boundaries, then sentence, then word boundaries, never inside a
// UTF-8 sequence. No chunk exceeds options.size (sizes below 4 count as 4); every byte
// of the text is in some chunk; offsets strictly increase. Consecutive chunks share
// exactly the end of the previous chunk, of length L with
// overlap' − max(3, min(32, overlap'/2)) ≤ L ≤ overlap', where overlap' =
// min(options.overlap, size / 2) (0 when size < 16), so it always terminates.
std::vector<Chunk> chunk_text(std::string_view text, const ChunkOptions& options);

}  // namespace blockify
