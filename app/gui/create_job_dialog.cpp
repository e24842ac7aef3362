#include "app/gui/create_job_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "app/gui/theme.h"

namespace blockify {
namespace {

constexpr const char* kPopup = "New job";

void draw_files(ViewContext& ctx, CreateJobDialogState& state) {
  CreateJobForm& form = state.form;
  ImGui::TextUnformatted("Files");
  ImGui::SameLine();
  colored_text(theme::kDimText, "— drop files or folders on the window, or type a path below.");
  float height = ImGui::GetTextLineHeightWithSpacing() * 7;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("create-files", 3, flags, {0, height})) {
    ImGui::TableSetupColumn("File", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 1.8f);
    size_t remove = SIZE_MAX;
    for (size_t i = 0; i < form.files.size(); ++i) {
      const FormFile& f = form.files[i];
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(f.path.c_str());
      ctx.rects.record_last_item("create-file/" + std::to_string(i), f.path);
      if (!f.problem.empty()) colored_text_wrapped(theme::kErrorText, f.problem.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(size_text(f.size).c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("x")) remove = i;
      ctx.rects.record_last_item("create-remove/" + std::to_string(i));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this file from the job.");
      ImGui::PopID();
    }
    if (form.files.empty()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      colored_text(theme::kDimText, "No files yet.");
    }
    ImGui::EndTable();
    if (remove != SIZE_MAX) remove_file(form, remove);
  }

  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 5);
  bool enter = ImGui::InputTextWithHint("##add-path", "/path/to/file.pdf or a folder", &form.add_path,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  ctx.rects.record_last_item("create-add-path");
  ImGui::SameLine();
  if (ImGui::Button("Add path") || enter) {
    state.add_message = add_path(form, form.add_path);
    if (state.add_message.empty()) form.add_path.clear();
  }
  ctx.rects.record_last_item("create-add");
  if (!state.add_message.empty()) colored_text_wrapped(theme::kErrorText, state.add_message.c_str());
}

void inline_error(const std::string& text) {
  if (!text.empty()) colored_text(theme::kErrorText, text.c_str());
}

void draw_settings(ViewContext& ctx, CreateJobDialogState& state) {
  CreateJobForm& form = state.form;
  float label = ImGui::GetFontSize() * 8;
  auto row = [&](const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(label);
  };
  row("Name");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##name", &form.name)) form.name_edited = true;
  ctx.rects.record_last_item("create-name");
  row("Dataset");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##dataset", &form.dataset);
  ctx.rects.record_last_item("create-dataset");

  row("Mode");
  if (ImGui::RadioButton("Blockify", form.config.mode == JobMode::Blockify)) form.config.mode = JobMode::Blockify;
  ctx.rects.record_last_item("create-mode-blockify");
  ImGui::SameLine();
  if (ImGui::RadioButton("Chunk only", form.config.mode == JobMode::ChunkOnly)) form.config.mode = JobMode::ChunkOnly;
  ctx.rects.record_last_item("create-mode-chunk");

  row("Chunk size");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt("##chunk-size", &form.config.chunk_size, 100, 500);
  ctx.rects.record_last_item("create-chunk-size");
  ImGui::SameLine();
  colored_text(theme::kDimText, "characters (1,000–4,000)");
  if (form.config.chunk_size < 1000 || form.config.chunk_size > 4000)
    inline_error("Chunk size must be between 1,000 and 4,000 characters.");

  row("Overlap");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputInt("##overlap", &form.config.overlap_percent, 1, 5);
  ctx.rects.record_last_item("create-overlap");
  ImGui::SameLine();
  colored_text(theme::kDimText, "% of the chunk size (0–50)");
  if (form.config.overlap_percent < 0 || form.config.overlap_percent > 50)
    inline_error("Overlap must be between 0 and 50 percent of the chunk size.");

  row("Backend");
  ImGui::BeginDisabled(form.config.mode == JobMode::ChunkOnly);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  const char* backends[] = {"Offline (built in)", "OpenAI-compatible endpoint"};
  int backend = form.config.backend == Backend::Offline ? 0 : 1;
  if (ImGui::Combo("##backend", &backend, backends, 2))
    form.config.backend = backend == 0 ? Backend::Offline : Backend::OpenAI;
  ImGui::EndDisabled();
  ctx.rects.record_last_item("create-backend");
}

}  // namespace

void add_dropped_files(CreateJobDialogState& state, UiState& ui, const std::vector<std::string>& paths) {
  if (state.open) {
    for (const auto& p : paths) state.add_message = add_path(state.form, p);
    return;
  }
  CreateJob request = ui.create_request.value_or(CreateJob{});
  request.files.insert(request.files.end(), paths.begin(), paths.end());
  ui.create_request = std::move(request);
}

void draw_create_job_dialog(ViewContext& ctx, CreateJobDialogState& state) {
  if (ctx.ui.create_request) {
    state.form = make_form(*ctx.ui.create_request);
    state.add_message.clear();
    ctx.ui.create_request.reset();
    state.open = true;
    state.popup_opened = false;
  }
  if (state.open && !state.popup_opened) {
    ImGui::OpenPopup(kPopup);
    state.popup_opened = true;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  ImGui::SetNextWindowSize({viewport->WorkSize.x * 0.6f, viewport->WorkSize.y * 0.8f}, ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
    state.open = false;
    return;
  }
  draw_files(ctx, state);
  ImGui::Separator();
  draw_settings(ctx, state);
  ImGui::Separator();

  auto problems = form_problems(state.form);
  for (size_t i = 0; i < problems.size(); ++i) {
    colored_text(theme::kHintText, problems[i].c_str());
    ctx.rects.record_last_item("create-problem/" + std::to_string(i), problems[i]);
  }
  ImGui::BeginDisabled(!problems.empty());
  bool start = ImGui::Button("Start");
  ImGui::EndDisabled();
  ctx.rects.record_last_item("create-start");
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel");
  ctx.rects.record_last_item("create-cancel");
  // Esc leaves a text box first (ImGui's own handling), then the form.
  if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) cancel = true;
  if (start && problems.empty()) ctx.sink.post(to_command(state.form));
  if ((start && problems.empty()) || cancel) {
    state.open = false;
    state.popup_opened = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace blockify
