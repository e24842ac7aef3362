#include "engine/store/vector_cache.h"

namespace blockify::store {

std::shared_ptr<const VectorMatrix> DatasetVectorCache::matrix(JobStore& store, const std::string& dataset) {
  MutexLock lock(mutex_);
  const int64_t version = store.dataset_vectors(dataset).version;
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->dataset != dataset) continue;
    if (it->version == version) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().matrix;
    }
    entries_.erase(it);  // out of date: free it before loading its replacement
    break;
  }
  auto loaded = std::make_shared<const VectorMatrix>(store.load_dataset_vectors(dataset));
  ++loads_;
  entries_.push_front({dataset, version, loaded});
  while (entries_.size() > std::max<size_t>(1, capacity_)) entries_.pop_back();
  return loaded;
}

int64_t DatasetVectorCache::loads() const {
  MutexLock lock(mutex_);
  return loads_;
}

}  // namespace blockify::store
