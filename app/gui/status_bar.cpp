#include "app/gui/status_bar.h"

#include <imgui.h>

#include "app/gui/theme.h"

namespace blockify::gui {

std::string status_summary(const Snapshot& snapshot) {
  static constexpr JobStatus kOrder[] = {JobStatus::Processing, JobStatus::Cancelling, JobStatus::Pending,
                                         JobStatus::Failed,     JobStatus::Cancelled,  JobStatus::Completed};
  std::string text;
  for (JobStatus s : kOrder) {
    int n = snapshot.count(s);
    if (n == 0) continue;
    if (!text.empty()) text += " · ";
    text += std::to_string(n) + " " + to_string(s);
  }
  return text.empty() ? "No jobs yet" : text;
}

std::string workers_summary(const Snapshot& snapshot) {
  return "Workers " + std::to_string(snapshot.workers_busy) + " of " +
         std::to_string(snapshot.workers_total) + " busy";
}

void draw_status_bar(ViewContext& ctx) {
  const Snapshot& snap = ctx.snapshot;
  std::string summary = status_summary(snap);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(summary.c_str());
  ctx.rects.record_last_item("status-summary", summary);
  ImGui::SameLine(0, ImGui::GetFontSize() * 2);
  colored_text(theme::kDimText, workers_summary(snap).c_str());
  if (!snap.database_path.empty()) {
    std::string db = "Database: " + snap.database_path;
    float width = ImGui::CalcTextSize(db.c_str()).x;
    float right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() < right - width) ImGui::SetCursorPosX(right - width);
    colored_text(theme::kDimText, db.c_str());
  }
}

}  // namespace blockify::gui
