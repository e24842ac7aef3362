#pragma once
// What the jobs table does with several jobs at once: the selection (click, Ctrl+click,
// Shift+click), the bulk actions over it, "Retry all failed", and a row's context menu.
#include <cstdint>
#include <string>
#include <vector>

#include "app/gui/jobs_view.h"

namespace blockify::gui {

// True when the row of `job_id` is highlighted.
bool is_selected(const JobsViewState& state, int64_t job_id);
// The selected jobs that still exist, in id order. One pass over the table (O(jobs +
// selected)): only on a click, never per frame.
std::vector<const Job*> selected_jobs(const ViewContext& ctx, const JobsViewState& state);
// Keeps the selection in step with ctx.ui.selected_job, which other views move too.
void sync_selection(ViewContext& ctx, JobsViewState& state);
// A click on a row: alone selects that job; with Ctrl toggles it; with Shift selects the
// range from the last clicked job to it, in the table's current order.
void click_row(ViewContext& ctx, JobsViewState& state, int64_t job_id);

// A bulk command's selector for exactly these jobs.
JobSelector jobs_with_ids(std::vector<int64_t> job_ids);

// "Queued 5 retries; 2 refused (not Failed or Cancelled)." The counts are judged from the
// statuses in the snapshot at click time; one RetryMany (Fresh) is posted over the
// allowed jobs, however many there are.
std::string retry_jobs(ViewContext& ctx, const std::vector<const Job*>& jobs);
// "Cancelling 3 jobs; 1 refused (not Pending or Processing)."; one CancelMany over the
// allowed jobs.
std::string cancel_jobs(ViewContext& ctx, const std::vector<const Job*>& jobs);
// "Retry all failed": one RetryMany over every Failed job (a filter, not a list of ids,
// so 30,000 failed jobs cost the UI nothing); "Queued 30000 retries."
std::string retry_all_failed(ViewContext& ctx);
// Asks to delete the selected jobs (one question, then one DeleteMany).
void request_delete_selected(ViewContext& ctx, const JobsViewState& state);

// The bar over the table while more than one job is selected: "Retry selected", "Cancel
// selected", "Delete selected…" (asks first) and "Clear"; a one-line hint on how to
// select several otherwise (the line is always there). Records "bulk-count" (with its
// text), "bulk-retry", "bulk-cancel", "bulk-delete", "bulk-clear".
void draw_bulk_bar(ViewContext& ctx, JobsViewState& state);

// The right-click menu of a row: Retry, Cancel, View, Duplicate as new job, Delete, each
// enabled only when valid. On a row that is part of a selection of several jobs, Retry,
// Cancel and Delete apply to the whole selection (one bulk command). Call right after the
// row's selectable. Records "menu-retry/<id>", "menu-cancel/<id>", "menu-view/<id>",
// "menu-duplicate/<id>", "menu-delete/<id>".
void draw_row_menu(ViewContext& ctx, JobsViewState& state, const Job& job);

// Retry from a row (button, key or menu): posts RetryJob; when the published detail says
// nothing changed since the failure, also raises the warning as a toast.
void retry_from_row(ViewContext& ctx, int64_t job_id);

// "Duplicate as new job" from a row: opens the create form once the job's detail (with its
// files) is published. Call every frame.
void resolve_duplicate_request(ViewContext& ctx);

}  // namespace blockify::gui
