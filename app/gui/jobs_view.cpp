#include "app/gui/jobs_view.h"

#include <imgui.h>

#include <cstdint>
#include <string>

#include "app/gui/delete_confirm.h"
#include "app/gui/job_lookup.h"
#include "app/gui/jobs_actions.h"
#include "app/gui/keys.h"
#include "app/gui/status_badge.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui {
namespace {

enum Column {
  kColId,
  kColName,
  kColStatus,
  kColFiles,
  kColBlocks,
  kColProgress,
  kColTime,
  kColStarted,
  kColActions
};
constexpr int kColumnCount = 9;

float small_line_height() {
  ImFont* small = fonts().small;
  return small ? small->FontSize : ImGui::GetFontSize();
}

void setup_columns() {
  float em = ImGui::GetFontSize();
  // On a narrow window (or at 200 %) the job's name needs the room more than the times,
  // which the detail shows anyway.
  float width = ImGui::GetContentRegionAvail().x;
  ImGuiTableColumnFlags narrow_time = width < em * 66 ? ImGuiTableColumnFlags_Disabled : 0;
  ImGuiTableColumnFlags narrow_started = width < em * 54 ? ImGuiTableColumnFlags_Disabled : 0;
  auto key = [](JobsSortKey k) { return static_cast<ImGuiID>(k); };
  ImGui::TableSetupColumn("#",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort |
                              ImGuiTableColumnFlags_PreferSortDescending,
                          em * 3.5f, key(JobsSortKey::Id));
  ImGui::TableSetupColumn("Job", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 3.0f,
                          key(JobsSortKey::Name));
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, status_badge_width(),
                          key(JobsSortKey::Status));
  ImGui::TableSetupColumn("Files",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending,
                          em * 5.5f, key(JobsSortKey::Files));
  ImGui::TableSetupColumn("IdeaBlocks",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending,
                          em * 5.5f, key(JobsSortKey::Blocks));
  ImGui::TableSetupColumn("Progress",
                          ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending,
                          1.5f, key(JobsSortKey::Progress));
  ImGui::TableSetupColumn(
      "Total time",
      ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending | narrow_time, em * 6,
      key(JobsSortKey::TotalTime));
  ImGui::TableSetupColumn(
      "Started",
      ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending | narrow_started, em * 6,
      key(JobsSortKey::Started));
  ImGui::TableSetupColumn(
      "Actions",
      ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoHide,
      em * 10.5f);
}

// Like TableHeadersRow, and records "header/<column>" so a click can be aimed at it.
void draw_header_row(ViewContext& ctx) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < kColumnCount; ++column) {
    if (!ImGui::TableSetColumnIndex(column)) continue;
    const char* name = ImGui::TableGetColumnName(column);
    ImGui::PushID(column);
    ImGui::TableHeader(name);
    ImGui::PopID();
    ctx.rects.record_last_item(std::string("header/") + name);
  }
}

void read_sort_specs(JobsViewState& state) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || !specs->SpecsDirty) return;
  if (specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    state.query.sort = static_cast<JobsSortKey>(spec.ColumnUserID);
    state.query.descending = spec.SortDirection == ImGuiSortDirection_Descending;
  } else {
    state.query.sort = JobsSortKey::Id;
    state.query.descending = true;
  }
  specs->SpecsDirty = false;
}

void draw_name_cell(const Job& job) {
  ImGui::TextUnformatted(job.name.empty() ? "(unnamed job)" : job.name.c_str());
  FontScope small(fonts().small);
  colored_text(theme::kDimText, job.dataset.empty() ? "no dataset" : job.dataset.c_str());
}

void draw_files_cell(const Job& job) {
  std::string files = std::to_string(job.files_done) + " of " + std::to_string(job.files_total);
  ImGui::TextUnformatted(files.c_str());
  if (job.files_failed > 0) {
    FontScope small(fonts().small);
    std::string failed = std::to_string(job.files_failed) + " failed";
    colored_text(theme::kErrorText, failed.c_str());
  }
}

void draw_progress_cell(const Job& job) {
  double fraction = job.progress < 0 ? 0 : job.progress > 1 ? 1 : job.progress;
  std::string label = std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
  ImVec4 color = status_color(job.status);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImVec4{color.x, color.y, color.z, 0.75f});
  ImGui::ProgressBar(static_cast<float>(fraction), {-1, 0}, label.c_str());
  ImGui::PopStyleColor();
}

void draw_actions_cell(ViewContext& ctx, const Job& job) {
  std::string id = std::to_string(job.id);
  bool first = true;
  auto next = [&] {
    if (!first) ImGui::SameLine();
    first = false;
  };
  bool cooling = action_cooling_down(ctx, job.id);
  if (cooling) ctx.ui.animating = true;  // redraw when the cooldown ends
  if (can_retry(job.status)) {
    next();
    ImGui::BeginDisabled(cooling);
    if (primary_button("Retry")) retry_from_row(ctx, job.id);
    ImGui::EndDisabled();
    ctx.rects.record_last_item("retry/" + id);
  }
  if (can_cancel(job.status)) {
    next();
    ImGui::BeginDisabled(cooling);
    if (ImGui::Button("Cancel")) {
      ctx.sink.post(CancelJob{job.id});
      note_action(ctx, job.id);
    }
    ImGui::EndDisabled();
    ctx.rects.record_last_item("cancel/" + id);
  }
  next();
  if (ImGui::Button("View")) select_job(ctx, job.id, true);
  ctx.rects.record_last_item("view/" + id);
}

void draw_row(ViewContext& ctx, JobsViewState& state, const Job& job, float row_height) {
  ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
  ImGui::PushID(reinterpret_cast<const void*>(static_cast<intptr_t>(job.id)));

  ImGui::TableSetColumnIndex(kColId);
  bool selected = is_selected(state, job.id);
  std::string id = std::to_string(job.id);
  float inner = row_height - ImGui::GetStyle().CellPadding.y * 2;
  if (ImGui::Selectable(id.c_str(), selected,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                        {0, inner}))
    click_row(ctx, state, job.id);
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
    select_job(ctx, job.id, true);
  ctx.rects.record_last_item("row/" + id);
  draw_row_menu(ctx, state, job);
  if (selected && state.scroll_to_selection) {
    float top = ImGui::GetWindowPos().y + ImGui::GetFrameHeightWithSpacing();
    float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    if (ImGui::GetItemRectMin().y < top || ImGui::GetItemRectMax().y > bottom) ImGui::SetScrollHereY(0.5f);
    state.scroll_to_selection = false;
  }

  ImGui::TableSetColumnIndex(kColName);
  draw_name_cell(job);
  ImGui::TableSetColumnIndex(kColStatus);
  if (draw_status_badge(job.status, ctx.time_s)) ctx.ui.animating = true;
  ImGui::TableSetColumnIndex(kColFiles);
  draw_files_cell(job);
  ImGui::TableSetColumnIndex(kColBlocks);
  ImGui::TextUnformatted(thousands(job.blocks).c_str());
  ImGui::TableSetColumnIndex(kColProgress);
  draw_progress_cell(job);
  ImGui::TableSetColumnIndex(kColTime);
  if (job.status == JobStatus::Pending && job.retry_at > ctx.now_ms) {
    // Waiting for an automatic retry: the countdown is what the user wants to know.
    std::string countdown = "retry in " + duration_text(job.retry_at - ctx.now_ms);
    colored_text(status_color(JobStatus::Pending), countdown.c_str());
    ctx.rects.record_last_item("auto-retry/" + id, countdown);
    ctx.ui.animating = true;
  } else {
    ImGui::TextUnformatted(total_time_text(job, ctx.now_ms).c_str());
  }
  ImGui::TableSetColumnIndex(kColStarted);
  ImGui::TextUnformatted(relative_time(job.started_at, ctx.now_ms).c_str());
  ImGui::TableSetColumnIndex(kColActions);
  draw_actions_cell(ctx, job);

  ImGui::PopID();
}

// The index holds only rows that exist; should one ever be missing, an empty placeholder
// keeps the clipper's arithmetic right.
void draw_gone_row(float row_height) {
  ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
  ImGui::TableSetColumnIndex(kColName);
  colored_text(theme::kDimText, "(deleted)");
}

}  // namespace

float jobs_row_height() {
  const ImGuiStyle& style = ImGui::GetStyle();
  float text = ImGui::GetFontSize() + style.ItemSpacing.y + small_line_height();
  float buttons = ImGui::GetFrameHeight();
  return (text > buttons ? text : buttons) + style.CellPadding.y * 2;
}

void draw_jobs_table(ViewContext& ctx, JobsViewState& state, float height) {
  state.rows_drawn = 0;
  ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable | ImGuiTableFlags_Sortable |
                          ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("jobs", kColumnCount, flags, {0, height})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  setup_columns();
  draw_header_row(ctx);
  read_sort_specs(state);

  const Snapshot& snap = ctx.snapshot;
  state.index.update(snap.jobs, state.query, ctx.now_ms);
  for (int64_t gone : state.index.deleted()) state.selection.erase(gone);
  sync_selection(ctx, state);

  float row_height = jobs_row_height();
  int count = static_cast<int>(state.index.size());
  int scroll_target = -1;
  if (state.scroll_to_selection) scroll_target = state.index.position_of(ctx.ui.selected_job);
  if (scroll_target < 0) state.scroll_to_selection = false;

  ImGuiListClipper clipper;
  clipper.Begin(count, row_height);
  if (scroll_target >= 0) clipper.ForceDisplayRangeByIndices(scroll_target, scroll_target + 1);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ++state.rows_drawn;
      const JobRow& row = snap.jobs.at(state.index.slot(static_cast<size_t>(i)));
      if (row)
        draw_row(ctx, state, *row, row_height);
      else
        draw_gone_row(row_height);
    }
  }
  ImGui::EndTable();
}

void handle_jobs_keys(ViewContext& ctx, JobsViewState& state) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::kF, false)) ctx.ui.focus_search = true;
  if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || io.KeyCtrl || io.KeyAlt)
    return;

  const Snapshot& snap = ctx.snapshot;
  const Job* selected = ctx.ui.selected_job ? state.index.find(ctx.ui.selected_job) : nullptr;
  if (selected && ImGui::IsKeyPressed(keys::kR, false) && can_retry(selected->status) &&
      !action_cooling_down(ctx, selected->id))
    retry_from_row(ctx, selected->id);
  if (selected && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false))
    request_delete(ctx.ui, selected->id);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ctx.ui.detail_open = false;

  int step = 0;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) step = 1;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) step = -1;
  if (step == 0 || state.index.size() == 0) return;
  int pos = selected ? state.index.position_of(selected->id) : -1;
  int next = pos < 0 ? 0 : pos + step;
  if (next < 0 || next >= static_cast<int>(state.index.size())) return;
  const JobRow& row = snap.jobs.at(state.index.slot(static_cast<size_t>(next)));
  if (!row) return;
  select_job(ctx, row->id, false);
  state.selection = {row->id};
  state.scroll_to_selection = true;
}

}  // namespace blockify::gui
