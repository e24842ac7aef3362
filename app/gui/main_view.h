#pragma once
// One frame of the whole window: the Jobs | Datasets | Settings tabs over their views (the
// jobs toolbar and table or the empty state, with the detail under a splitter), the status
// bar, and the popups and toasts.
#include <cstdint>
#include <string>

#include "app/gui/about_view.h"
#include "app/gui/create_job_dialog.h"
#include "app/gui/datasets_view.h"
#include "app/gui/empty_state.h"
#include "app/gui/job_detail_view.h"
#include "app/gui/jobs_view.h"
#include "app/gui/notices_view.h"
#include "app/gui/settings_view.h"
#include "app/gui/view_context.h"

namespace blockify::gui {

enum class MainTab { Jobs, Datasets, Settings };

struct MainViewState {
  MainTab tab = MainTab::Jobs;
  bool tab_requested = false;  // `tab` was set by code: the tab bar must follow next frame
  JobsViewState jobs;
  DetailViewState detail;
  NoticesViewState notices;
  CreateJobDialogState create;
  EmptyStateState empty;
  DatasetsViewState datasets;
  SettingsViewState settings;
  AboutViewState about;
  float detail_fraction = 0.55f;  // share of the height the open detail takes
};

// Draws everything into one window covering the main viewport. Global keys: Ctrl+N
// opens the create form, Ctrl+F focuses the search. Records "main-tab/Jobs",
// "main-tab/Datasets", "main-tab/Settings", "about" and "splitter" besides what the views
// record.
void draw_main_view(ViewContext& ctx, MainViewState& state);

// Shows `tab` from the next frame on.
void switch_tab(MainViewState& state, MainTab tab);

}  // namespace blockify::gui
