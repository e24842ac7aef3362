#pragma once
// A fixed set of threads running job attempts handed over by the engine thread.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/core/job_run.h"

namespace blockify {

class WorkerPool {
 public:
  WorkerPool(int threads, EventSink sink);
  ~WorkerPool();  // cancels queued and running attempts and joins

  // Hands an attempt to the next free thread.
  void run(JobRunRequest request);

 private:
  void work();

  EventSink sink_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<JobRunRequest> queue_;
  std::vector<std::shared_ptr<CancelToken>> running_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace blockify
