#include "app/gui/jobs_actions.h"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "app/gui/create_job_form.h"
#include "app/gui/delete_confirm.h"
#include "app/gui/failure_changes.h"
#include "app/gui/job_lookup.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui {
namespace {

std::string count_text(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Splits `jobs` by whether `allowed` accepts their status; words the outcome.
template <typename Allowed>
std::string judge(const std::vector<const Job*>& jobs, Allowed allowed, std::vector<int64_t>* allowed_ids,
                  const char* verb, const char* one, const char* many, const char* refusal) {
  size_t refused = 0;
  for (const Job* job : jobs) {
    if (allowed(job->status))
      allowed_ids->push_back(job->id);
    else
      ++refused;
  }
  std::string text = std::string(verb) + " " + count_text(allowed_ids->size(), one, many);
  if (refused > 0) text += "; " + std::to_string(refused) + " refused (" + refusal + ")";
  return text + ".";
}

// Selects every job shown between positions `from` and `to` (either order).
void select_range(const JobTable& table, JobsViewState& state, int from, int to) {
  for (int i = std::min(from, to); i <= std::max(from, to); ++i)
    if (const JobRow& row = table.at(state.index.slot(static_cast<size_t>(i))))
      state.selection.insert(row->id);
}

}  // namespace

JobSelector jobs_with_ids(std::vector<int64_t> job_ids) {
  JobSelector selector;
  selector.ids = std::move(job_ids);
  return selector;
}

bool is_selected(const JobsViewState& state, int64_t job_id) { return state.selection.contains(job_id); }

std::vector<const Job*> selected_jobs(const ViewContext& ctx, const JobsViewState& state) {
  std::vector<int64_t> ids = state.selection.ids();
  std::vector<const Job*> jobs;
  jobs.reserve(ids.size());
  if (ids.size() < 64) {
    for (int64_t id : ids)
      if (const Job* job = find_job(ctx.snapshot.jobs, id)) jobs.push_back(job);
    return jobs;
  }
  // Both are in id order: walk them side by side.
  const JobTable& table = ctx.snapshot.jobs;
  size_t slot = 0;
  for (int64_t id : ids) {
    while (slot < table.slots() && (!table.at(slot) || table.at(slot)->id < id)) ++slot;
    if (slot == table.slots()) break;
    if (table.at(slot)->id == id) jobs.push_back(table.at(slot).get());
  }
  return jobs;
}

void sync_selection(ViewContext& ctx, JobsViewState& state) {
  int64_t focused = ctx.ui.selected_job;
  if (focused == 0) {
    state.selection.clear();
  } else if (!state.selection.contains(focused)) {
    state.selection.clear();
    state.selection.insert(focused);
  }
}

void click_row(ViewContext& ctx, JobsViewState& state, int64_t job_id) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyShift && ctx.ui.selected_job != 0) {
    int from = state.index.position_of(ctx.ui.selected_job);
    int to = state.index.position_of(job_id);
    if (from >= 0 && to >= 0) {
      // The last clicked job stays focused: it is where the next Shift+click measures from.
      state.selection.clear();
      select_range(ctx.snapshot.jobs, state, from, to);
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
          select_job(ctx, state.selection.highest(), false);
        }
      }
    } else {
      state.selection.insert(job_id);
      select_job(ctx, job_id, false);
    }
    return;
  }
  state.selection.clear();
  state.selection.insert(job_id);
  select_job(ctx, job_id, false);
}

std::string retry_jobs(ViewContext& ctx, const std::vector<const Job*>& jobs) {
  std::vector<int64_t> ids;
  std::string text = judge(jobs, can_retry, &ids, "Queued", "retry", "retries", "not Failed or Cancelled");
  if (!ids.empty()) ctx.sink.post(RetryMany{jobs_with_ids(std::move(ids)), AttemptKind::Fresh});
  return text;
}

std::string cancel_jobs(ViewContext& ctx, const std::vector<const Job*>& jobs) {
  std::vector<int64_t> ids;
  std::string text = judge(jobs, can_cancel, &ids, "Cancelling", "job", "jobs", "not Pending or Processing");
  if (!ids.empty()) ctx.sink.post(CancelMany{jobs_with_ids(std::move(ids))});
  return text;
}

std::string retry_all_failed(ViewContext& ctx) {
  int failed = ctx.snapshot.count(JobStatus::Failed);
  if (failed == 0) return "No job has failed.";
  JobSelector every_failed;
  every_failed.status = JobStatus::Failed;
  ctx.sink.post(RetryMany{std::move(every_failed), AttemptKind::Fresh});
  return "Queued " + count_text(static_cast<size_t>(failed), "retry", "retries") + ".";
}

void request_delete_selected(ViewContext& ctx, const JobsViewState& state) {
  std::vector<const Job*> jobs = selected_jobs(ctx, state);
  std::vector<int64_t> ids;
  ids.reserve(jobs.size());
  size_t running = 0;
  for (const Job* job : jobs) {
    ids.push_back(job->id);
    if (job->status == JobStatus::Processing || job->status == JobStatus::Cancelling) ++running;
  }
  request_delete_many(ctx.ui, std::move(ids), running);
}

void draw_bulk_bar(ViewContext& ctx, JobsViewState& state) {
  // The jobs are looked up only on a click: a Shift+click can select 100,000 of them.
  size_t count = state.selection.size();
  if (count < 2) {
    // The line stays, so the table does not jump when a second job is selected.
    ImGui::AlignTextToFramePadding();
    colored_text_wrapped(
        theme::kDimText,
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
  if (ImGui::Button("Delete selected…")) request_delete_selected(ctx, state);
  ctx.rects.record_last_item("bulk-delete");
  same_line_if_fits(button_width("Clear selection"));
  if (ImGui::Button("Clear selection")) {
    state.selection.clear();
    state.selection.insert(ctx.ui.selected_job);
  }
  ctx.rects.record_last_item("bulk-clear");
}

void retry_from_row(ViewContext& ctx, int64_t job_id) {
  ctx.sink.post(RetryJob{job_id, AttemptKind::Fresh});
  note_action(ctx, job_id);
  // One click stays one click: the warning the detail would show arrives as a toast.
  if (retry_would_meet_same_failure(ctx.snapshot, job_id))
    show_notice(ctx, "Job " + std::to_string(job_id) + ": " + kNothingChangedWarning);
}

void draw_row_menu(ViewContext& ctx, JobsViewState& state, const Job& job) {
  if (!ImGui::BeginPopupContextItem("row-menu")) return;
  std::string id = std::to_string(job.id);
  // Right-clicking one of several selected rows acts on all of them, as file managers do.
  size_t many = state.selection.size() >= 2 && state.selection.contains(job.id) ? state.selection.size() : 0;
  std::string suffix = many ? " " + thousands(static_cast<int64_t>(many)) + " selected" : "";
  bool ready = !action_cooling_down(ctx, job.id);
  if (ImGui::MenuItem(("Retry" + suffix).c_str(), many ? nullptr : "R", false,
                      many || (can_retry(job.status) && ready))) {
    if (many)
      show_notice(ctx, retry_jobs(ctx, selected_jobs(ctx, state)));
    else
      retry_from_row(ctx, job.id);
  }
  ctx.rects.record_last_item("menu-retry/" + id);
  if (ImGui::MenuItem(("Cancel" + suffix).c_str(), nullptr, false,
                      many || (can_cancel(job.status) && ready))) {
    if (many) {
      show_notice(ctx, cancel_jobs(ctx, selected_jobs(ctx, state)));
    } else {
      ctx.sink.post(CancelJob{job.id});
      note_action(ctx, job.id);
    }
  }
  ctx.rects.record_last_item("menu-cancel/" + id);
  if (ImGui::MenuItem("View")) select_job(ctx, job.id, true);
  ctx.rects.record_last_item("menu-view/" + id);
  if (ImGui::MenuItem("Duplicate as new job", nullptr, false, job.config.mode != JobMode::ReEmbed)) {
    ctx.ui.duplicate_request = job.id;
    select_job(ctx, job.id, false);  // its files come with its detail
  }
  ctx.rects.record_last_item("menu-duplicate/" + id);
  ImGui::Separator();
  if (ImGui::MenuItem(("Delete" + suffix + "…").c_str(), many ? nullptr : "Del")) {
    if (many)
      request_delete_selected(ctx, state);
    else
      request_delete(ctx.ui, job.id);  // running jobs are cancelled first
  }
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

}  // namespace blockify::gui
