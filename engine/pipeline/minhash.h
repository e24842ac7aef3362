#pragma once
// MinHash building blocks for Distill (internal to the pipeline): word shingles of a
// block's text, their signature, and the LSH band layout for a similarity threshold.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/domain/ideablock.h"

namespace blockify::minhash {

// The hash functions h_i(x) = a_i * x + b_i (mod 2^64). Shingle hashes are already
// well mixed 64-bit values, so an odd multiplier and an offset per function are enough
// to give each function its own ordering, at one multiply-add per value.
struct HashFamily {
  std::vector<uint64_t> multiplier;  // odd
  std::vector<uint64_t> offset;
  size_t size() const { return multiplier.size(); }
};

// `count` functions drawn deterministically from `seed`.
HashFamily make_hash_family(size_t count, uint64_t seed);

// The words of a block's name, critical question and trusted answer, lower-cased with
// punctuation stripped, turned into hashes of `shingle_words` consecutive words.
// A block with fewer words than that gets one shingle of all its words, so that short
// blocks still merge with identical ones. Buffers are reused across calls so that a
// million blocks do not mean a million allocations.
struct Shingler {
  int shingle_words = 3;
  std::vector<uint64_t> word_hashes;  // scratch
  std::vector<uint64_t> shingles;     // the result of the last shingle() call
  uint64_t text_hash = 0;             // hash of the whole normalised word sequence

  // Fills `shingles` and `text_hash`; returns false when the block has no words.
  bool shingle(const IdeaBlock& block);
};

// Writes the minimum of each hash function over `shingles` to `mins` (family.size()
// values). REQUIRES: shingles is not empty.
void signature(const std::vector<uint64_t>& shingles, const HashFamily& family, uint64_t* mins);

// LSH banding: `bands` bands of `rows` signature values each (bands * rows <= the number
// of hash functions). Two blocks become candidates when all rows of any one band agree,
// which happens with probability 1 - (1 - J^rows)^bands for Jaccard similarity J.
struct BandLayout {
  int bands = 1;
  int rows = 1;
};

// The layout with the most rows per band (fewest false candidates to confirm) that still
// makes a pair exactly at `threshold` a candidate with probability >= 0.98. Pairs above
// the threshold are then almost never missed; pairs below it that slip in are rejected
// by the signature comparison. For 128 functions: 0.8 -> 18 x 7 (S-curve midpoint 0.66),
// 0.9 -> 11 x 11, 0.5 -> 42 x 3, 1.0 -> 1 x 128.
BandLayout choose_bands(double threshold, int functions);

// A 64-bit finaliser with good avalanche (every input bit flips about half the output).
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace blockify::minhash
