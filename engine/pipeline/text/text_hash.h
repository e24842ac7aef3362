#pragma once
// A small open-addressing hash map from string_view to a value, for the blockifier's
// hot paths: no node allocations and a cheap FNV-1a hash over short words, where
// std::unordered_map spends most of its time allocating and hashing.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace blockify::text {

// Reads a word in at most a few 4- or 8-byte loads (words are short), then mixes with
// multiplications; far cheaper than hashing byte by byte.
inline uint64_t hash_word(std::string_view word) {
  const char* p = word.data();
  const size_t n = word.size();
  auto load64 = [](const char* at) {
    uint64_t v;
    std::memcpy(&v, at, 8);
    return v;
  };
  auto load32 = [](const char* at) {
    uint32_t v;
    std::memcpy(&v, at, 4);
    return static_cast<uint64_t>(v);
  };
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) a = (a ^ load64(p + i)) * 0x9E3779B97F4A7C15ull;
    b = load64(p + n - 8);
  } else if (n >= 4) {
    a = load32(p);
    b = load32(p + n - 4);
  } else if (n > 0) {
    a = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
        static_cast<unsigned char>(p[n - 1]);
  }
  uint64_t h = (a ^ 0xA0761D6478BD642Full) * (b ^ 0xE7037ED1A0B428DBull ^ n);
  h ^= h >> 32;
  h *= 0x8EBC6AF09C88C6E3ull;
  return h ^ (h >> 29);
}

// Short keys compare byte by byte inline; a memcmp call costs more than the words.
inline bool same_word(std::string_view x, std::string_view y) {
  if (x.size() != y.size()) return false;
  if (x.size() > 16) return x == y;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i] != y[i]) return false;
  return true;
}

// Keys are views: the caller keeps the bytes they point to alive as long as the map.
template <typename Value>
class FlatWordMap {
 public:
  // Prepares for up to `expected` keys; drops any previous content.
  void reset(size_t expected) {
    size_t capacity = 16;
    while (capacity < expected * 2) capacity <<= 1;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_ = 0;
  }

  // The value stored for `key`, inserting `initial` first when the key is new.
  Value& find_or_insert(std::string_view key, const Value& initial, bool* inserted) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const uint64_t hash = hash_word(key);
    size_t i = hash & mask_;
    while (slots_[i].used) {
      if (slots_[i].hash == hash && same_word(slots_[i].key, key)) {
        *inserted = false;
        return slots_[i].value;
      }
      i = (i + 1) & mask_;
    }
    slots_[i] = Slot{key, hash, initial, true};
    ++size_;
    *inserted = true;
    return slots_[i].value;
  }

  // The value for `key`, or nullptr.
  const Value* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t hash = hash_word(key);
    size_t i = hash & mask_;
    while (slots_[i].used) {
      if (slots_[i].hash == hash && same_word(slots_[i].key, key)) return &slots_[i].value;
      i = (i + 1) & mask_;
    }
    return nullptr;
  }

 private:
  struct Slot {
    std::string_view key;
    uint64_t hash = 0;  // compared first, so probes rarely touch the key bytes
    Value value{};
    bool used = false;
  };

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    reset(old.size() < 8 ? 8 : old.size());
    bool inserted = false;
    for (const Slot& slot : old)
      if (slot.used) find_or_insert(slot.key, slot.value, &inserted);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace blockify::text
