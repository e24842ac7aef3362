#pragma once
// A fixed set of threads running job attempts handed over by the engine thread.
#include <deque>
#include <thread>
#include <vector>

#include "engine/jobs/job_run.h"
#include "engine/platform/mutex.h"

namespace blockify {

class WorkerPool {
 public:
  // `before_file` (may be empty) is handed to every attempt: EngineOptions::before_file.
  WorkerPool(int threads, EventSink sink, std::function<void(int64_t, int64_t)> before_file = {});
  ~WorkerPool();  // cancels queued and running attempts and joins

  // Hands an attempt to the next free thread.
  void run(JobRunRequest request) EXCLUDES(mutex_);

 private:
  void work() EXCLUDES(mutex_);  // one thread of the pool

  EventSink sink_;
  std::function<void(int64_t, int64_t)> before_file_;
  Mutex mutex_;
  CondVar cv_;  // a request was queued, or the pool stops
  std::deque<JobRunRequest> queue_ GUARDED_BY(mutex_);
  std::vector<std::shared_ptr<CancelToken>> running_ GUARDED_BY(mutex_);
  bool stopping_ GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace blockify
