// Exact cosine search. A query over 1,000,000 × 768 floats reads 3 GB, so the search is
// bound by memory bandwidth: the score loop is written so the compiler turns it into
// wide SIMD multiply-adds (32 independent lanes, no reassociation needed), built twice
// (AVX2 and baseline x86-64, chosen at load time), and the rows are split over the cores.
#include "engine/pipeline/vector_search.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <queue>
#include <thread>

namespace blockify {
namespace {

// GCC builds the score loop for AVX2 and for the baseline and picks one when the
// program starts, so one binary is fast on a new CPU and still runs on an old one
// (-march=native would tie the build to the machine that compiled it). Not under
// ThreadSanitizer: the load-time resolver runs before TSan's runtime is ready and
// crashes every program linked with it (`blockify --version` included).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
#define BLOCKIFY_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BLOCKIFY_SIMD_CLONES
#endif

constexpr size_t kLanes = 32;           // independent partial sums per dot product
constexpr size_t kRowsPerBatch = 1024;  // scored into a buffer, then the best kept
constexpr size_t kMinRowsPerThread = 32 * 1024;

// scores[i] = dot(matrix row begin+i, query) for rows [begin, end).
BLOCKIFY_SIMD_CLONES
void score_rows(const float* matrix, size_t dims, size_t begin, size_t end, const float* query,
                float* scores) {
  for (size_t r = begin; r < end; ++r) {
    const float* row = matrix + r * dims;
    float lanes[kLanes] = {};
    size_t j = 0;
    for (; j + kLanes <= dims; j += kLanes)
      for (size_t l = 0; l < kLanes; ++l) lanes[l] += row[j + l] * query[j + l];
    float sum = 0;
    for (; j < dims; ++j) sum += row[j] * query[j];
    for (size_t l = 0; l < kLanes; ++l) sum += lanes[l];
    scores[r - begin] = sum;
  }
}

// Better: higher score, then lower id (so equal scores come out in a stable order).
bool better(const VectorHit& a, const VectorHit& b) {
  return a.score > b.score || (a.score == b.score && a.block_id < b.block_id);
}

// The best `top` hits of rows [begin, end), in no particular order.
std::vector<VectorHit> best_of_range(const VectorMatrix& m, const float* query, size_t begin, size_t end,
                                     size_t top) {
  // A heap whose front is the worst hit kept, so a new score is compared with one value.
  std::priority_queue<VectorHit, std::vector<VectorHit>, decltype(&better)> kept(&better);
  std::vector<float> scores(kRowsPerBatch);
  for (size_t batch = begin; batch < end; batch += kRowsPerBatch) {
    size_t batch_end = std::min(end, batch + kRowsPerBatch);
    score_rows(m.row(0), m.dimensions(), batch, batch_end, query, scores.data());
    for (size_t r = batch; r < batch_end; ++r) {
      VectorHit hit{m.block_id(r), scores[r - batch]};
      if (kept.size() < top) {
        kept.push(hit);
      } else if (better(hit, kept.top())) {
        kept.pop();
        kept.push(hit);
      }
    }
  }
  std::vector<VectorHit> out;
  out.reserve(kept.size());
  for (; !kept.empty(); kept.pop()) out.push_back(kept.top());
  return out;
}

float length_of(std::span<const float> v) {
  double sum = 0;
  for (float x : v) sum += static_cast<double>(x) * x;
  return static_cast<float>(std::sqrt(sum));
}

}  // namespace

void VectorMatrix::reserve(size_t rows) {
  ids_.reserve(rows);
  values_.reserve(rows * dimensions_);
}

void VectorMatrix::add(int64_t block_id, std::span<const float> vector) {
  ids_.push_back(block_id);
  float length = length_of(vector);
  float scale = length > 0 ? 1.0f / length : 0.0f;
  size_t at = values_.size();
  values_.resize(at + dimensions_);
  float* out = values_.data() + at;
  for (size_t i = 0; i < dimensions_ && i < vector.size(); ++i) out[i] = vector[i] * scale;
}

std::vector<VectorHit> nearest_vectors(const VectorMatrix& matrix, std::span<const float> query, size_t top,
                                       unsigned threads) {
  const size_t rows = matrix.rows();
  if (top == 0 || rows == 0 || query.size() != matrix.dimensions()) return {};
  float length = length_of(query);
  if (!(length > 0)) return {};
  std::vector<float> unit(query.begin(), query.end());
  for (float& x : unit) x /= length;

  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  size_t parts = std::clamp<size_t>(rows / kMinRowsPerThread, 1, threads);
  std::vector<std::vector<VectorHit>> found(parts);
  auto run_part = [&](size_t p) {
    size_t begin = rows * p / parts, end = rows * (p + 1) / parts;
    found[p] = best_of_range(matrix, unit.data(), begin, end, top);
  };
  std::vector<std::thread> helpers;
  for (size_t p = 1; p < parts; ++p) helpers.emplace_back(run_part, p);
  run_part(0);
  for (auto& t : helpers) t.join();

  std::vector<VectorHit> all;
  for (auto& part : found) all.insert(all.end(), part.begin(), part.end());
  size_t n = std::min(top, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), better);
  all.resize(n);
  return all;
}

float cosine(std::span<const float> a, std::span<const float> b) {
  if (a.size() != b.size()) return 0;
  double dot = 0;
  for (size_t i = 0; i < a.size(); ++i) dot += static_cast<double>(a[i]) * b[i];
  float la = length_of(a), lb = length_of(b);
  return la > 0 && lb > 0 ? static_cast<float>(dot / (static_cast<double>(la) * lb)) : 0.0f;
}

std::string encode_vector(std::span<const float> vector) {
  std::string bytes(vector.size() * 4, '\0');
  for (size_t i = 0; i < vector.size(); ++i) {
    uint32_t bits = std::bit_cast<uint32_t>(vector[i]);
    for (int b = 0; b < 4; ++b) bytes[i * 4 + b] = static_cast<char>((bits >> (8 * b)) & 0xff);
  }
  return bytes;
}

std::vector<float> decode_vector(std::string_view bytes) {
  if (bytes.empty() || bytes.size() % 4 != 0) return {};  // (memcpy of nothing from null is undefined)
  std::vector<float> out(bytes.size() / 4);
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(out.data(), bytes.data(), bytes.size());
  } else {
    for (size_t i = 0; i < out.size(); ++i) {
      uint32_t bits = 0;
      for (int b = 0; b < 4; ++b)
        bits |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i * 4 + b])) << (8 * b);
      out[i] = std::bit_cast<float>(bits);
    }
  }
  return out;
}

}  // namespace blockify
