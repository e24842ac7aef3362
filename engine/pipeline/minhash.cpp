#include "engine/pipeline/minhash.h"

#include <algorithm>
#include <cmath>
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

// What a byte does to the word being read.
enum class ByteRole { Letter, Separator, Dropped };

// Reads the word stream of one text field, calling `on_word(hash)` for each word. Words
// are runs of ASCII letters and digits plus any non-ASCII UTF-8 text; apostrophes inside
// a word are dropped ("don't" = "dont"); other ASCII punctuation and the Unicode
// general-punctuation block (dashes, curly quotes, ellipsis) separate words.
template <typename OnWord>
void for_each_word(const std::string& text, OnWord&& on_word) {
  uint64_t hash = kFnvOffset;
  size_t length = 0;
  const size_t size = text.size();
  for (size_t i = 0; i < size;) {
    const auto byte = static_cast<unsigned char>(text[i]);
    ByteRole role;
    size_t step = 1;
    unsigned char folded = byte;
    if (byte < 0x80) {
      if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9')) {
        role = ByteRole::Letter;
      } else if (byte >= 'A' && byte <= 'Z') {
        role = ByteRole::Letter;
        folded = static_cast<unsigned char>(byte + ('a' - 'A'));
      } else {
        role = byte == '\'' ? ByteRole::Dropped : ByteRole::Separator;
      }
    } else if (byte == 0xE2 && i + 2 < size &&
               (static_cast<unsigned char>(text[i + 1]) == 0x80 || static_cast<unsigned char>(text[i + 1]) == 0x81)) {
      // U+2000..U+207F. U+2019 (right single quote) is the typographic apostrophe.
      const bool apostrophe =
          static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) == 0x99;
      role = apostrophe ? ByteRole::Dropped : ByteRole::Separator;
      step = 3;
    } else {
      role = ByteRole::Letter;
    }
    if (role == ByteRole::Letter) {
      hash = (hash ^ folded) * kFnvPrime;
      ++length;
    } else if (role == ByteRole::Separator && length > 0) {
      on_word(mix64(hash ^ length));
      hash = kFnvOffset;
      length = 0;
    }
    i += step;
  }
  if (length > 0) on_word(mix64(hash ^ length));
}

}  // namespace

HashFamily make_hash_family(size_t count, uint64_t seed) {
  HashFamily family;
  family.multiplier.resize(count);
  family.offset.resize(count);
  uint64_t state = seed;
  for (size_t i = 0; i < count; ++i) {
    family.multiplier[i] = splitmix_next(state) | 1;
    family.offset[i] = splitmix_next(state);
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
  uint64_t text = kFnvOffset;
  for (uint64_t word : word_hashes) text = mix64(text * kGolden + word);
  text_hash = mix64(text + words);
  if (words == 0) return false;

  const size_t k = static_cast<size_t>(std::max(1, shingle_words));
  const size_t width = std::min(k, words);
  const size_t count = words - width + 1;
  shingles.resize(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t shingle_hash = word_hashes[i];
    for (size_t j = 1; j < width; ++j) shingle_hash = mix64(shingle_hash * kGolden + word_hashes[i + j]);
    shingles[i] = shingle_hash;
  }
  return true;
}

void signature(const std::vector<uint64_t>& shingles, const HashFamily& family, uint64_t* mins) {
  const size_t functions = family.size();
  const uint64_t* multiplier = family.multiplier.data();
  const uint64_t* offset = family.offset.data();
  std::fill(mins, mins + functions, std::numeric_limits<uint64_t>::max());
  for (uint64_t shingle_hash : shingles) {
    for (size_t i = 0; i < functions; ++i) {
      const uint64_t value = multiplier[i] * shingle_hash + offset[i];
      mins[i] = value < mins[i] ? value : mins[i];
    }
  }
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
