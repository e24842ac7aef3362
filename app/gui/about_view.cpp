#include "app/gui/about_view.h"

#include <imgui.h>

#include "app/cli/version.h"
#include "app/gui/theme.h"
#include "engine/platform/desktop_open.h"
#include "engine/platform/paths.h"

namespace blockify::gui {
namespace {

constexpr const char* kPopup = "About Blockify Desktop";

// A labelled path with an Open button: the label, the path dimmed, then the button.
void path_row(ViewContext& ctx, AboutViewState& state, const char* label, const std::filesystem::path& path,
              const char* rect_name, const char* button, const char* button_rect) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(ImGui::GetFontSize() * 7);
  std::string text = path.string();
  colored_text(theme::kDimText, text.c_str());
  ctx.rects.record_last_item(rect_name, text);
  ImGui::SameLine();
  if (ImGui::Button(button)) {
    auto open = state.open_path ? state.open_path : platform::open_in_desktop;
    std::string why = open(path);
    state.message_is_error = !why.empty();
    state.message = why.empty() ? "Opening " + text + " on the desktop." : why;
  }
  ctx.rects.record_last_item(button_rect);
}

}  // namespace

void draw_about_button(ViewContext& ctx, AboutViewState& state) {
  if (ImGui::TabItemButton("About", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip)) {
    state.open = true;
    state.popup_opened = false;
    state.message.clear();
  }
  ctx.rects.record_last_item("about");
}

void draw_about_view(ViewContext& ctx, AboutViewState& state) {
  if (state.open && !state.popup_opened) {
    ImGui::OpenPopup(kPopup);
    state.popup_opened = true;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal(kPopup, nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    state.open = false;
    return;
  }
  {
    FontScope heading(fonts().heading);
    std::string title = std::string("Blockify Desktop ") + cli::version();
    ImGui::TextUnformatted(title.c_str());
    ctx.rects.record_last_item("about-version", std::string("blockify ") + cli::version());
  }
  ImGui::TextUnformatted("Turn documents into IdeaBlocks and manage the jobs that do it.");
  ImGui::Spacing();
  colored_text(theme::kDimText, "Built with");
  std::string libraries;
  ImGui::BeginGroup();
  for (const auto& lib : cli::library_versions()) {
    std::string line = lib.name + " " + lib.version;
    ImGui::BulletText("%s", line.c_str());
    libraries += (libraries.empty() ? "" : "\n") + line;
  }
  ImGui::EndGroup();
  ctx.rects.record_last_item("about-libraries", libraries);
  ImGui::Separator();

  // The database's folder holds the log and, for the default database, the samples.
  std::filesystem::path database = ctx.snapshot.database_path;
  if (!database.empty()) {
    path_row(ctx, state, "Data folder", database.parent_path(), "about-data-folder", "Open folder",
             "about-open-data-folder");
    path_row(ctx, state, "Log file", platform::log_file_for(database), "about-log-file", "Open log",
             "about-open-log-file");
  }
  if (!state.message.empty()) {
    if (state.message_is_error)
      colored_text_wrapped(theme::kErrorText, state.message.c_str());
    else
      colored_text_wrapped(theme::kDimText, state.message.c_str());
    ctx.rects.record_last_item("about-message", state.message);
  }
  ImGui::Spacing();
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    state.open = false;
    ImGui::CloseCurrentPopup();
  }
  ctx.rects.record_last_item("about-close");
  ImGui::EndPopup();
}

}  // namespace blockify::gui
