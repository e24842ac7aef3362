#pragma once
// MinHash building blocks for Distill (internal to the pipeline): word shingles of a
// block's text, their signature, the LSH band layout for a similarity threshold, and the
// buckets of blocks that agree on a band.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/domain/ideablock.h"

namespace blockify::minhash {

// The hash functions h_i(x) = a_i * x + b_i (mod 2^32). Shingle hashes are already well
// mixed, so an odd multiplier and an offset per function are enough to give each
// function its own ordering (measured: the Jaccard estimate's error matches the textbook
// sqrt(J(1-J)/k)). 32-bit lanes let one vector instruction serve 8 or 16 functions.
struct HashFamily {
  std::vector<uint32_t> multiplier;  // odd
  std::vector<uint32_t> offset;
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
  std::vector<uint32_t> shingles;     // the result of the last shingle() call
  uint64_t text_hash = 0;             // hash of the whole normalised word sequence

  // Fills `shingles` and `text_hash`; returns false when the block has no words.
  bool shingle(const IdeaBlock& block);
};

// Writes the minimum of each hash function over `shingles` to `mins` (family.size()
// values). REQUIRES: shingles is not empty.
void signature(const std::vector<uint32_t>& shingles, const HashFamily& family, uint32_t* mins);

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

// Signatures of many blocks, ready for LSH. Each minimum is kept as an 8-bit
// fingerprint ("b-bit MinHash"): two different minima agree on 8 bits by chance 1 time
// in 256, which the estimate corrects for, so it stays as precise as with full values
// while a million signatures take 128 MB instead of 512 MB (first-touching memory is a
// large share of the run time on a virtual machine). The band keys are hashed from the
// full 32-bit minima while they are at hand, so unrelated blocks do not share a band by
// chance and each band's bucketing reads 4 bytes a block instead of a whole signature.
// The arrays are left uninitialised because fill_signatures writes every element once.
struct Signatures {
  Signatures(size_t blocks, size_t functions_per_block, const BandLayout& band_layout);

  size_t count = 0;
  size_t functions = 0;
  BandLayout layout;
  std::unique_ptr<uint8_t[]> compact;     // count * functions fingerprints
  std::unique_ptr<uint32_t[]> band_keys;  // layout.bands * count, band by band
  std::vector<uint64_t> text_hash;        // Shingler::text_hash per block
  std::vector<uint8_t> has_words;         // 0: no signature (the block has no words)

  const uint8_t* of(size_t block) const { return compact.get() + block * functions; }
};

// Fills the signatures and band keys of blocks [begin, end). Disjoint ranges may be
// filled at the same time from different threads.
void fill_signatures(Signatures& signatures, const std::vector<IdeaBlock>& blocks, size_t begin, size_t end,
                     const HashFamily& family, int shingle_words);

// How many fingerprints two signatures must share for their estimated Jaccard similarity
// to reach `threshold`. P(equal) is J + (1 - J) / 256 for 8-bit fingerprints, so the
// count is corrected for chance agreement.
size_t equal_values_needed(const Signatures& signatures, double threshold);

// How many fingerprints the signatures of blocks `a` and `b` share.
size_t equal_values(const Signatures& signatures, size_t a, size_t b);

// Blocks whose signatures agree on every row of one band, as buckets of two or more
// members in index order; bucket b is members[ends[b-1] .. ends[b]).
struct BandBuckets {
  std::vector<uint32_t> members;
  std::vector<uint32_t> ends;
};

// Buckets of one band (safe to run for different bands at the same time). Band keys are
// 32-bit hashes of the band's rows; a chance collision only adds a candidate that the
// signature comparison then rejects. REQUIRES: fewer than 2^32 blocks.
BandBuckets bucket_band(const Signatures& signatures, int band);

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
