// Distill: signatures on worker threads, LSH candidates confirmed by estimated Jaccard,
// union-find clusters, and the merge of each cluster's lists into its most complete block.
#include "engine/pipeline/text/distill.h"

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

#include "engine/pipeline/text/minhash.h"
#include "engine/pipeline/vector_search.h"

namespace blockify {
namespace {

using minhash::BandBuckets;
using minhash::Signatures;

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

Signatures compute_signatures(const std::vector<IdeaBlock>& blocks, const DistillOptions& options,
                              const minhash::BandLayout& layout, unsigned threads) {
  Signatures sig(blocks.size(), static_cast<size_t>(std::max(1, options.permutations)), layout);
  const minhash::HashFamily family = minhash::make_hash_family(sig.functions, options.seed);
  const size_t tasks = (sig.count + kBlocksPerTask - 1) / kBlocksPerTask;
  parallel_for(tasks, threads, [&](size_t task) {
    const size_t begin = task * kBlocksPerTask;
    minhash::fill_signatures(sig, blocks, begin, std::min(sig.count, begin + kBlocksPerTask), family,
                             options.shingle_words);
  });
  return sig;
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
// With embedding vectors for both blocks of a pair, their cosine decides instead: it
// knows a paraphrase from a different idea better than shared word runs do.
void join_candidates(const Signatures& sig, const std::vector<BandBuckets>& bands,
                     const DistillOptions& options, UnionFind& sets) {
  const bool exact = options.threshold >= 1.0;
  const size_t needed = minhash::equal_values_needed(sig, options.threshold);
  const auto* vectors = options.vectors;
  auto similar = [&](uint32_t a, uint32_t b) {
    if (exact && sig.text_hash[a] != sig.text_hash[b]) return false;
    if (vectors && a < vectors->size() && b < vectors->size() && !(*vectors)[a].empty() &&
        (*vectors)[a].size() == (*vectors)[b].size())
      return cosine((*vectors)[a], (*vectors)[b]) >= options.vector_threshold;
    return minhash::equal_values(sig, a, b) >= needed;
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
        const uint32_t window_start =
            p - start > kLookBack ? p - static_cast<uint32_t>(kLookBack) : start + 1;
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
  std::stable_sort(wordless.begin(), wordless.end(),
                   [&](uint32_t a, uint32_t b) { return text_of(a) < text_of(b); });
  for (size_t k = 1; k < wordless.size(); ++k)
    if (text_of(wordless[k - 1]) == text_of(wordless[k])) sets.unite(wordless[k - 1], wordless[k]);
}

// The most complete block: longest trusted answer, then most keywords and entities.
bool more_complete(const IdeaBlock& a, const IdeaBlock& b) {
  if (a.trusted_answer.size() != b.trusted_answer.size())
    return a.trusted_answer.size() > b.trusted_answer.size();
  return a.keywords.size() + a.entities.size() > b.keywords.size() + b.entities.size();
}

std::string folded(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

std::string key_of(const std::string& word) { return folded(word); }
std::string key_of(const Entity& entity) { return folded(entity.name) + '\x1f' + folded(entity.type); }

bool same(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + ('a' - 'A'));
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + ('a' - 'A'));
    if (x != y) return false;
  }
  return true;
}
bool same(const Entity& a, const Entity& b) { return same(a.name, b.name) && same(a.type, b.type); }

// A list without duplicates (compared without ASCII case), keeping first spellings and
// first-seen order. Clusters carry a handful of items, so a scan of the list beats
// hashing; past kScanLimit items a hash set takes over so huge clusters stay linear.
template <typename Item>
class UniqueList {
 public:
  void add_all(const std::vector<Item>& items) {
    for (const auto& item : items) add(item);
  }
  std::vector<Item> take() { return std::move(items_); }

 private:
  static constexpr size_t kScanLimit = 32;

  void add(const Item& item) {
    if (items_.size() >= kScanLimit) {
      if (keys_.insert(key_of(item)).second) items_.push_back(item);
      return;
    }
    for (const auto& kept : items_)
      if (same(kept, item)) return;
    items_.push_back(item);
    if (items_.size() == kScanLimit)
      for (const auto& kept : items_) keys_.insert(key_of(kept));
  }

  std::vector<Item> items_;
  std::unordered_set<std::string> keys_;
};

// Gives each representative of a cluster with several blocks the union of the cluster's
// tags, keywords and entities: its own first, then the others' in block order.
// Representatives only write their own block and only read non-representatives, so
// ranges of representatives can be merged on separate threads.
void merge_lists(std::vector<IdeaBlock>& blocks, const std::vector<size_t>& representative,
                 unsigned threads) {
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
  const size_t tasks = (count + kBlocksPerTask - 1) / kBlocksPerTask;
  parallel_for(tasks, threads, [&](size_t task) {
    const size_t end = std::min(count, (task + 1) * kBlocksPerTask);
    for (size_t rep = task * kBlocksPerTask; rep < end; ++rep) {
      if (representative[rep] != rep || next[rep] == kNone) continue;
      UniqueList<std::string> tags, keywords;
      UniqueList<Entity> entities;
      for (uint32_t member = static_cast<uint32_t>(rep); member != kNone; member = next[member]) {
        tags.add_all(blocks[member].tags);
        keywords.add_all(blocks[member].keywords);
        entities.add_all(blocks[member].entities);
      }
      blocks[rep].tags = tags.take();
      blocks[rep].keywords = keywords.take();
      blocks[rep].entities = entities.take();
    }
  });
}

DistillResult cluster(std::vector<IdeaBlock>& blocks, const DistillOptions& options) {
  const size_t count = blocks.size();
  const unsigned threads = worker_threads(count);
  const minhash::BandLayout layout =
      minhash::choose_bands(options.threshold, std::max(1, options.permutations));
  UnionFind sets(count);
  {
    const Signatures sig = compute_signatures(blocks, options, layout, threads);
    std::vector<BandBuckets> bands(static_cast<size_t>(layout.bands));
    parallel_for(bands.size(), threads,
                 [&](size_t band) { bands[band] = minhash::bucket_band(sig, static_cast<int>(band)); });
    join_candidates(sig, bands, options, sets);
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
  merge_lists(blocks, result.representative, threads);
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
