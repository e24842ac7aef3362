#pragma once
// What every view draws from and talks to during one frame.
#include <cstdint>
#include <optional>

#include "app/gui/command_sink.h"
#include "app/gui/widget_rects.h"
#include "engine/core/commands.h"
#include "engine/core/snapshot.h"

namespace blockify {

// UI-only state shared between views (selection, open panels, pending confirmations).
struct UiState {
  int64_t selected_job = 0;     // 0: none
  bool detail_open = false;
  int64_t delete_request = 0;   // job whose deletion awaits confirmation
  bool delete_popup_opened = false;
  std::optional<CreateJob> create_request;  // open the create form with these values
  bool focus_search = false;    // Ctrl+F: the search box takes the keyboard next frame
  bool animating = false;       // a view drew something that moves; keep redrawing
};

struct ViewContext {
  const Snapshot& snapshot;
  CommandSink& sink;
  WidgetRects& rects;
  UiState& ui;
  TimeMs now_ms = 0;   // wall clock, for "3 min ago" and running totals
  double time_s = 0;   // monotonic seconds, for animations
};

// Selects a job and asks the engine to publish its detail (first results page).
// `open_detail` also opens the detail panel.
void select_job(ViewContext& ctx, int64_t job_id, bool open_detail);

// True when Retry (Fresh/Resume/FailedFiles) is offered for this status.
inline bool can_retry(JobStatus s) { return s == JobStatus::Failed || s == JobStatus::Cancelled; }
// True when Cancel is offered for this status.
inline bool can_cancel(JobStatus s) { return s == JobStatus::Pending || s == JobStatus::Processing; }

}  // namespace blockify
