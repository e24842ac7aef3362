#include "app/gui/delete_confirm.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <utility>

#include "app/gui/job_lookup.h"
#include "app/gui/jobs_actions.h"
#include "app/gui/theme.h"

namespace blockify::gui {
namespace {

constexpr const char* kPopup = "Delete job?";

bool running(const Job& job) {
  return job.status == JobStatus::Processing || job.status == JobStatus::Cancelling;
}

void forget(UiState& ui) {
  ui.delete_request = 0;
  ui.delete_many.clear();
  ui.delete_many_running = 0;
  ui.delete_popup_opened = false;
}

// What the question is about: how many jobs, how many of them run, and the single job.
struct Question {
  size_t jobs = 0;
  size_t running = 0;
  const Job* single = nullptr;
};

Question question_about(const ViewContext& ctx) {
  if (ctx.ui.delete_request == 0) return {ctx.ui.delete_many.size(), ctx.ui.delete_many_running, nullptr};
  const Job* job = find_job(ctx.snapshot.jobs, ctx.ui.delete_request);
  if (!job) return {};
  return {1, running(*job) ? size_t{1} : 0, job};
}

std::string question_text(const Question& q) {
  if (q.single)
    return "Delete job " + std::to_string(q.single->id) + " \"" + q.single->name +
           "\" and the IdeaBlocks it produced?";
  return "Delete " + std::to_string(q.jobs) + " jobs and the IdeaBlocks they produced?";
}

}  // namespace

void request_delete(UiState& ui, int64_t job_id) {
  forget(ui);
  ui.delete_request = job_id;
}

void request_delete_many(UiState& ui, std::vector<int64_t> job_ids, size_t running) {
  forget(ui);
  if (job_ids.size() == 1) {
    ui.delete_request = job_ids[0];
  } else {
    ui.delete_many = std::move(job_ids);
    ui.delete_many_running = running;
  }
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
  Question q = question_about(ctx);
  if (q.jobs == 0) {
    forget(ui);
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  size_t running_count = q.running;
  std::string question = question_text(q);
  ImGui::TextUnformatted(question.c_str());
  ctx.rects.record_last_item("delete-question", question);
  if (running_count > 0) {
    std::string note = q.jobs == 1 ? std::string("It is running and will be cancelled first.")
                                   : std::to_string(running_count) +
                                         (running_count == 1 ? " of them is" : " of them are") +
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
  bool kept = ImGui::Button(q.jobs == 1 ? "Keep job###keep" : "Keep jobs###keep");
  ctx.rects.record_last_item("keep-job");
  if (confirmed) {
    if (q.single) {
      ctx.sink.post(DeleteJob{q.single->id, running(*q.single)});
      if (ui.selected_job == q.single->id) ui.detail_open = false;
    } else {
      // One command however many: jobs deleted meanwhile come back as refusals, not errors.
      ctx.sink.post(DeleteMany{jobs_with_ids(ui.delete_many), running_count > 0});
      if (std::binary_search(ui.delete_many.begin(), ui.delete_many.end(), ui.selected_job))
        ui.detail_open = false;
      show_notice(ctx, "Deleting " + std::to_string(q.jobs) + " jobs.");
    }
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) kept = true;
  if (confirmed || kept) {
    forget(ui);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace blockify::gui
