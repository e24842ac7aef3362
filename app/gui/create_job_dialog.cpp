#include "app/gui/create_job_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "app/gui/create_job_parts.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui {
namespace {

constexpr const char* kPopup = "New job";

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
  if (ImGui::RadioButton("Blockify", form.config.mode == JobMode::Blockify))
    form.config.mode = JobMode::Blockify;
  ctx.rects.record_last_item("create-mode-blockify");
  ImGui::SameLine();
  if (ImGui::RadioButton("Chunk only", form.config.mode == JobMode::ChunkOnly))
    form.config.mode = JobMode::ChunkOnly;
  ctx.rects.record_last_item("create-mode-chunk");

  // A whole number with its unit and range beside it, and the engine's objection under it.
  auto number = [&](const char* text, const char* name, int& value, int step, int step_fast,
                    const std::string& unit, const std::string& why) {
    row(text);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt((std::string("##") + name).c_str(), &value, step, step_fast);
    ctx.rects.record_last_item(std::string("create-") + name);
    ImGui::SameLine();
    colored_text(theme::kDimText, unit.c_str());
    inline_error(why);
  };
  number("Chunk size", "chunk-size", form.config.chunk_size, 100, 500,
         "characters (" + thousands(kMinChunkSize) + "–" + thousands(kMaxChunkSize) + ")",
         validate_chunk_size(form.config.chunk_size));
  number("Overlap", "overlap", form.config.overlap_percent, 1, 5,
         "% of the chunk size (0–" + std::to_string(kMaxOverlapPercent) + ")",
         validate_overlap(form.config.overlap_percent));

  if (form.config.mode == JobMode::Blockify) {
    row("Distill");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    const double low = 0.5, high = 1.0;
    ImGui::SliderScalar("##distill", ImGuiDataType_Double, &form.config.distill_threshold, &low, &high,
                        "%.2f");
    ctx.rects.record_last_item("create-distill");
    ImGui::SameLine();
    colored_text(theme::kDimText, "similarity at which IdeaBlocks merge (0.5–1.0, default 0.8)");
    if (std::string why = validate_distill_threshold(form.config.distill_threshold); !why.empty())
      inline_error(why);
  }

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

// The engine's answer to Start, once it is here: the new job's id for the caller (true:
// the form closes), or the sentence of a refusal shown under Start.
bool take_start_answer(ViewContext& ctx, CreateJobDialogState& state) {
  const CommandResult* result = state.start_ticket ? state.start_ticket->result() : nullptr;
  if (!result) return false;
  bool created = result->ok();
  if (created) {
    state.created_job = result->job_id;
    ctx.ui.animating = true;  // the caller opens it next frame
  } else {
    state.start_refused = result->message;
  }
  state.start_ticket.reset();
  return created;
}

}  // namespace

void add_dropped_files(CreateJobDialogState& state, UiState& ui, const std::vector<std::string>& paths) {
  if (state.open) {
    create_form::add_paths(state, paths);
    return;
  }
  CreateJob request = ui.create_request.value_or(CreateJob{});
  request.files.insert(request.files.end(), paths.begin(), paths.end());
  ui.create_request = std::move(request);
}

void draw_create_job_dialog(ViewContext& ctx, CreateJobDialogState& state) {
  create_form::take_picked_files(ctx, state);
  if (ctx.ui.create_request) {
    CreateJob request = std::move(*ctx.ui.create_request);
    std::vector<std::string> files = std::move(request.files);
    request.files.clear();
    state.form = make_form(request);
    create_form::add_paths(state, files);  // keeps the note of a folder that held too many
    ctx.ui.create_request.reset();
    state.open = true;
    state.popup_opened = false;
    state.start_ticket.reset();
    state.start_refused.clear();
  }
  if (!begin_modal(kPopup, state.open, state.popup_opened, {0.6f, 0.8f})) {
    state.start_ticket.reset();
    return;
  }
  bool created = take_start_answer(ctx, state);
  bool browsing = state.browser.open;  // Esc there closes the browser, not the form
  create_form::draw_files(ctx, state);
  ImGui::Separator();
  draw_settings(ctx, state);
  ImGui::Separator();

  auto problems = form_problems(state.form);
  for (size_t i = 0; i < problems.size(); ++i) {
    colored_text(theme::kHintText, problems[i].c_str());
    ctx.rects.record_last_item("create-problem/" + std::to_string(i), problems[i]);
  }
  bool waiting = state.start_ticket != nullptr;
  ImGui::BeginDisabled(!problems.empty() || waiting);
  size_t usable = usable_files(state.form);
  std::string start_label =
      usable > 1 ? "Start with " + std::to_string(usable) + " files###start" : std::string("Start###start");
  if (waiting) start_label = "Starting…###start";
  bool start = primary_button(start_label.c_str());
  ImGui::EndDisabled();
  ctx.rects.record_last_item("create-start");
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel");
  ctx.rects.record_last_item("create-cancel");
  // Esc leaves a text box first (ImGui's own handling), then the form.
  if (!browsing && !ImGui::GetIO().WantTextInput &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    cancel = true;
  if (!state.start_refused.empty()) {
    colored_text_wrapped(theme::kErrorText, state.start_refused.c_str());
    ctx.rects.record_last_item("create-refused", state.start_refused);
  }
  if (start && problems.empty() && !waiting) {
    state.start_refused.clear();
    state.start_ticket = ctx.sink.post(to_command(state.form));
  }
  // The answer lands on the engine thread with no wake-up of its own: keep drawing until
  // it is here.
  if (state.start_ticket) ctx.ui.animating = true;
  if (created || cancel) {
    state.open = false;
    state.popup_opened = false;
    state.start_ticket.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace blockify::gui
