#include "engine/pipeline/text/minhash.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace blockify::minhash {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

uint64_t splitmix_next(uint64_t& state) {
  state += kGolden;
  return mix64(state);
}

// What each byte does to the word being read: kSeparator ends a word, kDropped is
// skipped, kLeadE2 may start a Unicode punctuation character, and any other value is the
// byte's lower-case form, part of the word.
constexpr uint8_t kSeparator = 0;
constexpr uint8_t kDropped = 1;
constexpr uint8_t kLeadE2 = 2;

constexpr std::array<uint8_t, 256> make_byte_classes() {
  std::array<uint8_t, 256> classes{};
  for (int b = 0; b < 256; ++b) {
    if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80) {
      classes[b] = static_cast<uint8_t>(b);
    } else if (b >= 'A' && b <= 'Z') {
      classes[b] = static_cast<uint8_t>(b + ('a' - 'A'));
    } else {
      classes[b] = b == '\'' ? kDropped : kSeparator;
    }
  }
  classes[0xE2] = kLeadE2;
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClasses = make_byte_classes();

// Reads the word stream of one text field, calling `on_word(hash)` for each word. Words
// are runs of ASCII letters and digits plus any non-ASCII UTF-8 text; apostrophes inside
// a word are dropped ("don't" = "dont"); other ASCII punctuation and the Unicode
// general-punctuation block (dashes, curly quotes, ellipsis) separate words.
// Bytes are packed eight to a 64-bit word before mixing, so the cost per byte is a shift
// and an or rather than a multiply chain.
template <typename OnWord>
void for_each_word(const std::string& text, OnWord&& on_word) {
  uint64_t state = kFnvOffset;
  uint64_t packed = 0;
  size_t pending = 0;
  size_t length = 0;
  auto finish_word = [&] {
    on_word(mix64(state ^ (packed * kFnvPrime) ^ length));
    state = kFnvOffset;
    packed = 0;
    pending = 0;
    length = 0;
  };
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  for (size_t i = 0; i < size; ++i) {
    uint8_t role = kByteClasses[bytes[i]];
    if (role == kLeadE2) {
      // U+2000..U+207F is punctuation, except U+2019, the typographic apostrophe.
      if (i + 2 < size && (bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81)) {
        role = bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 ? kDropped : kSeparator;
        i += 2;
      } else {
        role = 0xE2;
      }
    }
    if (role > kLeadE2) {
      packed = packed << 8 | role;
      ++length;
      if (++pending == 8) {
        state = (state ^ packed) * kGolden;
        packed = 0;
        pending = 0;
      }
    } else if (role == kSeparator && length > 0) {
      finish_word();
    }
  }
  if (length > 0) finish_word();
}

#if defined(__GNUC__)
#define BLOCKIFY_MINHASH_VECTORS 1
// The signature is nearly all of Distill's hashing: 128 multiply-add-min per shingle.
// GCC/Clang vector types keep 16 running minima in one register group and work at any
// -O level. On x86-64 an AVX-512 and an AVX2 build of the same loop are chosen at run
// time by CPU, so one binary is fast everywhere and every version gives the same
// result. (Not target_clones: its load-time resolver crashes under ThreadSanitizer.)
using Lanes = uint32_t __attribute__((vector_size(64)));
constexpr size_t kLanes = 16;

using LanesFunction = void (*)(const uint32_t*, size_t, const uint32_t*, const uint32_t*, size_t, uint32_t*);

__attribute__((always_inline)) inline void signature_lanes_body(const uint32_t* shingles, size_t count,
                                                                const uint32_t* multiplier,
                                                                const uint32_t* offset, size_t functions,
                                                                uint32_t* mins) {
  for (size_t f = 0; f < functions; f += kLanes) {
    Lanes mul, add;
    std::memcpy(&mul, multiplier + f, sizeof mul);
    std::memcpy(&add, offset + f, sizeof add);
    Lanes low = ~Lanes{};
    for (size_t s = 0; s < count; ++s) {
      const Lanes value = mul * shingles[s] + add;
      low = value < low ? value : low;
    }
    std::memcpy(mins + f, &low, sizeof low);
  }
}

void signature_lanes_portable(const uint32_t* shingles, size_t count, const uint32_t* multiplier,
                              const uint32_t* offset, size_t functions, uint32_t* mins) {
  signature_lanes_body(shingles, count, multiplier, offset, functions, mins);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) void signature_lanes_avx2(const uint32_t* shingles, size_t count,
                                                          const uint32_t* multiplier, const uint32_t* offset,
                                                          size_t functions, uint32_t* mins) {
  signature_lanes_body(shingles, count, multiplier, offset, functions, mins);
}

__attribute__((target("avx512f"))) void signature_lanes_avx512(const uint32_t* shingles, size_t count,
                                                               const uint32_t* multiplier,
                                                               const uint32_t* offset, size_t functions,
                                                               uint32_t* mins) {
  signature_lanes_body(shingles, count, multiplier, offset, functions, mins);
}
#endif

LanesFunction pick_signature_lanes() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return signature_lanes_avx512;
  if (__builtin_cpu_supports("avx2")) return signature_lanes_avx2;
#endif
  return signature_lanes_portable;
}
#endif

constexpr size_t kPrefetchAhead = 4;

void prefetch_text(const IdeaBlock& block) {
#if defined(__GNUC__)
  __builtin_prefetch(block.name.data());
  __builtin_prefetch(block.critical_question.data());
  __builtin_prefetch(block.trusted_answer.data());
  __builtin_prefetch(block.trusted_answer.data() + 64);
  __builtin_prefetch(block.trusted_answer.data() + 128);
#else
  (void)block;
#endif
}

// Sorts (key << 32 | index) by key with a stable LSD radix sort, 8 bits a pass. The input
// is in index order, so equal keys stay in index order: the same buckets every run.
void sort_by_key(std::vector<uint64_t>& items, std::vector<uint64_t>& scratch) {
  scratch.resize(items.size());
  for (int shift = 32; shift < 64; shift += 8) {
    size_t offsets[257] = {};
    for (uint64_t item : items) ++offsets[((item >> shift) & 0xff) + 1];
    for (size_t d = 1; d < 257; ++d) offsets[d] += offsets[d - 1];
    for (uint64_t item : items) scratch[offsets[(item >> shift) & 0xff]++] = item;
    items.swap(scratch);
  }
}

}  // namespace

HashFamily make_hash_family(size_t count, uint64_t seed) {
  HashFamily family;
  family.multiplier.resize(count);
  family.offset.resize(count);
  uint64_t state = seed;
  for (size_t i = 0; i < count; ++i) {
    family.multiplier[i] = static_cast<uint32_t>(splitmix_next(state) >> 32) | 1u;
    family.offset[i] = static_cast<uint32_t>(splitmix_next(state) >> 32);
  }
  return family;
}

bool Shingler::shingle(const IdeaBlock& block) {
  word_hashes.clear();
  shingles.clear();
  auto add_word = [this](uint64_t word) { word_hashes.push_back(word); };
  for_each_word(block.name, add_word);
  for_each_word(block.critical_question, add_word);
  for_each_word(block.trusted_answer, add_word);

  const size_t words = word_hashes.size();
  // A polynomial over already mixed word hashes: one multiply-add per word, finished by
  // a full mix, is a sound fingerprint of the word sequence.
  uint64_t text = kFnvOffset;
  for (uint64_t word : word_hashes) text = text * kGolden + word;
  text_hash = mix64(text ^ words);
  if (words == 0) return false;

  // A shingle's words are combined with a different rotation each, so order matters
  // ("job retry failed" differs from "retry job failed"), then mixed once.
  const size_t k = static_cast<size_t>(std::clamp(shingle_words, 1, 64));
  const size_t width = std::min(k, words);
  const size_t count = words - width + 1;
  shingles.resize(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t combined = word_hashes[i];
    for (size_t j = 1; j < width; ++j)
      combined ^= std::rotl(word_hashes[i + j], static_cast<int>((j * 21) % 64));
    shingles[i] = static_cast<uint32_t>(mix64(combined) >> 32);
  }
  return true;
}

void signature(const std::vector<uint32_t>& shingles, const HashFamily& family, uint32_t* mins) {
  const size_t functions = family.size();
  size_t first = 0;
#if defined(BLOCKIFY_MINHASH_VECTORS)
  const size_t whole_groups = functions / kLanes * kLanes;
  static const LanesFunction signature_lanes = pick_signature_lanes();
  signature_lanes(shingles.data(), shingles.size(), family.multiplier.data(), family.offset.data(),
                  whole_groups, mins);
  first = whole_groups;
#endif
  for (size_t f = first; f < functions; ++f) {
    uint32_t low = std::numeric_limits<uint32_t>::max();
    for (uint32_t x : shingles) low = std::min(low, family.multiplier[f] * x + family.offset[f]);
    mins[f] = low;
  }
}

Signatures::Signatures(size_t blocks, size_t functions_per_block, const BandLayout& band_layout)
    : count(blocks),
      functions(functions_per_block),
      layout(band_layout),
      compact(std::make_unique_for_overwrite<uint8_t[]>(blocks * functions_per_block)),
      band_keys(std::make_unique_for_overwrite<uint32_t[]>(blocks * static_cast<size_t>(band_layout.bands))),
      text_hash(blocks),
      has_words(blocks) {}

void fill_signatures(Signatures& signatures, const std::vector<IdeaBlock>& blocks, size_t begin, size_t end,
                     const HashFamily& family, int shingle_words) {
  Shingler shingler;
  shingler.shingle_words = shingle_words;
  std::vector<uint32_t> mins(signatures.functions);
  const size_t functions = signatures.functions;
  const int bands = signatures.layout.bands;
  const int rows = signatures.layout.rows;
  for (size_t i = begin; i < end; ++i) {
    // Block texts are scattered over the heap; asking for the next ones early hides
    // part of the cache misses, which cost as much as the hashing.
    if (i + kPrefetchAhead < end) prefetch_text(blocks[i + kPrefetchAhead]);
    const bool has_words = shingler.shingle(blocks[i]);
    signatures.has_words[i] = has_words ? 1 : 0;
    signatures.text_hash[i] = shingler.text_hash;
    uint8_t* compact = signatures.compact.get() + i * functions;
    if (!has_words) {
      // Never compared or bucketed; written only so that no byte stays undefined.
      std::fill(compact, compact + functions, uint8_t{0});
      for (int band = 0; band < bands; ++band)
        signatures.band_keys[static_cast<size_t>(band) * signatures.count + i] = 0;
      continue;
    }
    signature(shingler.shingles, family, mins.data());
    // The top bits of a product with an odd constant depend on every bit of the minimum.
    for (size_t f = 0; f < functions; ++f)
      compact[f] = static_cast<uint8_t>((uint64_t{mins[f]} * kGolden) >> 56);
    const uint32_t* row = mins.data();
    for (int band = 0; band < bands; ++band) {
      uint64_t key = static_cast<uint64_t>(band) + 1;
      for (int r = 0; r < rows; ++r) key = (key + *row++) * kGolden;
      signatures.band_keys[static_cast<size_t>(band) * signatures.count + i] =
          static_cast<uint32_t>(mix64(key) >> 32);
    }
  }
}

size_t equal_values_needed(const Signatures& signatures, double threshold) {
  const double t = std::clamp(threshold, 0.0, 1.0);
  const double needed = static_cast<double>(signatures.functions) * (t + (1.0 - t) / 256.0);
  return static_cast<size_t>(std::ceil(needed - 1e-9));
}

size_t equal_values(const Signatures& signatures, size_t a, size_t b) {
  const uint8_t* x = signatures.of(a);
  const uint8_t* y = signatures.of(b);
  size_t equal = 0;
  for (size_t f = 0; f < signatures.functions; ++f) equal += x[f] == y[f] ? 1 : 0;
  return equal;
}

BandBuckets bucket_band(const Signatures& signatures, int band) {
  std::vector<uint64_t> sorted, scratch;
  sorted.reserve(signatures.count);
  const uint32_t* keys = signatures.band_keys.get() + static_cast<size_t>(band) * signatures.count;
  for (size_t i = 0; i < signatures.count; ++i)
    if (signatures.has_words[i]) sorted.push_back(uint64_t{keys[i]} << 32 | i);
  sort_by_key(sorted, scratch);
  BandBuckets buckets;
  for (size_t start = 0; start < sorted.size();) {
    size_t end = start + 1;
    while (end < sorted.size() && (sorted[end] >> 32) == (sorted[start] >> 32)) ++end;
    if (end - start >= 2) {
      for (size_t k = start; k < end; ++k) buckets.members.push_back(static_cast<uint32_t>(sorted[k]));
      buckets.ends.push_back(static_cast<uint32_t>(buckets.members.size()));
    }
    start = end;
  }
  return buckets;
}

BandLayout choose_bands(double threshold, int functions) {
  functions = std::max(1, functions);
  const double t = std::clamp(threshold, 0.0, 1.0);
  for (int rows = functions; rows >= 1; --rows) {
    const int bands = functions / rows;
    const double hit = 1.0 - std::pow(1.0 - std::pow(t, rows), bands);
    if (hit >= 0.98) return {bands, rows};
  }
  return {functions, 1};
}

}  // namespace blockify::minhash
