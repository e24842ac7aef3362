#pragma once
// The detail panel of the selected job: header with the actions valid now, the stage
// timeline, the error and what to do, metric cards, and tabs (Files, Errors, Attempts,
// Results, Log, Charts). Drawn from snapshot.detail when it matches the selected job.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/failure_changes.h"
#include "app/gui/view_context.h"

namespace blockify::gui {

// One point of the Charts tab: the focused job's counters at a moment.
struct ThroughputSample {
  double time_s = 0;  // ViewContext::time_s
  int64_t chunks_done = 0;
  int64_t blocks = 0;
};
inline constexpr size_t kMaxThroughputSamples = 600;  // ten minutes at one a second

struct DetailViewState {
  int64_t job_id = 0;           // the job this state belongs to; reset on change
  int64_t replace_file_id = 0;  // file whose "Replace…" popup is open (0: none)
  bool replace_popup_opened = false;
  std::string replace_path;
  std::string restore_message;  // outcome of "Restore sample file"
  // Whether to offer "Restore sample file": looked up on disk once per published detail,
  // never per frame.
  std::shared_ptr<const JobDetail> sample_checked_for;
  bool offer_restore_sample = false;
  std::deque<ThroughputSample> samples;  // while Processing, about one a second
  FailureChangesText changes;            // detail.changes in words, per published detail
  std::shared_ptr<const JobDetail> changes_for;
  std::vector<const JobFile*> file_order;  // files tab order, rebuilt per published detail
  // Held so the rows file_order points into stay alive (and its address is not reused).
  std::shared_ptr<const JobDetail> file_order_for;
};

// Draws the panel in the current window/child. Records (among others) "detail-retry",
// "detail-resume", "detail-retry-failed-files", "detail-cancel", "detail-delete",
// "detail-duplicate", "detail-close", "error-message" and "error-hint" (with their text),
// "change/<i>" (with the sentence), "nothing-changed", "changes-retry-anyway",
// "partial-results", "file-error/<file id>" (with the file's message), "replace/<file id>",
// "remove/<file id>", "tab/<name>", "results-prev", "results-next", "restore-sample", "chart-chunks",
// "chart-blocks", "chart-empty". Samples the job's counters for the Charts tab every frame.
void draw_job_detail(ViewContext& ctx, DetailViewState& state);

}  // namespace blockify::gui
