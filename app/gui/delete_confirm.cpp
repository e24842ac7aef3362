#include "app/gui/delete_confirm.h"

#include <imgui.h>

#include <string>

#include "app/gui/job_lookup.h"
#include "app/gui/theme.h"

namespace blockify {
namespace {
constexpr const char* kPopup = "Delete job?";
}

void request_delete(UiState& ui, int64_t job_id) {
  ui.delete_request = job_id;
  ui.delete_popup_opened = false;
}

void draw_delete_confirm(ViewContext& ctx) {
  UiState& ui = ctx.ui;
  if (ui.delete_request != 0 && !ui.delete_popup_opened) {
    ImGui::OpenPopup(kPopup);
    ui.delete_popup_opened = true;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    // Closed some other way (Esc): forget the request.
    if (ui.delete_popup_opened) ui.delete_request = 0, ui.delete_popup_opened = false;
    return;
  }
  const Job* job = find_job(ctx.snapshot.jobs, ui.delete_request);
  if (!job) {
    ui.delete_request = 0;
    ui.delete_popup_opened = false;
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  bool running = job->status == JobStatus::Processing || job->status == JobStatus::Cancelling;
  std::string question = "Delete job " + std::to_string(job->id) + " \"" + job->name +
                         "\" and the IdeaBlocks it produced?";
  ImGui::TextUnformatted(question.c_str());
  ctx.rects.record_last_item("delete-question", question);
  if (running) colored_text(status_color(JobStatus::Cancelling), "It is running and will be cancelled first.");
  colored_text(theme::kDimText, "This cannot be undone.");
  ImGui::Spacing();

  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4{0.55f, 0.18f, 0.18f, 1.0f});
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4{0.70f, 0.22f, 0.22f, 1.0f});
  bool confirmed = ImGui::Button(running ? "Cancel and delete" : "Delete");
  ImGui::PopStyleColor(2);
  ctx.rects.record_last_item("confirm-delete");
  ImGui::SameLine();
  if (ImGui::IsWindowAppearing()) ImGui::SetItemDefaultFocus();
  bool kept = ImGui::Button("Keep job");
  ctx.rects.record_last_item("keep-job");
  if (confirmed) {
    ctx.sink.post(DeleteJob{job->id, running});
    if (ui.selected_job == job->id) ui.detail_open = false;
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) kept = true;
  if (confirmed || kept) {
    ui.delete_request = 0;
    ui.delete_popup_opened = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace blockify
