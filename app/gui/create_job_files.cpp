// The create form's file list: what will be processed, what will be left out and why,
// and the ways to add files (Add files…, a typed path, drops).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "app/gui/create_job_parts.h"
#include "app/gui/theme.h"

namespace blockify::gui::create_form {
namespace {

// The short reason in the Check column; the whole sentence is in its tooltip.
const char* short_problem(const FormFile& f) {
  if (f.usable()) return "ok";
  if (f.size < 0) return "not found";
  return "unsupported format";
}

void draw_file_row(ViewContext& ctx, CreateJobForm& form, size_t i, size_t& remove) {
  const FormFile& f = form.files[i];
  std::string index = std::to_string(i);
  ImGui::TableNextRow();
  ImGui::PushID(static_cast<int>(i));
  ImGui::TableNextColumn();
  if (f.usable())
    ImGui::TextUnformatted(f.path.c_str());
  else
    colored_text(theme::kErrorText, f.path.c_str());
  ctx.rects.record_last_item("create-file/" + index, f.path);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.path.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(size_text(f.size).c_str());
  ImGui::TableNextColumn();
  colored_text(f.usable() ? theme::kGoodText : theme::kErrorText, short_problem(f));
  ctx.rects.record_last_item("create-check/" + index, f.usable() ? std::string("ok") : f.problem);
  if (!f.usable() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.problem.c_str());
  ImGui::TableNextColumn();
  if (ImGui::SmallButton("x")) remove = i;
  ctx.rects.record_last_item("create-remove/" + index);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this file from the job.");
  ImGui::PopID();
}

void draw_summary(ViewContext& ctx, const CreateJobForm& form) {
  if (form.files.empty()) return;
  int64_t bytes = 0;
  for (const auto& f : form.files)
    if (f.usable() && f.size > 0) bytes += f.size;
  size_t usable = usable_files(form);
  std::string summary = std::to_string(usable) + (usable == 1 ? " file, " : " files, ") + size_text(bytes);
  size_t left_out = form.files.size() - usable;
  if (left_out > 0)
    summary +=
        " · " + std::to_string(left_out) + (left_out == 1 ? " file" : " files") + " in red will be left out";
  colored_text(left_out > 0 ? theme::kHintText : theme::kDimText, summary.c_str());
  ctx.rects.record_last_item("create-files-summary", summary);
}

void on_add_files(CreateJobDialogState& state) {
  if (!state.use_zenity) state.use_zenity = on_path("zenity");  // a click: the one moment PATH is read
  if (!*state.use_zenity) {
    open_file_browser(state.browser, state.browser.folder);
    return;
  }
  if (!state.picker.start(kZenityCommand, state.wake)) {
    state.add_message =
        "The file dialog could not be opened; type a path or drop files on the window instead.";
    state.add_message_is_error = true;
  }
}

}  // namespace

void add_paths(CreateJobDialogState& state, const std::vector<std::string>& paths) {
  state.add_message.clear();
  state.add_message_is_error = false;
  for (const auto& p : paths) {
    AddOutcome outcome = add_path(state.form, p);
    if (!outcome.message.empty()) {
      state.add_message = outcome.message;
      state.add_message_is_error = outcome.is_error;
    }
  }
}

void take_picked_files(ViewContext& ctx, CreateJobDialogState& state) {
  PickResult picked = state.picker.take();
  if (!picked.finished) return;
  if (!picked.error.empty()) {
    state.add_message = picked.error;
    state.add_message_is_error = true;
  }
  if (picked.paths.empty()) return;
  if (state.open) {
    add_paths(state, picked.paths);
    return;
  }
  CreateJob request = ctx.ui.create_request.value_or(CreateJob{});
  request.files.insert(request.files.end(), picked.paths.begin(), picked.paths.end());
  ctx.ui.create_request = std::move(request);
}

void draw_files(ViewContext& ctx, CreateJobDialogState& state) {
  CreateJobForm& form = state.form;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Files");
  ImGui::SameLine();
  bool picking = state.picker.running();
  ImGui::BeginDisabled(picking);
  if (ImGui::Button(picking ? "Waiting for the file dialog…###add-files" : "Add files…###add-files"))
    on_add_files(state);
  ImGui::EndDisabled();
  ctx.rects.record_last_item("create-add-files");
  ImGui::SameLine();
  colored_text(theme::kDimText, "or drop files and folders on the window.");

  float height = ImGui::GetTextLineHeightWithSpacing() * 8;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("create-files", 4, flags, {0, height})) {
    float em = ImGui::GetFontSize();
    float check = ImGui::CalcTextSize("unsupported format").x + ImGui::GetStyle().CellPadding.x * 2;
    table_columns({{"File"}, {"Size", em * 5}, {"Check", check}, {"", em * 1.8f}});
    size_t remove = SIZE_MAX;
    ImGuiListClipper clipper;  // a dropped folder can bring thousands of files
    clipper.Begin(static_cast<int>(form.files.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
        draw_file_row(ctx, form, static_cast<size_t>(i), remove);
    if (form.files.empty()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      colored_text(theme::kDimText, "No files yet.");
    }
    ImGui::EndTable();
    if (remove != SIZE_MAX) remove_file(form, remove);
  }
  draw_summary(ctx, form);

  const ImGuiStyle& style = ImGui::GetStyle();
  float button = ImGui::CalcTextSize("Add path").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button);
  bool enter = ImGui::InputTextWithHint("##add-path", "/path/to/file.pdf or a folder", &form.add_path,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  ctx.rects.record_last_item("create-add-path");
  ImGui::SameLine();
  if (ImGui::Button("Add path") || enter) {
    add_paths(state, {form.add_path});
    if (!state.add_message_is_error) form.add_path.clear();
  }
  ctx.rects.record_last_item("create-add");
  if (!state.add_message.empty()) {
    colored_text_wrapped(state.add_message_is_error ? theme::kErrorText : theme::kHintText,
                         state.add_message.c_str());
    ctx.rects.record_last_item("create-add-message", state.add_message);
  }

  auto picked = draw_file_browser(ctx, state.browser);
  if (!picked.empty()) add_paths(state, picked);
}

}  // namespace blockify::gui::create_form
