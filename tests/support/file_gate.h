#pragma once
// A gate the test controls, plugged into EngineOptions::before_file: the worker stops
// before the Nth file of a job (counting from 0) until the test releases it. So "the job
// is still running with two files done" is a state the test holds, not a timing it hopes for.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace blockify::test {

class FileGate {
 public:
  // Holds the worker before the file at position `hold_before` (0 = the first file).
  explicit FileGate(int hold_before) : state_(std::make_shared<State>()) {
    state_->hold_before = hold_before;
  }
  // Releases a held worker so an engine can always shut down.
  ~FileGate() { release(); }
  FileGate(const FileGate&) = delete;
  FileGate& operator=(const FileGate&) = delete;

  // For EngineOptions::before_file. Shares the gate's state, so it outlives the gate.
  std::function<void(int64_t, int64_t)> hook() const {
    return [state = state_](int64_t, int64_t file_id) {
      std::unique_lock lock(state->mutex);
      state->files.push_back(file_id);
      if (state->released || static_cast<int>(state->files.size()) - 1 != state->hold_before) return;
      state->held = true;
      state->changed.notify_all();
      // Hang guard: a test that forgets to release fails on its own checks, never hangs.
      state->changed.wait_for(lock, std::chrono::seconds(60), [&] { return state->released; });
      state->held = false;
    };
  }

  // Waits (hang guard 30 s) until a worker is held at the gate; true when it is.
  bool wait_until_held() const {
    std::unique_lock lock(state_->mutex);
    return state_->changed.wait_for(lock, std::chrono::seconds(30), [&] { return state_->held; });
  }

  // Lets the held worker (and every later file) go on.
  void release() const {
    std::lock_guard lock(state_->mutex);
    state_->released = true;
    state_->changed.notify_all();
  }

  // The ids of the files the worker reached so far, in order (the held one included).
  std::vector<int64_t> files_reached() const {
    std::lock_guard lock(state_->mutex);
    return state_->files;
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    int hold_before = 0;
    bool held = false;
    bool released = false;
    std::vector<int64_t> files;
  };
  std::shared_ptr<State> state_;
};

}  // namespace blockify::test
