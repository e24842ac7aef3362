#include "app/gui/command_sink.h"

namespace blockify::gui {

// Out of line so the vtable lives in one object file, apart from EngineCommandSink:
// tests link views and a recording sink without pulling in the Engine.
CommandSink::~CommandSink() = default;

}  // namespace blockify::gui
