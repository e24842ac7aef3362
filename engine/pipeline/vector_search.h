#pragma once
// Exact nearest-neighbour search by cosine over a dataset's embedding vectors. The
// vectors sit in one contiguous float32 matrix, each row scaled to length 1 when it is
// added, so a cosine is a plain dot product and a query is one pass over the matrix.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace blockify {

// One block's place in a search result: its id and its cosine to the query (-1..1).
struct VectorHit {
  int64_t block_id = 0;
  float score = 0;
};

// The vectors of one dataset, one row per block, all of `dimensions` floats.
class VectorMatrix {
 public:
  explicit VectorMatrix(size_t dimensions = 0) : dimensions_(dimensions) {}

  // Adds a block's vector, scaled to unit length (a zero vector stays zero and then
  // scores 0 against everything). REQUIRES: vector.size() == dimensions().
  void add(int64_t block_id, std::span<const float> vector);
  void reserve(size_t rows);

  size_t dimensions() const { return dimensions_; }
  size_t rows() const { return ids_.size(); }
  const float* row(size_t index) const { return values_.data() + index * dimensions_; }
  int64_t block_id(size_t index) const { return ids_[index]; }

 private:
  size_t dimensions_;
  std::vector<int64_t> ids_;
  std::vector<float> values_;
};

// The `top` rows nearest to `query` by cosine, best first (ties: lower block id first).
// Every row is scored, so the answer is exact. The rows are split over `threads` threads
// (0: one per core, fewer when the matrix is small). An empty result when the query's
// length differs from the matrix's dimensions or is all zeros.
std::vector<VectorHit> nearest_vectors(const VectorMatrix& matrix, std::span<const float> query, size_t top,
                                       unsigned threads = 0);

// Cosine of two vectors of equal length (0 when either is all zeros).
float cosine(std::span<const float> a, std::span<const float> b);

// A vector as stored in the database: its floats as little-endian IEEE 754 float32,
// 4 bytes each, nothing else (the dimension is the dataset's).
std::string encode_vector(std::span<const float> vector);
// The floats of a stored vector; empty when the byte count is not a multiple of 4.
std::vector<float> decode_vector(std::string_view bytes);

}  // namespace blockify
