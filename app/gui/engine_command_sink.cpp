#include "app/gui/command_sink.h"

#include <utility>

#include "engine/core/engine.h"

namespace blockify::gui {

void EngineCommandSink::post(Command command) {
  // No callback: results that matter to the user (refusals) arrive as snapshot Notices.
  engine_.post(std::move(command));
}

}  // namespace blockify::gui
