#include "app/gui/jobs_actions.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/create_job_form.h"
#include "app/gui/delete_confirm.h"
#include "app/gui/failure_changes.h"
#include "app/gui/job_lookup.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify {
namespace {

std::string count_text(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Posts `make(id)` for each job whose status `allowed` accepts; words the outcome.
template <typename Allowed, typename Post>
std::string bulk(ViewContext& ctx, const std::vector<int64_t>& ids, Allowed allowed, Post post, const char* verb,
                 const char* one, const char* many, const char* refusal) {
  size_t queued = 0, refused = 0;
  for (int64_t id : ids) {
    const Job* job = find_job(ctx.snapshot.jobs, id);
    if (job && allowed(job->status)) {
      post(id);
      ++queued;
    } else {
      ++refused;
    }
  }
  std::string text = std::string(verb) + " " + count_text(queued, one, many);
  if (refused > 0) text += "; " + std::to_string(refused) + " refused (" + refusal + ")";
  return text + ".";
}

}  // namespace

bool is_selected(const JobsViewState& state, int64_t job_id) { return state.selection.count(job_id) != 0; }

std::vector<int64_t> selected_jobs(const ViewContext& ctx, const JobsViewState& state) {
  std::vector<int64_t> ids;
  for (int64_t id : state.selection)
    if (find_job(ctx.snapshot.jobs, id)) ids.push_back(id);
  return ids;
}

void sync_selection(ViewContext& ctx, JobsViewState& state) {
  int64_t focused = ctx.ui.selected_job;
  if (focused == 0)
    state.selection.clear();
  else if (!state.selection.count(focused))
    state.selection = {focused};
}

void click_row(ViewContext& ctx, JobsViewState& state, int64_t job_id) {
  const ImGuiIO& io = ImGui::GetIO();
  const JobTable& table = ctx.snapshot.jobs;
  if (io.KeyShift && ctx.ui.selected_job != 0) {
    int from = state.index.position_of(table, ctx.ui.selected_job);
    int to = state.index.position_of(table, job_id);
    if (from >= 0 && to >= 0) {
      // The last clicked job stays focused: it is where the next Shift+click measures from.
      state.selection.clear();
      for (int i = std::min(from, to); i <= std::max(from, to); ++i)
        if (const JobRow& row = table.at(state.index.slot(static_cast<size_t>(i)))) state.selection.insert(row->id);
      return;
    }
  }
  if (io.KeyCtrl) {
    if (state.selection.erase(job_id)) {
      if (ctx.ui.selected_job == job_id) {
        if (state.selection.empty()) {
          ctx.ui.selected_job = 0;
          ctx.ui.detail_open = false;
        } else {
          select_job(ctx, *state.selection.rbegin(), false);
        }
      }
    } else {
      state.selection.insert(job_id);
      select_job(ctx, job_id, false);
    }
    return;
  }
  state.selection = {job_id};
  select_job(ctx, job_id, false);
}

std::string retry_jobs(ViewContext& ctx, const std::vector<int64_t>& ids) {
  return bulk(
      ctx, ids, [](JobStatus s) { return can_retry(s); },
      [&](int64_t id) { ctx.sink.post(RetryJob{id, AttemptKind::Fresh}); }, "Queued", "retry", "retries",
      "not Failed or Cancelled");
}

std::string cancel_jobs(ViewContext& ctx, const std::vector<int64_t>& ids) {
  return bulk(
      ctx, ids, [](JobStatus s) { return can_cancel(s); }, [&](int64_t id) { ctx.sink.post(CancelJob{id}); },
      "Cancelling", "job", "jobs", "not Pending or Processing");
}

std::vector<int64_t> failed_jobs(const Snapshot& snapshot) {
  std::vector<int64_t> ids;
  if (snapshot.count(JobStatus::Failed) == 0) return ids;
  for (size_t i = 0; i < snapshot.jobs.slots(); ++i)
    if (const JobRow& row = snapshot.jobs.at(i); row && row->status == JobStatus::Failed) ids.push_back(row->id);
  return ids;
}

void draw_bulk_bar(ViewContext& ctx, JobsViewState& state) {
  // The ids are looked up only on a click: a Shift+click can select 100,000 jobs.
  size_t count = state.selection.size();
  if (count < 2) {
    // The line stays, so the table does not jump when a second job is selected.
    ImGui::AlignTextToFramePadding();
    colored_text_wrapped(theme::kDimText,
                         "Ctrl+click adds a job to the selection, Shift+click a range; right-click a job for more.");
    return;
  }
  ImGui::AlignTextToFramePadding();
  std::string selected = thousands(static_cast<int64_t>(count)) + " jobs selected";
  ImGui::TextUnformatted(selected.c_str());
  ctx.rects.record_last_item("bulk-count", selected);
  same_line_if_fits(button_width("Retry selected"));
  if (ImGui::Button("Retry selected")) show_notice(ctx, retry_jobs(ctx, selected_jobs(ctx, state)));
  ctx.rects.record_last_item("bulk-retry");
  same_line_if_fits(button_width("Cancel selected"));
  if (ImGui::Button("Cancel selected")) show_notice(ctx, cancel_jobs(ctx, selected_jobs(ctx, state)));
  ctx.rects.record_last_item("bulk-cancel");
  same_line_if_fits(button_width("Delete selected…"));
  if (ImGui::Button("Delete selected…")) request_delete_many(ctx.ui, selected_jobs(ctx, state));
  ctx.rects.record_last_item("bulk-delete");
  same_line_if_fits(button_width("Clear selection"));
  if (ImGui::Button("Clear selection")) state.selection = {ctx.ui.selected_job};
  ctx.rects.record_last_item("bulk-clear");
}

void retry_from_row(ViewContext& ctx, int64_t job_id) {
  ctx.sink.post(RetryJob{job_id, AttemptKind::Fresh});
  note_action(ctx, job_id);
  // One click stays one click: the warning the detail would show arrives as a toast.
  if (retry_would_meet_same_failure(ctx.snapshot, job_id))
    show_notice(ctx, "Job " + std::to_string(job_id) + ": " + kNothingChangedWarning);
}

void draw_row_menu(ViewContext& ctx, const Job& job) {
  if (!ImGui::BeginPopupContextItem("row-menu")) return;
  std::string id = std::to_string(job.id);
  bool ready = !action_cooling_down(ctx, job.id);
  if (ImGui::MenuItem("Retry", "R", false, can_retry(job.status) && ready)) retry_from_row(ctx, job.id);
  ctx.rects.record_last_item("menu-retry/" + id);
  if (ImGui::MenuItem("Cancel", nullptr, false, can_cancel(job.status) && ready)) {
    ctx.sink.post(CancelJob{job.id});
    note_action(ctx, job.id);
  }
  ctx.rects.record_last_item("menu-cancel/" + id);
  if (ImGui::MenuItem("View")) select_job(ctx, job.id, true);
  ctx.rects.record_last_item("menu-view/" + id);
  if (ImGui::MenuItem("Duplicate as new job")) {
    ctx.ui.duplicate_request = job.id;
    select_job(ctx, job.id, false);  // its files come with its detail
  }
  ctx.rects.record_last_item("menu-duplicate/" + id);
  ImGui::Separator();
  if (ImGui::MenuItem("Delete…", "Del")) request_delete(ctx.ui, job.id);  // running jobs are cancelled first
  ctx.rects.record_last_item("menu-delete/" + id);
  ImGui::EndPopup();
}

void resolve_duplicate_request(ViewContext& ctx) {
  int64_t id = ctx.ui.duplicate_request;
  if (id == 0) return;
  if (!find_job(ctx.snapshot.jobs, id)) {
    ctx.ui.duplicate_request = 0;  // deleted meanwhile
    return;
  }
  const JobDetail* d = ctx.snapshot.detail.get();
  if (!d || d->job.id != id) {
    if (ctx.ui.selected_job != id) ctx.ui.duplicate_request = 0;  // the user moved on
    return;
  }
  ctx.ui.create_request = duplicate_request(*d);
  ctx.ui.duplicate_request = 0;
}

}  // namespace blockify
