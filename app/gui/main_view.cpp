#include "app/gui/main_view.h"

#include <imgui.h>

#include "app/gui/delete_confirm.h"
#include "app/gui/jobs_actions.h"
#include "app/gui/keys.h"
#include "app/gui/halt_banner.h"
#include "app/gui/job_lookup.h"
#include "app/gui/status_bar.h"
#include "app/gui/theme.h"

namespace blockify::gui {
namespace {

void handle_global_keys(ViewContext& ctx) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::kN, false) &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
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

void draw_tab_bar(ViewContext& ctx, MainViewState& state) {
  if (!ImGui::BeginTabBar("main-tabs")) return;
  auto tab = [&](const char* name, MainTab which) {
    ImGuiTabItemFlags flags = state.tab_requested && state.tab == which ? ImGuiTabItemFlags_SetSelected : 0;
    bool open = ImGui::BeginTabItem(name, nullptr, flags);
    ctx.rects.record_last_item(std::string("main-tab/") + name);
    if (!open) return;
    // The tab bar reports its choice a frame late at first; our own `tab` decides what
    // is drawn, so the first frame already shows the Jobs view.
    if (!state.tab_requested) state.tab = which;
    ImGui::EndTabItem();
  };
  tab("Jobs", MainTab::Jobs);
  tab("Datasets", MainTab::Datasets);
  tab("Settings", MainTab::Settings);
  draw_about_button(ctx, state.about);
  state.tab_requested = false;
  ImGui::EndTabBar();
}

// After Start, the job the engine created (by its id) opens in the detail. The engine
// answers only after publishing the snapshot that lists the job, so this frame's snapshot,
// taken after the answer was read, lists it — unless it was deleted meanwhile.
void open_created_job(ViewContext& ctx, MainViewState& state) {
  int64_t id = state.create.created_job;
  if (id == 0) return;
  state.create.created_job = 0;
  if (!find_job(ctx.snapshot.jobs, id)) return;
  select_job(ctx, id, true);
  state.jobs.scroll_to_selection = true;
  switch_tab(state, MainTab::Jobs);
}

void draw_jobs_tab(ViewContext& ctx, MainViewState& state, float status_height) {
  draw_jobs_toolbar(ctx, state.jobs);
  float body = ImGui::GetContentRegionAvail().y - status_height;

  if (has_no_jobs(ctx.snapshot)) {
    ImGui::BeginChild("empty", {0, body});
    draw_empty_state(ctx, state.empty);
    ImGui::EndChild();
    return;
  }
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

}  // namespace

void switch_tab(MainViewState& state, MainTab tab) {
  state.tab = tab;
  state.tab_requested = true;
}

void draw_main_view(ViewContext& ctx, MainViewState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("Blockify Desktop", nullptr, flags);
  handle_global_keys(ctx);

  resolve_duplicate_request(ctx);
  open_created_job(ctx, state);
  draw_halt_banner(ctx);
  draw_tab_bar(ctx, state);
  float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  switch (state.tab) {
    case MainTab::Jobs:
      draw_jobs_tab(ctx, state, status_height);
      break;
    case MainTab::Datasets:
      ImGui::BeginChild("datasets-view", {0, ImGui::GetContentRegionAvail().y - status_height});
      draw_datasets_view(ctx, state.datasets);
      ImGui::EndChild();
      if (ctx.ui.show_jobs_tab) {  // a search result's or a Re-embed's job was opened
        ctx.ui.show_jobs_tab = false;
        state.jobs.scroll_to_selection = true;
        switch_tab(state, MainTab::Jobs);
      }
      break;
    case MainTab::Settings:
      ImGui::BeginChild("settings-view", {0, ImGui::GetContentRegionAvail().y - status_height});
      draw_settings_view(ctx, state.settings);
      ImGui::EndChild();
      break;
  }

  ImGui::Separator();
  draw_status_bar(ctx);

  draw_delete_confirm(ctx);
  draw_about_view(ctx, state.about);
  draw_create_job_dialog(ctx, state.create);
  ImGui::End();
  draw_notices(ctx, state.notices);
}

}  // namespace blockify::gui
