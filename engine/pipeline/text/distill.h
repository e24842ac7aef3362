#pragma once
// Distill: merge near-duplicate IdeaBlocks across a job with MinHash + LSH.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/domain/ideablock.h"

namespace blockify {

struct DistillOptions {
  double threshold = 0.8;  // estimated Jaccard similarity at or above which blocks merge
  int permutations = 128;
  int shingle_words = 3;
  uint64_t seed = 0x5eed;
  // Embedding vectors by block index (the job's Embeddings stage), or null. When both
  // blocks of an LSH candidate pair have one, the pair merges by cosine >=
  // vector_threshold instead of by estimated Jaccard; otherwise nothing changes.
  const std::vector<std::vector<float>>* vectors = nullptr;
  double vector_threshold = 0.9;
};

struct DistillResult {
  // For each input block (by index): the index of its cluster's representative
  // (its own index when it represents itself).
  std::vector<size_t> representative;
  size_t clusters = 0;  // number of distinct representatives
};

// Finds clusters of near-duplicates (LSH candidates confirmed by estimated Jaccard >=
// threshold, or by cosine when both have vectors, joined with union-find) and picks the most complete block
// of each cluster as representative. Representatives get the cluster's keywords, tags and entities merged in
// (in place). Blocks are never removed; callers mark non-representatives.
DistillResult distill(std::vector<IdeaBlock>& blocks, const DistillOptions& options = {});

}  // namespace blockify
