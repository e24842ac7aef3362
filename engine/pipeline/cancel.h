#pragma once
// Cooperative cancellation: the engine sets it, pipeline stages check it at natural
// points (between chunks, between archive entries, in HTTP progress callbacks).
#include <atomic>

namespace blockify {

class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace blockify
