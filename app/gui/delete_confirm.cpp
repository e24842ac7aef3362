#include "app/gui/delete_confirm.h"

#include <imgui.h>

#include <string>
#include <utility>

#include "app/gui/job_lookup.h"
#include "app/gui/theme.h"

namespace blockify {
namespace {

constexpr const char* kPopup = "Delete job?";

bool running(const Job& job) { return job.status == JobStatus::Processing || job.status == JobStatus::Cancelling; }

void forget(UiState& ui) {
  ui.delete_request = 0;
  ui.delete_many.clear();
  ui.delete_popup_opened = false;
}

// The jobs of the pending request that still exist.
std::vector<const Job*> requested_jobs(const ViewContext& ctx) {
  std::vector<const Job*> jobs;
  if (ctx.ui.delete_request != 0) {
    if (const Job* job = find_job(ctx.snapshot.jobs, ctx.ui.delete_request)) jobs.push_back(job);
    return jobs;
  }
  for (int64_t id : ctx.ui.delete_many)
    if (const Job* job = find_job(ctx.snapshot.jobs, id)) jobs.push_back(job);
  return jobs;
}

std::string question_for(const std::vector<const Job*>& jobs) {
  if (jobs.size() == 1)
    return "Delete job " + std::to_string(jobs[0]->id) + " \"" + jobs[0]->name + "\" and the IdeaBlocks it produced?";
  return "Delete " + std::to_string(jobs.size()) + " jobs and the IdeaBlocks they produced?";
}

}  // namespace

void request_delete(UiState& ui, int64_t job_id) {
  forget(ui);
  ui.delete_request = job_id;
}

void request_delete_many(UiState& ui, std::vector<int64_t> job_ids) {
  forget(ui);
  if (job_ids.size() == 1)
    ui.delete_request = job_ids[0];
  else
    ui.delete_many = std::move(job_ids);
}

void draw_delete_confirm(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  bool requested = ui.delete_request != 0 || !ui.delete_many.empty();
  if (requested && !ui.delete_popup_opened) {
    ImGui::OpenPopup(kPopup);
    ui.delete_popup_opened = true;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    // Closed some other way (Esc): forget the request.
    if (ui.delete_popup_opened) forget(ui);
    return;
  }
  std::vector<const Job*> jobs = requested_jobs(ctx);
  if (jobs.empty()) {
    forget(ui);
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  size_t running_count = 0;
  for (const Job* job : jobs) running_count += running(*job) ? 1 : 0;
  std::string question = question_for(jobs);
  ImGui::TextUnformatted(question.c_str());
  ctx.rects.record_last_item("delete-question", question);
  if (running_count > 0) {
    std::string note = jobs.size() == 1 ? std::string("It is running and will be cancelled first.")
                                        : std::to_string(running_count) + (running_count == 1 ? " of them is" : " of them are") +
                                              " running and will be cancelled first.";
    colored_text(status_color(JobStatus::Cancelling), note.c_str());
  }
  colored_text(theme::kDimText, "This cannot be undone.");
  ImGui::Spacing();

  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.55f, 0.18f, 0.18f, 1.0f});
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4{0.70f, 0.22f, 0.22f, 1.0f});
  bool confirmed = ImGui::Button(running_count > 0 ? "Cancel and delete###delete" : "Delete###delete");
  ImGui::PopStyleColor(2);
  ctx.rects.record_last_item("confirm-delete");
  ImGui::SameLine();
  if (ImGui::IsWindowAppearing()) ImGui::SetItemDefaultFocus();
  bool kept = ImGui::Button(jobs.size() == 1 ? "Keep job###keep" : "Keep jobs###keep");
  ctx.rects.record_last_item("keep-job");
  if (confirmed) {
    for (const Job* job : jobs) {
      ctx.sink.post(DeleteJob{job->id, running(*job)});
      if (ui.selected_job == job->id) ui.detail_open = false;
    }
    if (jobs.size() > 1) show_notice(ctx, "Deleting " + std::to_string(jobs.size()) + " jobs.");
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) kept = true;
  if (confirmed || kept) {
    forget(ui);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace blockify
