#pragma once
// The strip at the bottom of the window: job counts, workers and the database in use.
#include <string>

#include "app/gui/view_context.h"

namespace blockify::gui {

// "2 processing · 3 pending · 1 failed": only the non-zero parts, in the order a user
// scans them (work in flight first); "No jobs yet" when there are none.
std::string status_summary(const Snapshot& snapshot);
// "Workers 2 of 4 busy".
std::string workers_summary(const Snapshot& snapshot);

// Draws the bar on one line at the cursor. Records "status-summary" with its text.
void draw_status_bar(ViewContext& ctx);

}  // namespace blockify::gui
