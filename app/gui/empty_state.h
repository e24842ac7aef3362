#pragma once
// What an empty database shows instead of an empty table: a friendly start, with
// "Create sample jobs" for a guided first look (one sample fails on purpose).
#include <string>

#include "app/gui/view_context.h"

namespace blockify::gui {

struct EmptyStateState {
  std::string error;  // why the samples could not be created
  bool posted = false;  // samples requested; waiting for the engine to show them
};

// True when the snapshot holds no job at all.
bool has_no_jobs(const Snapshot& snapshot);

// Draws the empty state in the available space. "Create sample jobs" copies the sample
// documents and posts their CreateJob commands; "New job" opens the create form.
// Records "create-samples" and "empty-new-job".
void draw_empty_state(ViewContext& ctx, EmptyStateState& state);

}  // namespace blockify::gui
