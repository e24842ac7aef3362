#pragma once
// Where views send their requests. Views never hold the Engine itself, so they can be
// drawn in tests over a constructed snapshot with a sink that just records commands.
#include "engine/core/commands.h"

namespace blockify {
class Engine;
}  // namespace blockify

namespace blockify::gui {

// Receives the commands a view posts. Posting never blocks and never fails: a refused
// command comes back as a Notice in a later snapshot.
struct CommandSink {
  virtual ~CommandSink();
  virtual void post(Command command) = 0;
};

// Forwards commands to a running Engine. The engine must outlive the sink.
class EngineCommandSink final : public CommandSink {
 public:
  explicit EngineCommandSink(Engine& engine) : engine_(engine) {}
  void post(Command command) override;

 private:
  Engine& engine_;
};

}  // namespace blockify::gui
