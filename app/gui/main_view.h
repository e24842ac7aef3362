#pragma once
// One frame of the whole window: toolbar, jobs table (or the empty state), the detail
// panel under a splitter, the status bar, and the popups and toasts.
#include "app/gui/create_job_dialog.h"
#include "app/gui/empty_state.h"
#include "app/gui/job_detail_view.h"
#include "app/gui/jobs_view.h"
#include "app/gui/notices_view.h"
#include "app/gui/view_context.h"

namespace blockify {

struct MainViewState {
  JobsViewState jobs;
  DetailViewState detail;
  NoticesViewState notices;
  CreateJobDialogState create;
  EmptyStateState empty;
  float detail_fraction = 0.55f;  // share of the height the open detail takes
};

// Draws everything into one window covering the main viewport. Global keys: Ctrl+N
// opens the create form, Ctrl+F focuses the search. Records "splitter" besides what
// the views record.
void draw_main_view(ViewContext& ctx, MainViewState& state);

}  // namespace blockify
