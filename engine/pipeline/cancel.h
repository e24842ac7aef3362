#pragma once
// Cooperative cancellation: the engine sets it, pipeline stages check it at natural
// points (between chunks, between archive entries, in HTTP progress callbacks).
//
// Folder engine/pipeline/: the stages as plain functions, in extract/ (documents to
// text), text/ (chunking, the offline blockifier, distill) and endpoint/ (the
// OpenAI-compatible client), with export, IdeaBlock XML and exact vector search here. No
// threads of their own, no SQLite, no engine state: they run on whichever thread calls
// them (a worker, a background task) and stop through this token.
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
