#include "app/gui/main_view.h"

#include <imgui.h>

#include "app/gui/delete_confirm.h"
#include "app/gui/keys.h"
#include "app/gui/status_bar.h"
#include "app/gui/theme.h"

namespace blockify {
namespace {

void handle_global_keys(ViewContext& ctx) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::kN, false) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
    ctx.ui.create_request = CreateJob{};
}

// A horizontal bar the user drags to share the height between table and detail.
void draw_splitter(ViewContext& ctx, MainViewState& state, float total_height) {
  float thickness = ImGui::GetStyle().ItemSpacing.y * 1.5f;
  ImGui::InvisibleButton("##splitter", {-1, thickness});
  ctx.rects.record_last_item("splitter");
  bool active = ImGui::IsItemActive();
  if (ImGui::IsItemHovered() || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  if (active && total_height > 0) {
    state.detail_fraction -= ImGui::GetIO().MouseDelta.y / total_height;
    if (state.detail_fraction < 0.15f) state.detail_fraction = 0.15f;
    if (state.detail_fraction > 0.85f) state.detail_fraction = 0.85f;
  }
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  float mid = (min.y + max.y) / 2;
  ImU32 color = ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : ImGuiCol_Separator);
  ImGui::GetWindowDrawList()->AddLine({min.x, mid}, {max.x, mid}, color, 2);
}

}  // namespace

void draw_main_view(ViewContext& ctx, MainViewState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("Blockify Desktop", nullptr, flags);
  handle_global_keys(ctx);

  draw_jobs_toolbar(ctx, state.jobs);
  float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  float body = ImGui::GetContentRegionAvail().y - status_height;

  if (has_no_jobs(ctx.snapshot)) {
    ImGui::BeginChild("empty", {0, body});
    draw_empty_state(ctx, state.empty);
    ImGui::EndChild();
  } else {
    state.empty.posted = false;
    bool detail = ctx.ui.detail_open && ctx.ui.selected_job != 0;
    float splitter = ImGui::GetStyle().ItemSpacing.y * 1.5f + ImGui::GetStyle().ItemSpacing.y;
    float table_height = detail ? (body - splitter) * (1 - state.detail_fraction) : body;
    if (detail) {
      // A short list gives its unused rows to the detail (but keeps room for a few rows).
      float row = jobs_row_height();
      float needed = (static_cast<float>(state.jobs.index.size()) + 1.5f) * row;
      float floor = row * 4.5f;
      if (needed < floor) needed = floor;
      if (needed < table_height) table_height = needed;
    }
    draw_jobs_table(ctx, state.jobs, table_height);
    if (detail) {
      draw_splitter(ctx, state, body);
      ImGui::BeginChild("detail", {0, ImGui::GetContentRegionAvail().y - status_height}, true);
      draw_job_detail(ctx, state.detail);
      ImGui::EndChild();
    }
    handle_jobs_keys(ctx, state.jobs);
  }

  ImGui::Separator();
  draw_status_bar(ctx);

  draw_delete_confirm(ctx);
  draw_create_job_dialog(ctx, state.create);
  ImGui::End();
  draw_notices(ctx, state.notices);
}

}  // namespace blockify
