#pragma once
// A command's ticket: what the engine answered, for a caller that must never wait (a
// view reading it in a later frame). The engine answers it on the engine thread through
// the same path as a CommandCallback — after the command was applied, its unit of work
// committed and the snapshot showing the change published; with the failure's sentence
// when the commit failed, the engine halted or shut down.
//
// Why an atomic flag and no mutex: the result is written exactly once, before `state_`
// becomes Answered with a release store; a reader that sees Answered (acquire load) sees
// the whole result, and after that nobody writes it again. So reading never blocks and
// never locks, however busy the engine is. A second answer (which the engine never gives)
// is ignored rather than racing with readers.
#include <atomic>
#include <memory>

#include "engine/core/commands.h"

namespace blockify {

class CommandTicket {
 public:
  // The engine's answer, or null while the command is still on its way. Any thread.
  const CommandResult* result() const {
    return state_.load(std::memory_order_acquire) == kAnswered ? &result_ : nullptr;
  }
  bool pending() const { return result() == nullptr; }

  // Gives the answer; only the first call counts. Called by whoever answers the command
  // (the engine thread; a test's sink).
  void answer(const CommandResult& result) {
    int expected = kPending;
    if (!state_.compare_exchange_strong(expected, kWriting, std::memory_order_relaxed)) return;
    result_ = result;
    state_.store(kAnswered, std::memory_order_release);
  }

 private:
  static constexpr int kPending = 0, kWriting = 1, kAnswered = 2;
  std::atomic<int> state_{kPending};
  CommandResult result_;
};

// Shared by the poster, who reads it, and the engine, which answers it.
using Ticket = std::shared_ptr<CommandTicket>;

}  // namespace blockify
