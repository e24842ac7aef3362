#pragma once
// What an empty database shows instead of an empty table: a friendly start, with
// "Create sample jobs" for a guided first look (one sample fails on purpose).
#include <string>
#include <vector>

#include "app/gui/view_context.h"

namespace blockify::gui {

struct EmptyStateState {
  std::string error;            // why the samples could not be created (copying them, or the engine)
  std::vector<Ticket> samples;  // the samples' Creates, until the engine answered them all
};

// True when the snapshot holds no job at all.
bool has_no_jobs(const Snapshot& snapshot);

// Draws the empty state in the available space. "Create sample jobs" copies the sample
// documents and posts their CreateJob commands; "New job" opens the create form.
// Records "create-samples", "empty-new-job" and "samples-error" (with its sentence).
void draw_empty_state(ViewContext& ctx, EmptyStateState& state);

}  // namespace blockify::gui
