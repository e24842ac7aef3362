#include "app/gui/startup_error_view.h"

#include <imgui.h>

#include "app/gui/theme.h"

namespace blockify::gui {

bool draw_startup_error(const std::string& sentence, WidgetRects& rects) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("Blockify could not start", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  float width = viewport->WorkSize.x * 0.6f;
  ImGui::Dummy({0, viewport->WorkSize.y * 0.3f});
  ImGui::SetCursorPosX((viewport->WorkSize.x - width) / 2);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  {
    FontScope heading(fonts().heading);
    colored_text(theme::kErrorText, "Blockify could not start");
  }
  ImGui::Spacing();
  ImGui::TextWrapped("%s", sentence.c_str());
  rects.record_last_item("startup-error", sentence);
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  ImGui::TextWrapped(
      "Close this window, deal with the cause above (for example, close the other Blockify window), then "
      "start "
      "Blockify again.");
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  bool close = ImGui::Button("Close");
  rects.record_last_item("startup-close");
  ImGui::EndGroup();
  ImGui::End();
  return close;
}

}  // namespace blockify::gui
