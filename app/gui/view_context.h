#pragma once
// What every view draws from and talks to during one frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/command_sink.h"
#include "app/gui/widget_rects.h"
#include "engine/core/commands.h"
#include "engine/core/snapshot.h"
#include "engine/domain/state_machine.h"

namespace blockify::gui {

// A toast the UI itself raises (bulk action counts, "this will likely fail again"),
// shown with the engine's notices.
struct UiNotice {
  uint64_t id = 0;
  double at_s = 0;  // ViewContext::time_s when raised
  bool is_error = false;
  std::string text;
};

// UI-only state shared between views (selection, open panels, pending confirmations).
struct UiState {
  int64_t selected_job = 0;  // 0: none
  bool detail_open = false;
  int64_t delete_request = 0;        // job whose deletion awaits confirmation
  std::vector<int64_t> delete_many;  // jobs whose bulk deletion awaits confirmation
  size_t delete_many_running = 0;    // how many of them were running when asked
  bool delete_popup_opened = false;
  // "Duplicate as new job" from a row: the job's files arrive with its detail, so the
  // form opens once the engine publishes that detail.
  int64_t duplicate_request = 0;
  std::vector<UiNotice> notices;
  uint64_t next_notice_id = 1;
  std::optional<CreateJob> create_request;  // open the create form with these values
  bool focus_search = false;                // Ctrl+F: the search box takes the keyboard next frame
  bool show_jobs_tab = false;               // a view outside the Jobs tab opened a job: show it there
  bool animating = false;                   // a view drew something that moves; keep redrawing
  int64_t last_action_job = 0;              // job whose Retry/Cancel was clicked last, and when
  double last_action_s = -1e9;
};

struct ViewContext {
  const Snapshot& snapshot;
  CommandSink& sink;
  WidgetRects& rects;
  UiState& ui;
  TimeMs now_ms = 0;  // wall clock, for "3 min ago" and running totals
  double time_s = 0;  // monotonic seconds, for animations
};

// Selects a job and asks the engine to publish its detail (first results page).
// `open_detail` also opens the detail panel.
void select_job(ViewContext& ctx, int64_t job_id, bool open_detail);

// Seconds after a Retry/Cancel click during which that job's actions stay disabled: Cancel
// and Retry take the same place in a row, so the second click of a double click on
// Cancel would otherwise restart the job it just cancelled.
inline constexpr double kActionCooldownSeconds = 0.5;
bool action_cooling_down(const ViewContext& ctx, int64_t job_id);
// Notes a Retry/Cancel click on `job_id` (starts the cooldown).
void note_action(ViewContext& ctx, int64_t job_id);

// Raises a toast for a few seconds (see notices_view.h).
void show_notice(ViewContext& ctx, std::string text, bool is_error = false);

// True when Retry (Fresh/Resume/FailedFiles) is offered for this status.
inline bool can_retry(JobStatus s) { return allows(s, JobCommand::Retry); }
// True when Cancel is offered for this status.
inline bool can_cancel(JobStatus s) { return allows(s, JobCommand::Cancel); }

}  // namespace blockify::gui
