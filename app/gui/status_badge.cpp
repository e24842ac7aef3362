#include "app/gui/status_badge.h"

#include <imgui.h>

#include <cmath>

#include "app/gui/theme.h"

namespace blockify::gui {

float status_badge_width() {
  return ImGui::CalcTextSize("Processing").x + ImGui::GetStyle().FramePadding.x * 2;
}

bool draw_status_badge(JobStatus status, double time_s) {
  const char* label = display_name(status);
  ImVec4 color = status_color(status);
  ImVec2 text_size = ImGui::CalcTextSize(label);
  ImVec2 size{status_badge_width(), text_size.y + ImGui::GetStyle().FramePadding.y};
  ImVec2 min = ImGui::GetCursorScreenPos();
  ImVec2 max{min.x + size.x, min.y + size.y};
  ImGui::Dummy(size);
  if (!ImGui::IsItemVisible()) return false;  // scrolled away: nothing moves on screen

  ImDrawList* draw = ImGui::GetWindowDrawList();
  float rounding = size.y / 2;
  draw->AddRectFilled(min, max, ImGui::GetColorU32({color.x, color.y, color.z, 0.22f}), rounding);
  bool animated = status == JobStatus::Processing;
  if (animated) {
    // A soft band sweeps across the pill so a running job reads as alive at a glance.
    float band = size.x * 0.35f;
    float travel = size.x + band;
    float offset = static_cast<float>(std::fmod(time_s * 0.9, 1.0)) * travel - band;
    draw->PushClipRect(min, max, true);
    ImU32 clear = ImGui::GetColorU32({color.x, color.y, color.z, 0.0f});
    ImU32 bright = ImGui::GetColorU32({color.x, color.y, color.z, 0.45f});
    float mid = min.x + offset + band / 2;
    draw->AddRectFilledMultiColor({min.x + offset, min.y}, {mid, max.y}, clear, bright, bright, clear);
    draw->AddRectFilledMultiColor({mid, min.y}, {mid + band / 2, max.y}, bright, clear, clear, bright);
    draw->PopClipRect();
  }
  draw->AddRect(min, max, ImGui::GetColorU32({color.x, color.y, color.z, 0.85f}), rounding);
  ImVec2 text_pos{min.x + (size.x - text_size.x) / 2, min.y + (size.y - text_size.y) / 2};
  draw->AddText(text_pos, ImGui::GetColorU32(color), label);
  return animated;
}

}  // namespace blockify::gui
