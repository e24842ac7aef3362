#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/jobs_actions.h"
#include "app/gui/jobs_view.h"
#include "app/gui/theme.h"

namespace blockify::gui {

void draw_jobs_toolbar(ViewContext& ctx, JobsViewState& state) {
  if (ImGui::Button("+ New job")) ctx.ui.create_request = CreateJob{};
  ctx.rects.record_last_item("new-job");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Create a job from documents (Ctrl+N).");

  float em = ImGui::GetFontSize();
  float spacing = ImGui::GetStyle().ItemSpacing.x;
  same_line_if_fits(em * 18);
  if (ctx.ui.focus_search) {
    ImGui::SetKeyboardFocusHere();
    ctx.ui.focus_search = false;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
  ImGui::InputTextWithHint("##search", "Search jobs by name (Ctrl+F)", &state.query.search);
  ctx.rects.record_last_item("search");

  same_line_if_fits(ImGui::CalcTextSize("Status").x + spacing + em * 8);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Status");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  bool combo_open = ImGui::BeginCombo("##status-filter", display_name(state.query.status));
  ctx.rects.record_last_item("filter-status");
  if (combo_open) {
    for (int i = 0; i < kStatusFilterCount; ++i) {
      auto f = static_cast<StatusFilter>(i);
      if (ImGui::Selectable(display_name(f), f == state.query.status)) state.query.status = f;
      ctx.rects.record_last_item(std::string("filter-status/") + display_name(f));
    }
    ImGui::EndCombo();
  }

  // Active/All as a two-button toggle: the active one is highlighted.
  same_line_if_fits(button_width("Active") + button_width("All"));
  auto toggle = [&](const char* label, bool on, const char* rect_name) {
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    bool clicked = ImGui::Button(label);
    if (on) ImGui::PopStyleColor();
    ctx.rects.record_last_item(rect_name);
    return clicked;
  };
  if (toggle("Active", state.query.active_only, "filter-active")) state.query.active_only = true;
  ImGui::SameLine(0, 0);
  if (toggle("All", !state.query.active_only, "filter-all")) state.query.active_only = false;

  int failed = ctx.snapshot.count(JobStatus::Failed);
  std::string retry_all = failed > 0 ? "Retry all failed (" + std::to_string(failed) + ")###retry-all"
                                     : std::string("Retry all failed###retry-all");
  same_line_if_fits(button_width(retry_all.c_str()));
  ImGui::BeginDisabled(failed == 0);
  if (ImGui::Button(retry_all.c_str())) show_notice(ctx, retry_all_failed(ctx));
  ImGui::EndDisabled();
  ctx.rects.record_last_item("retry-all-failed");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(failed > 0 ? "Start every failed job again from the beginning." : "No job has failed.");

  if (!state.query.search.empty() || state.query.status != StatusFilter::All || state.query.active_only) {
    std::string shown = std::to_string(state.index.size()) + " shown";
    same_line_if_fits(ImGui::CalcTextSize(shown.c_str()).x);
    ImGui::AlignTextToFramePadding();
    colored_text(theme::kDimText, shown.c_str());
  }
  draw_bulk_bar(ctx, state);
}

}  // namespace blockify::gui
