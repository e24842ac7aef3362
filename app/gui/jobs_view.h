#pragma once
// The Jobs view: a toolbar (New job, search, status filter, Active/All) over a table of
// every job with its badge, progress and the actions valid for its status.
#include "app/gui/job_selection.h"
#include "app/gui/jobs_index.h"
#include "app/gui/view_context.h"

namespace blockify::gui {

struct JobsViewState {
  JobsQuery query;         // filter, search and sort as the user set them
  JobsIndex index;         // rows shown, in order
  JobSelection selection;  // highlighted jobs; holds ctx.ui.selected_job when one is
  bool scroll_to_selection = false;
  int rows_drawn = 0;  // rows submitted last frame (the clipper's visible rows)
};

// Toolbar: "New job" (opens the create form), the search box (Ctrl+F), the status filter
// combo, the Active/All toggle and "Retry all failed" (enabled while any job failed);
// under it the bulk bar while several jobs are selected (jobs_actions.h). Records
// "new-job", "search", "filter-status", "filter-active", "filter-all", "retry-all-failed".
void draw_jobs_toolbar(ViewContext& ctx, JobsViewState& state);

// The table, `height` pixels tall (0: the rest of the window). Click, Ctrl+click and
// Shift+click select; right-click opens the row's menu. Records "row/<id>",
// "retry/<id>", "cancel/<id>", "view/<id>" for the rows on screen.
void draw_jobs_table(ViewContext& ctx, JobsViewState& state, float height);

// Keyboard: R retries the selected job when allowed, Delete asks to delete it, Up/Down
// move the selection, Esc closes the detail. Ignored while typing or a popup is open.
void handle_jobs_keys(ViewContext& ctx, JobsViewState& state);

// Height of one table row (two text lines).
float jobs_row_height();

}  // namespace blockify::gui
