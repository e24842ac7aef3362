#pragma once
// Keeps the vector matrices of the datasets searched last, so a search reads a dataset's
// vectors from SQLite once and then answers from memory until they change.
#include <cstdint>
#include <list>
#include <memory>
#include <string>

#include "engine/pipeline/vector_search.h"
#include "engine/platform/mutex.h"
#include "engine/store/job_store.h"

namespace blockify::store {

class DatasetVectorCache {
 public:
  // At most `datasets` matrices are kept (1,000,000 × 768 floats are 3 GB); the one used
  // longest ago goes first.
  explicit DatasetVectorCache(size_t datasets = 2) : capacity_(datasets) {}

  // The dataset's vectors as one matrix. Loaded from `store` only when the dataset's
  // vector version differs from the one loaded last (vectors stored, deleted, blocks
  // merged or deleted). Thread-safe; a load holds the cache's lock, so two searches of
  // one dataset never load it twice.
  std::shared_ptr<const VectorMatrix> matrix(JobStore& store, const std::string& dataset) EXCLUDES(mutex_);

  // How many times a matrix was read from the database (tests check the cache works).
  int64_t loads() const EXCLUDES(mutex_);

 private:
  struct Entry {
    std::string dataset;
    int64_t version = 0;
    std::shared_ptr<const VectorMatrix> matrix;
  };
  size_t capacity_;
  mutable Mutex mutex_;
  std::list<Entry> entries_ GUARDED_BY(mutex_);  // most recently used first
  int64_t loads_ GUARDED_BY(mutex_) = 0;
};

}  // namespace blockify::store
