#pragma once
// The banner over every tab while the engine cannot write its database (full disk,
// read-only or damaged file): the cause and what to do, from Snapshot::halted.
#include "app/gui/view_context.h"

namespace blockify::gui {

// Draws nothing while the database can be written.
void draw_halt_banner(ViewContext& ctx);

}  // namespace blockify::gui
