#pragma once
// Where views send their requests. Views never hold the Engine itself, so they can be
// drawn in tests over a constructed snapshot with a sink that just records commands.
#include "engine/core/command_ticket.h"
#include "engine/core/commands.h"

namespace blockify {
class Engine;
}  // namespace blockify

namespace blockify::gui {

// Receives the commands a view posts. Posting never blocks and never fails: it returns the
// command's ticket, which a view that needs the outcome (the new job's id, the sentence of
// a refusal) reads in a later frame without waiting. A refused command also comes back as
// a Notice in a later snapshot, so a view that keeps no ticket still shows why.
struct CommandSink {
  virtual ~CommandSink();
  virtual Ticket post(Command command) = 0;
};

// Forwards commands to a running Engine. The engine must outlive the sink.
class EngineCommandSink final : public CommandSink {
 public:
  explicit EngineCommandSink(Engine& engine) : engine_(engine) {}
  Ticket post(Command command) override;

 private:
  Engine& engine_;
};

}  // namespace blockify::gui
