#include "engine/core/worker_pool.h"

#include <algorithm>

namespace blockify {

WorkerPool::WorkerPool(int threads, EventSink sink, std::function<void(int64_t, int64_t)> before_file)
    : sink_(std::move(sink)), before_file_(std::move(before_file)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  {
    MutexLock lock(mutex_);
    stopping_ = true;
    for (auto& r : queue_) r.cancel->cancel();
    for (auto& c : running_) c->cancel();
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::run(JobRunRequest request) {
  {
    MutexLock lock(mutex_);
    queue_.push_back(std::move(request));
  }
  cv_.notify_one();
}

void WorkerPool::work() {
  for (;;) {
    JobRunRequest request;
    {
      MutexLock lock(mutex_);
      cv_.wait(mutex_, [this]() REQUIRES(mutex_) { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      request = std::move(queue_.front());
      queue_.pop_front();
      running_.push_back(request.cancel);
    }
    if (before_file_) request.before_file = before_file_;
    run_job(request, sink_);
    MutexLock lock(mutex_);
    running_.erase(std::find(running_.begin(), running_.end(), request.cancel));
  }
}

}  // namespace blockify
