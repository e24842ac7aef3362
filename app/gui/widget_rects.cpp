#include "app/gui/widget_rects.h"

#include <imgui.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace blockify::gui {

void WidgetRects::begin_frame() {
  rects_.clear();
  texts_.clear();
}

void WidgetRects::record(const std::string& name, WidgetRect rect) { rects_[name] = rect; }

void WidgetRects::record_last_item(const std::string& name) {
  ImVec2 min = ImGui::GetItemRectMin();
  ImVec2 max = ImGui::GetItemRectMax();
  record(name, {min.x, min.y, max.x - min.x, max.y - min.y});
}

void WidgetRects::record_last_item(const std::string& name, const std::string& text) {
  record_last_item(name);
  texts_[name] = text;
}

std::optional<WidgetRect> WidgetRects::find(const std::string& name) const {
  auto it = rects_.find(name);
  if (it == rects_.end()) return std::nullopt;
  return it->second;
}

std::string WidgetRects::text(const std::string& name) const {
  auto it = texts_.find(name);
  return it == texts_.end() ? std::string() : it->second;
}

size_t WidgetRects::count_prefix(const std::string& prefix) const {
  size_t n = 0;
  for (auto it = rects_.lower_bound(prefix); it != rects_.end() && it->first.starts_with(prefix); ++it) ++n;
  return n;
}

std::string WidgetRects::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, r] : rects_)
    out[name] = {std::lround(r.x), std::lround(r.y), std::lround(r.w), std::lround(r.h)};
  return out.dump();
}

bool WidgetRects::write_if_changed(const std::filesystem::path& path) {
  std::string json = to_json();
  if (json == last_written_) return true;
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) return false;
    file << json;
    if (!file.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return false;
  last_written_ = std::move(json);
  return true;
}

bool WidgetRects::write_to_env_file() {
  const char* path = std::getenv("BLOCKIFY_UI_RECTS");
  if (!path || !*path) return true;
  return write_if_changed(path);
}

}  // namespace blockify::gui
