// Distill: MinHash signatures, LSH banding, confirmation by estimated Jaccard, union-find
// clusters, and the merge of each cluster's lists into its most complete block.
#include "engine/pipeline/distill.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "engine/pipeline/minhash.h"

namespace blockify {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr size_t kBlocksPerTask = 4096;
// How many earlier members of an LSH bucket each member is checked against (besides the
// bucket's first member). Big buckets are almost always copies of one text, which chain
// through their neighbours, so a short look-back keeps huge buckets linear in size.
constexpr size_t kLookBack = 16;

// Runs task(0..items-1) on up to `threads` threads pulling items from a shared counter,
// so outputs indexed by item are the same whatever the scheduling. Falls back to fewer
// threads if the system refuses to start one; an exception in any task is rethrown here
// rather than terminating a helper thread.
template <typename Task>
void parallel_for(size_t items, unsigned threads, const Task& task) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    try {
      for (size_t item; !failed.load() && (item = next.fetch_add(1)) < items;) task(item);
    } catch (...) {
      failed = true;
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads && t < items; ++t) {
    try {
      helpers.emplace_back(worker);
    } catch (const std::system_error&) {
      break;
    }
  }
  worker();
  for (auto& helper : helpers) helper.join();
  if (failed) throw std::runtime_error("a distill task failed");
}

unsigned worker_threads(size_t blocks) {
  if (blocks < 2 * kBlocksPerTask) return 1;
  const unsigned hardware = std::thread::hardware_concurrency();
  return std::clamp(hardware, 1u, 4u);
}

// Per block: a compact signature (16 bits of each minimum: the chance that two
// different minima agree on them is 1/65536, far below the 1/128 resolution of the
// estimate) and one 32-bit key per LSH band, stored band-major for the bucketing pass.
struct Signatures {
  size_t count = 0;
  size_t functions = 0;
  minhash::BandLayout layout;
  std::vector<uint16_t> compact;    // count * functions
  std::vector<uint32_t> band_keys;  // layout.bands * count
  std::vector<uint64_t> text_hash;
  std::vector<uint8_t> has_words;

  const uint16_t* of(size_t block) const { return compact.data() + block * functions; }
};

Signatures compute_signatures(const std::vector<IdeaBlock>& blocks, const DistillOptions& options,
                              const minhash::BandLayout& layout, unsigned threads) {
  Signatures sig;
  sig.count = blocks.size();
  sig.functions = static_cast<size_t>(std::max(1, options.permutations));
  sig.layout = layout;
  sig.compact.resize(sig.count * sig.functions);
  sig.band_keys.resize(static_cast<size_t>(layout.bands) * sig.count);
  sig.text_hash.resize(sig.count);
  sig.has_words.resize(sig.count);
  const minhash::HashFamily family = minhash::make_hash_family(sig.functions, options.seed);
  const size_t tasks = (sig.count + kBlocksPerTask - 1) / kBlocksPerTask;
  parallel_for(tasks, threads, [&](size_t task) {
    minhash::Shingler shingler;
    shingler.shingle_words = options.shingle_words;
    std::vector<uint64_t> mins(sig.functions);
    const size_t end = std::min(sig.count, (task + 1) * kBlocksPerTask);
    for (size_t i = task * kBlocksPerTask; i < end; ++i) {
      const bool has_words = shingler.shingle(blocks[i]);
      sig.has_words[i] = has_words ? 1 : 0;
      sig.text_hash[i] = shingler.text_hash;
      if (!has_words) continue;
      minhash::signature(shingler.shingles, family, mins.data());
      uint16_t* compact = sig.compact.data() + i * sig.functions;
      for (size_t f = 0; f < sig.functions; ++f) compact[f] = static_cast<uint16_t>(minhash::mix64(mins[f]) >> 48);
      for (int band = 0; band < layout.bands; ++band) {
        uint64_t key = static_cast<uint64_t>(band) + 1;
        for (int row = 0; row < layout.rows; ++row)
          key = minhash::mix64(key * 0x9e3779b97f4a7c15ULL + mins[static_cast<size_t>(band * layout.rows + row)]);
        sig.band_keys[static_cast<size_t>(band) * sig.count + i] = static_cast<uint32_t>(key >> 32);
      }
    }
  });
  return sig;
}

// Members of one band's buckets that hold two or more blocks, in index order within a
// bucket; bucket b is members[ends[b-1] .. ends[b]).
struct BandBuckets {
  std::vector<uint32_t> members;
  std::vector<uint32_t> ends;
};

BandBuckets bucket_band(const Signatures& sig, int band) {
  const uint32_t* keys = sig.band_keys.data() + static_cast<size_t>(band) * sig.count;
  std::vector<uint64_t> sorted;
  sorted.reserve(sig.count);
  for (size_t i = 0; i < sig.count; ++i)
    if (sig.has_words[i]) sorted.push_back(static_cast<uint64_t>(keys[i]) << 32 | i);
  std::sort(sorted.begin(), sorted.end());
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

class UnionFind {
 public:
  explicit UnionFind(size_t count) : parent_(count), size_(count, 1) {
    for (size_t i = 0; i < count; ++i) parent_[i] = static_cast<uint32_t>(i);
  }
  uint32_t find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

// Joins LSH candidates whose estimated Jaccard (share of equal signature values) reaches
// the threshold. At threshold 1.0 the whole normalised text must match as well, because
// a signature can agree everywhere for texts that differ in a word or two.
void join_candidates(const Signatures& sig, const std::vector<BandBuckets>& bands, double threshold, UnionFind& sets) {
  const bool exact = threshold >= 1.0;
  const size_t functions = sig.functions;
  const auto needed =
      static_cast<size_t>(std::ceil(std::clamp(threshold, 0.0, 1.0) * static_cast<double>(functions) - 1e-9));
  auto similar = [&](uint32_t a, uint32_t b) {
    if (exact && sig.text_hash[a] != sig.text_hash[b]) return false;
    const uint16_t* x = sig.of(a);
    const uint16_t* y = sig.of(b);
    size_t equal = 0;
    for (size_t f = 0; f < functions; ++f) equal += x[f] == y[f] ? 1 : 0;
    return equal >= needed;
  };
  auto try_join = [&](uint32_t a, uint32_t b) {
    if (sets.find(a) != sets.find(b) && similar(a, b)) sets.unite(a, b);
  };
  for (const BandBuckets& band : bands) {
    uint32_t start = 0;
    for (uint32_t end : band.ends) {
      for (uint32_t p = start + 1; p < end; ++p) {
        const uint32_t block = band.members[p];
        try_join(band.members[start], block);
        const uint32_t window_start = p - start > kLookBack ? p - static_cast<uint32_t>(kLookBack) : start + 1;
        for (uint32_t q = p; q-- > window_start;) try_join(band.members[q], block);
      }
      start = end;
    }
  }
}

// Blocks without a single word have no signature: they only join blocks with exactly
// the same text.
void join_wordless(const std::vector<IdeaBlock>& blocks, const Signatures& sig, UnionFind& sets) {
  std::vector<uint32_t> wordless;
  for (size_t i = 0; i < sig.count; ++i)
    if (!sig.has_words[i]) wordless.push_back(static_cast<uint32_t>(i));
  auto text_of = [&](uint32_t i) {
    return std::tie(blocks[i].name, blocks[i].critical_question, blocks[i].trusted_answer);
  };
  std::stable_sort(wordless.begin(), wordless.end(), [&](uint32_t a, uint32_t b) { return text_of(a) < text_of(b); });
  for (size_t k = 1; k < wordless.size(); ++k)
    if (text_of(wordless[k - 1]) == text_of(wordless[k])) sets.unite(wordless[k - 1], wordless[k]);
}

// The most complete block: longest trusted answer, then most keywords and entities.
bool more_complete(const IdeaBlock& a, const IdeaBlock& b) {
  if (a.trusted_answer.size() != b.trusted_answer.size()) return a.trusted_answer.size() > b.trusted_answer.size();
  return a.keywords.size() + a.entities.size() > b.keywords.size() + b.entities.size();
}

std::string folded(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

// Appends the items not seen yet (compared without ASCII case), keeping first spellings
// and first-seen order.
void append_new_words(std::vector<std::string>& out, std::unordered_set<std::string>& seen,
                      const std::vector<std::string>& items) {
  for (const auto& item : items)
    if (seen.insert(folded(item)).second) out.push_back(item);
}

void append_new_entities(std::vector<Entity>& out, std::unordered_set<std::string>& seen,
                         const std::vector<Entity>& items) {
  for (const auto& entity : items)
    if (seen.insert(folded(entity.name) + '\x1f' + folded(entity.type)).second) out.push_back(entity);
}

// Gives each representative of a cluster with several blocks the union of the cluster's
// tags, keywords and entities: its own first, then the others' in block order.
void merge_lists(std::vector<IdeaBlock>& blocks, const std::vector<size_t>& representative) {
  const size_t count = blocks.size();
  std::vector<uint32_t> next(count, kNone);
  std::vector<uint32_t> last(count, kNone);  // per representative: its latest member so far
  for (size_t i = 0; i < count; ++i) {
    const size_t rep = representative[i];
    if (rep == i) continue;
    if (last[rep] == kNone) {
      next[rep] = static_cast<uint32_t>(i);
    } else {
      next[last[rep]] = static_cast<uint32_t>(i);
    }
    last[rep] = static_cast<uint32_t>(i);
  }
  for (size_t rep = 0; rep < count; ++rep) {
    if (representative[rep] != rep || next[rep] == kNone) continue;
    std::vector<std::string> tags, keywords;
    std::vector<Entity> entities;
    std::unordered_set<std::string> seen_tags, seen_keywords, seen_entities;
    for (uint32_t member = static_cast<uint32_t>(rep); member != kNone; member = next[member]) {
      append_new_words(tags, seen_tags, blocks[member].tags);
      append_new_words(keywords, seen_keywords, blocks[member].keywords);
      append_new_entities(entities, seen_entities, blocks[member].entities);
    }
    blocks[rep].tags = std::move(tags);
    blocks[rep].keywords = std::move(keywords);
    blocks[rep].entities = std::move(entities);
  }
}

DistillResult cluster(std::vector<IdeaBlock>& blocks, const DistillOptions& options) {
  const size_t count = blocks.size();
  const unsigned threads = worker_threads(count);
  const minhash::BandLayout layout = minhash::choose_bands(options.threshold, std::max(1, options.permutations));
  UnionFind sets(count);
  {
    const Signatures sig = compute_signatures(blocks, options, layout, threads);
    std::vector<BandBuckets> bands(static_cast<size_t>(layout.bands));
    parallel_for(bands.size(), threads, [&](size_t band) { bands[band] = bucket_band(sig, static_cast<int>(band)); });
    join_candidates(sig, bands, options.threshold, sets);
    join_wordless(blocks, sig, sets);
  }

  std::vector<uint32_t> best(count, kNone);
  for (size_t i = 0; i < count; ++i) {
    uint32_t& slot = best[sets.find(static_cast<uint32_t>(i))];
    if (slot == kNone || more_complete(blocks[i], blocks[slot])) slot = static_cast<uint32_t>(i);
  }
  DistillResult result;
  result.representative.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const uint32_t root = sets.find(static_cast<uint32_t>(i));
    if (root == i) ++result.clusters;
    result.representative[i] = best[root];
  }
  merge_lists(blocks, result.representative);
  return result;
}

}  // namespace

DistillResult distill(std::vector<IdeaBlock>& blocks, const DistillOptions& options) {
  // Distill only ever shrinks a dataset; if it cannot run (out of memory, more blocks
  // than 32-bit indices hold) every block stays its own representative.
  if (blocks.size() < kNone) {
    try {
      return cluster(blocks, options);
    } catch (...) {
    }
  }
  DistillResult identity;
  identity.representative.resize(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) identity.representative[i] = i;
  identity.clusters = blocks.size();
  return identity;
}

}  // namespace blockify
