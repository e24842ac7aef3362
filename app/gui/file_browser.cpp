#include "app/gui/file_browser.h"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "app/gui/create_job_form.h"
#include "app/gui/theme.h"
#include "engine/pipeline/extract/extract.h"

namespace blockify::gui {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPopup = "Add files";

void draw_entry(ViewContext& ctx, FileBrowserState& state, const BrowserEntry& e, std::string& navigate_to) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  std::string rect = "browser-entry/" + e.name;
  if (e.folder) {
    std::string label = "[" + e.name + "]";
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) navigate_to = e.path;
    ctx.rects.record_last_item(rect, e.name);
    ImGui::TableNextColumn();
    colored_text(theme::kDimText, "folder");
    return;
  }
  bool ticked = state.chosen.count(e.path) != 0;
  ImGui::BeginDisabled(!e.supported);
  if (ImGui::Selectable(e.name.c_str(), ticked, ImGuiSelectableFlags_SpanAllColumns)) {
    if (ticked)
      state.chosen.erase(e.path);
    else
      state.chosen.insert(e.path);
  }
  ImGui::EndDisabled();
  ctx.rects.record_last_item(rect, e.name);
  ImGui::TableNextColumn();
  if (e.supported)
    ImGui::TextUnformatted(size_text(e.size).c_str());
  else
    colored_text(theme::kDimText, "not supported");
}

}  // namespace

std::string home_folder() {
  const char* home = std::getenv("HOME");
  if (home && *home) return home;
  std::error_code ec;
  return fs::current_path(ec).string();
}

void browse_to(FileBrowserState& state, const std::string& folder) {
  ++state.listings;
  state.entries.clear();
  state.chosen.clear();
  state.error.clear();
  state.truncated = false;
  std::error_code ec;
  fs::path where = fs::absolute(folder, ec).lexically_normal();
  if (where.has_filename() == false && where.has_parent_path() && where != where.root_path())
    where = where.parent_path();  // "/a/b/" → "/a/b"
  state.folder = where.string();
  fs::directory_iterator it(where, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    state.error = "The folder " + state.folder + " could not be read: " + ec.message() + ".";
    return;
  }
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (state.entries.size() == kMaxBrowserEntries) {
      state.truncated = true;
      break;
    }
    BrowserEntry e;
    e.name = name;
    e.path = it->path().string();
    std::error_code type_ec;
    e.folder = it->is_directory(type_ec);
    if (!e.folder) {
      e.supported = is_supported_format(e.path);
      e.size = static_cast<int64_t>(it->file_size(type_ec));
      if (type_ec) e.size = -1;
    }
    state.entries.push_back(std::move(e));
  }
  std::sort(state.entries.begin(), state.entries.end(), [](const BrowserEntry& a, const BrowserEntry& b) {
    if (a.folder != b.folder) return a.folder;
    return a.name < b.name;
  });
}

void open_file_browser(FileBrowserState& state, const std::string& folder) {
  browse_to(state, folder.empty() ? home_folder() : folder);
  state.open = true;
  state.popup_opened = false;
}

std::vector<std::string> draw_file_browser(ViewContext& ctx, FileBrowserState& state) {
  std::vector<std::string> picked;
  if (!begin_modal(kPopup, state.open, state.popup_opened, {0.5f, 0.6f})) return picked;
  std::string navigate_to;
  if (ImGui::Button("Up")) navigate_to = fs::path(state.folder).parent_path().string();
  ctx.rects.record_last_item("browser-up");
  ImGui::SameLine();
  if (ImGui::Button("Home")) navigate_to = home_folder();
  ctx.rects.record_last_item("browser-home");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(state.folder.c_str());
  ctx.rects.record_last_item("browser-folder", state.folder);
  if (!state.error.empty()) colored_text_wrapped(theme::kErrorText, state.error.c_str());
  if (state.truncated)
    colored_text(theme::kHintText,
                 "Only the first 5,000 entries are listed; type a path in the form for the rest.");

  float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter;
  if (ImGui::BeginTable("browser-entries", 2, flags, {0, ImGui::GetContentRegionAvail().y - footer})) {
    table_columns({{"Name"}, {"Size", ImGui::GetFontSize() * 7}});
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.entries.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
        draw_entry(ctx, state, state.entries[static_cast<size_t>(i)], navigate_to);
    if (state.entries.empty() && state.error.empty()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      colored_text(theme::kDimText, "This folder is empty.");
    }
    ImGui::EndTable();
  }

  std::string add_label = state.chosen.empty() ? std::string("Add")
                                               : "Add " + std::to_string(state.chosen.size()) +
                                                     (state.chosen.size() == 1 ? " file" : " files");
  ImGui::BeginDisabled(state.chosen.empty());
  bool add = ImGui::Button((add_label + "###add").c_str());
  ImGui::EndDisabled();
  ctx.rects.record_last_item("browser-add", add_label);
  ImGui::SameLine();
  bool add_folder = ImGui::Button("Add this folder");
  ctx.rects.record_last_item("browser-add-folder");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Add every supported document in this folder and its subfolders.");
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel");
  ctx.rects.record_last_item("browser-cancel");
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) cancel = true;

  if (add) picked.assign(state.chosen.begin(), state.chosen.end());
  if (add_folder) picked.push_back(state.folder);
  if (add || add_folder || cancel) {
    state.open = false;
    state.popup_opened = false;
    ImGui::CloseCurrentPopup();
  } else if (!navigate_to.empty()) {
    browse_to(state, navigate_to);  // a click: the one moment the folder is read
  }
  ImGui::EndPopup();
  return picked;
}

}  // namespace blockify::gui
