#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/gui/detail_parts.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"
#include "engine/domain/enum_names.h"

namespace blockify::gui::detail {
namespace {

constexpr const char* kReplacePopup = "Replace file";
// Above this many files, rows are one line each (message inline, hint on hover) so the
// clipper can draw only the visible ones.
constexpr size_t kCompactAbove = 300;

// Files in display order: each archive followed by its entries.
std::vector<const JobFile*> display_order(const std::vector<JobFile>& files) {
  std::vector<const JobFile*> order;
  order.reserve(files.size());
  for (const auto& f : files) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const JobFile* a, const JobFile* b) {
    int64_t ra = a->parent_id ? a->parent_id : a->id, rb = b->parent_id ? b->parent_id : b->id;
    if (ra != rb) return ra < rb;
    return (a->parent_id != 0) < (b->parent_id != 0);
  });
  return order;
}

// A file wears the colour of the job status that means the same; Skipped reads as Cancelled.
constexpr EnumValue<FileStatus, JobStatus> kFileReadsAs[] = {{FileStatus::Pending, JobStatus::Pending},
                                                             {FileStatus::Processing, JobStatus::Processing},
                                                             {FileStatus::Completed, JobStatus::Completed},
                                                             {FileStatus::Failed, JobStatus::Failed},
                                                             {FileStatus::Skipped, JobStatus::Cancelled}};

ImVec4 file_status_color(FileStatus s) {
  return status_color(value_of(kFileReadsAs, s, JobStatus::Cancelled));
}

void draw_file_row(ViewContext& ctx, DetailViewState& state, const Job& job, const JobFile& f, bool compact) {
  ImGui::TableNextRow();
  ImGui::PushID(reinterpret_cast<const void*>(static_cast<intptr_t>(f.id)));
  bool failed = f.status == FileStatus::Failed;
  if (failed) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(theme::kErrorPanel));
  std::string id = std::to_string(f.id);

  ImGui::TableNextColumn();
  if (f.parent_id != 0) ImGui::Indent();
  ImGui::TextUnformatted(f.path.c_str());
  ctx.rects.record_last_item("file/" + id, f.path);
  if (failed && !f.error.empty() && compact) {
    ImGui::SameLine();
    colored_text(theme::kErrorText, ("— " + f.error.message).c_str());
    ctx.rects.record_last_item("file-error/" + id, f.error.message);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What to do: %s", hint_for(f.error).c_str());
  } else if (failed && !f.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextWrapped("%s", f.error.message.c_str());
    ImGui::PopStyleColor();
    ctx.rects.record_last_item("file-error/" + id, f.error.message);
    std::string hint = "What to do: " + hint_for(f.error);
    colored_text_wrapped(theme::kHintText, hint.c_str());
  }
  if (f.parent_id != 0) ImGui::Unindent();

  ImGui::TableNextColumn();
  ImGui::PushStyleColor(ImGuiCol_Text, file_status_color(f.status));
  ImGui::TextUnformatted(to_string(f.status));
  ImGui::PopStyleColor();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(display_name(f.stage));
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(f.encoding.c_str());
  if (!f.encoding.empty()) ctx.rects.record_last_item("file-encoding/" + id, f.encoding);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(thousands(f.chars).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(thousands(f.chunks).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(thousands(f.blocks).c_str());

  ImGui::TableNextColumn();
  // Strategy B: swap or drop an input while the job is stopped; archive entries follow
  // their archive.
  if (can_retry(job.status) && f.parent_id == 0) {
    if (ImGui::SmallButton("Replace…")) {
      state.replace_file_id = f.id;
      state.replace_popup_opened = false;
      state.replace_path = f.path;
    }
    ctx.rects.record_last_item("replace/" + id);
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) ctx.sink.post(RemoveFile{job.id, f.id});
    ctx.rects.record_last_item("remove/" + id);
  }
  ImGui::PopID();
}

void draw_replace_popup(ViewContext& ctx, DetailViewState& state, const Job& job) {
  if (state.replace_file_id != 0 && !state.replace_popup_opened) {
    ImGui::OpenPopup(kReplacePopup);
    state.replace_popup_opened = true;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal(kReplacePopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (state.replace_popup_opened) state.replace_file_id = 0, state.replace_popup_opened = false;
    return;
  }
  ImGui::TextUnformatted("Path of the file to use instead:");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 32);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool enter = ImGui::InputText("##replace-path", &state.replace_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ctx.rects.record_last_item("replace-path");
  bool empty = state.replace_path.empty();
  ImGui::BeginDisabled(empty);
  bool replace = ImGui::Button("Replace") || (enter && !empty);
  ImGui::EndDisabled();
  ctx.rects.record_last_item("replace-confirm");
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel");
  ctx.rects.record_last_item("replace-cancel");
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) cancel = true;
  if (replace && !empty) ctx.sink.post(ReplaceFile{job.id, state.replace_file_id, state.replace_path});
  if (replace || cancel) {
    state.replace_file_id = 0;
    state.replace_popup_opened = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

void draw_files_tab(ViewContext& ctx, DetailViewState& state, const JobDetail& d) {
  if (d.files.empty()) {
    colored_text(theme::kDimText, "This job has no files.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  // At least ten lines tall: when the detail above is long, the panel scrolls to the
  // files instead of squeezing the table to nothing.
  float min_height = ImGui::GetTextLineHeightWithSpacing() * 10;
  float height = std::max(ImGui::GetContentRegionAvail().y, min_height);
  if (ImGui::BeginTable("files", 8, flags, {0, height})) {
    float em = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    float actions = ImGui::CalcTextSize("Replace…Remove").x + style.FramePadding.x * 4 + style.ItemSpacing.x;
    table_columns({{"File"},
                   {"Status", em * 6},
                   {"Stage", em * 5},
                   {"Read as", em * 8},
                   {"Chars", em * 5},
                   {"Chunks", em * 4},
                   {"IdeaBlocks", em * 5},
                   {"", actions}});
    if (state.file_order_for.get() != &d) {
      state.file_order = display_order(d.files);
      state.file_order_for = ctx.snapshot.detail;  // the detail being drawn
    }
    const auto& order = state.file_order;
    bool compact = order.size() > kCompactAbove;
    if (compact) {
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(order.size()));
      while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
          draw_file_row(ctx, state, d.job, *order[static_cast<size_t>(i)], true);
    } else {
      for (const JobFile* f : order) draw_file_row(ctx, state, d.job, *f, false);
    }
    ImGui::EndTable();
  }
  draw_replace_popup(ctx, state, d.job);
}

}  // namespace blockify::gui::detail
