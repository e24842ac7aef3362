#include "app/gui/halt_banner.h"

#include <imgui.h>

#include "app/gui/theme.h"

namespace blockify::gui {

void draw_halt_banner(ViewContext& ctx) {
  const std::string& why = ctx.snapshot.halted;
  if (why.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kErrorPanel);
  float height = ImGui::GetTextLineHeightWithSpacing() * 3 + ImGui::GetStyle().WindowPadding.y * 2;
  ImGui::BeginChild("halt-banner", {0, height}, true);
  colored_text(theme::kErrorText, "Blockify stopped taking work: the database cannot be saved.");
  ImGui::TextWrapped("%s", why.c_str());
  ImGui::TextDisabled("Jobs continue by themselves once the database can be written again.");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

}  // namespace blockify::gui
