#include "app/gui/settings_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "app/gui/theme.h"
#include "engine/core/setting_keys.h"

namespace blockify::gui {
namespace {

const std::string* published(const SettingsView& view, const std::string& key) {
  for (const auto& [k, v] : view.values)
    if (k == key) return &v;
  return nullptr;
}

// Follows newly published values, except where the user has typed something else.
void sync_edits(SettingsViewState& state, const std::shared_ptr<const SettingsView>& view) {
  if (state.loaded_from == view) return;
  for (const auto& [key, value] : view->values) {
    auto it =
        std::find_if(state.edits.begin(), state.edits.end(), [&](const auto& e) { return e.first == key; });
    if (it == state.edits.end()) {
      state.edits.emplace_back(key, value);
      continue;
    }
    const std::string* before = state.loaded_from ? published(*state.loaded_from, key) : nullptr;
    if (!before || it->second == *before) it->second = value;
  }
  state.loaded_from = view;
}

void draw_values(ViewContext& ctx, SettingsViewState& state, const SettingsView& view) {
  ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("settings", 3, flags)) return;
  float em = ImGui::GetFontSize();
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em * 11);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, em * 20);
  ImGui::TableSetupColumn("help", ImGuiTableColumnFlags_WidthStretch);
  for (auto& [key, value] : state.edits) {
    const std::string* now = published(view, key);
    bool changed = now && value != *now;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(setting_label(key).c_str());
    ctx.rects.record_last_item("setting-label/" + key, setting_label(key));
    ImGui::TableNextColumn();
    ImGui::PushID(key.c_str());
    ImGui::SetNextItemWidth(-1);
    if (changed) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4{0.30f, 0.27f, 0.14f, 1.0f});
    ImGui::InputText("##value", &value);
    if (changed) ImGui::PopStyleColor();
    ctx.rects.record_last_item("setting/" + key, value);
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    const settings::SettingInfo* k = settings::find_setting(key);
    colored_text(theme::kDimText, k ? k->description : key.c_str());
  }
  ImGui::EndTable();

  size_t changes = 0;
  for (const auto& [key, value] : state.edits)
    if (const std::string* now = published(view, key); now && value != *now) ++changes;
  std::string label = changes == 0 ? std::string("Save###save")
                                   : "Save " + std::to_string(changes) +
                                         (changes == 1 ? " change###save" : " changes###save");
  ImGui::BeginDisabled(changes == 0);
  bool save = primary_button(label.c_str());
  ImGui::EndDisabled();
  ctx.rects.record_last_item("settings-save", label.substr(0, label.find("###")));
  if (save) {
    state.save_tickets.clear();
    for (const auto& [key, value] : state.edits)
      if (const std::string* now = published(view, key); now && value != *now)
        state.save_tickets.push_back(ctx.sink.post(SetSetting{key, value}));
  }
  if (changes > 0) {
    ImGui::SameLine();
    if (ImGui::Button("Undo changes"))
      for (auto& [key, value] : state.edits)
        if (const std::string* now = published(view, key)) value = *now;
  }
}

// The engine's refusals of the last Save, in red under the form, as they are answered.
void draw_save_refusals(ViewContext& ctx, const SettingsViewState& state) {
  int shown = 0;
  for (const Ticket& ticket : state.save_tickets) {
    const CommandResult* answer = ticket ? ticket->result() : nullptr;
    if (!answer || answer->ok()) continue;
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextWrapped("%s", answer->message.c_str());
    ImGui::PopStyleColor();
    ctx.rects.record_last_item("settings-error/" + std::to_string(shown++), answer->message);
  }
}

// Laid out like the values above it: label, field, then what it does.
void draw_api_key(ViewContext& ctx, SettingsViewState& state, const SettingsView& view) {
  if (!ImGui::BeginTable("api-key-table", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX))
    return;
  float em = ImGui::GetFontSize();
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, em * 11);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthFixed, em * 20);
  ImGui::TableSetupColumn("help", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("API key");
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##api-key", "Paste a new key", &state.api_key, ImGuiInputTextFlags_Password);
  ctx.rects.record_last_item("api-key");
  ImGui::TableNextColumn();
  ImGui::BeginDisabled(state.api_key.empty());
  bool save = ImGui::Button("Save key");
  ImGui::EndDisabled();
  ctx.rects.record_last_item("save-key");
  if (save && !state.api_key.empty()) {
    ctx.sink.post(SaveApiKey{state.api_key});
    std::fill(state.api_key.begin(), state.api_key.end(), '\0');  // no copy left in the UI
    state.api_key.clear();
    state.key_posted = true;
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  colored_text(theme::kDimText, "Kept in a file only you can read; never shown again.");

  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TableNextColumn();
  std::string masked = "Current key: " + view.api_key_masked;
  colored_text(state.key_posted ? theme::kGoodText : theme::kDimText, masked.c_str());
  ctx.rects.record_last_item("api-key-masked", view.api_key_masked);
  ImGui::EndTable();
}

void draw_test_result(ViewContext& ctx, SettingsViewState& state, const EndpointTestView& test) {
  if (test.running) {
    spinner(ctx.time_s);
    ctx.ui.animating = true;
    ImGui::SameLine();
    std::string waiting = "Waiting for " + test.model + " at " + test.url + "…";
    colored_text(theme::kDimText, waiting.c_str());
    ctx.rects.record_last_item("test-status", waiting);
    return;
  }
  if (!test.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextWrapped("%s", test.error.message.c_str());
    ctx.rects.record_last_item("test-error", test.error.message);
    ImGui::TextWrapped("%s", test.error.hint.c_str());
    ctx.rects.record_last_item("test-hint", test.error.hint);
    ImGui::PopStyleColor();
  } else {
    char summary[160];
    std::snprintf(summary, sizeof summary, "%s replied in %.2f s · %s · %zu IdeaBlocks parsed",
                  test.model.c_str(), test.latency_s,
                  test.tokens_per_s > 0
                      ? (std::to_string(static_cast<int>(test.tokens_per_s + 0.5)) + " tokens/s").c_str()
                      : "no token usage reported",
                  test.blocks.size());
    colored_text(theme::kGoodText, summary);
    ctx.rects.record_last_item("test-summary", summary);
  }
  for (size_t i = 0; i < test.blocks.size(); ++i) {
    const IdeaBlock& b = test.blocks[i];
    ImGui::Bullet();
    colored_text(stage_color(Stage::Blockify), b.name.c_str());
    ImGui::SameLine();
    ImGui::TextWrapped("— %s", b.critical_question.c_str());
    ctx.rects.record_last_item("test-block/" + std::to_string(i), b.name + " — " + b.critical_question);
  }
  if (test.raw.empty()) return;
  if (state.raw_for.get() != &test) {
    state.raw = test.raw;  // the box needs its own buffer; copied once per reply
    state.raw_for = ctx.snapshot.endpoint_test;
  }
  colored_text(theme::kDimText, "Raw reply");
  float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeight() * 8);
  ImGui::InputTextMultiline("##raw", &state.raw, {-1, height}, ImGuiInputTextFlags_ReadOnly);
  ctx.rects.record_last_item("test-raw", state.raw);
}

}  // namespace

std::string setting_label(const std::string& key) {
  const settings::SettingInfo* k = settings::find_setting(key);
  return k ? k->label : key;
}

void draw_settings_view(ViewContext& ctx, SettingsViewState& state) {
  const auto& view = ctx.snapshot.settings;
  if (!view) {
    colored_text(theme::kDimText, "Loading settings…");
    return;
  }
  sync_edits(state, view);
  {
    FontScope heading(fonts().heading);
    ImGui::TextUnformatted("Model endpoint and retries");
  }
  colored_text_wrapped(
      theme::kDimText,
      "Used by jobs with the OpenAI-compatible backend; the offline backend needs none of this.");
  draw_values(ctx, state, *view);
  draw_save_refusals(ctx, state);
  ImGui::Separator();
  draw_api_key(ctx, state, *view);
  ImGui::Separator();

  const EndpointTestView* test = ctx.snapshot.endpoint_test.get();
  bool running = test && test->running;
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Test model")) ctx.sink.post(TestEndpoint{});
  ImGui::EndDisabled();
  ctx.rects.record_last_item("test-model");
  ImGui::SameLine();
  if (!test) {
    colored_text(theme::kDimText, "Sends a short sample text to the ingest model and shows what comes back.");
    return;
  }
  draw_test_result(ctx, state, *test);
}

}  // namespace blockify::gui
