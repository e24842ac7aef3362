#pragma once
// A fixed set of threads running job attempts handed over by the engine thread.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/jobs/job_run.h"

namespace blockify {

class WorkerPool {
 public:
  // `before_file` (may be empty) is handed to every attempt: EngineOptions::before_file.
  WorkerPool(int threads, EventSink sink, std::function<void(int64_t, int64_t)> before_file = {});
  ~WorkerPool();  // cancels queued and running attempts and joins

  // Hands an attempt to the next free thread.
  void run(JobRunRequest request);

 private:
  void work();

  EventSink sink_;
  std::function<void(int64_t, int64_t)> before_file_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<JobRunRequest> queue_;
  std::vector<std::shared_ptr<CancelToken>> running_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace blockify
