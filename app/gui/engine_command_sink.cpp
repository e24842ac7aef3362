#include "app/gui/command_sink.h"

#include <utility>

#include "engine/core/engine.h"

namespace blockify::gui {

Ticket EngineCommandSink::post(Command command) { return engine_.post_with_ticket(std::move(command)); }

}  // namespace blockify::gui
