#include "app/gui/notices_view.h"

#include <imgui.h>

#include <string>

#include "app/gui/theme.h"

namespace blockify {

void draw_notices(ViewContext& ctx, NoticesViewState& state) {
  const auto& notices = ctx.snapshot.notices;
  // Forget ids the engine no longer publishes, so the map stays small.
  for (auto it = state.first_seen.begin(); it != state.first_seen.end();) {
    bool published = false;
    for (const auto& n : notices) published = published || n.id == it->first;
    it = published ? std::next(it) : state.first_seen.erase(it);
  }

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float pad = ImGui::GetFontSize();
  float y = viewport->WorkPos.y + viewport->WorkSize.y - pad * 3;  // above the status bar
  int shown = 0;
  for (auto it = notices.rbegin(); it != notices.rend() && shown < 4; ++it) {
    const Notice& notice = *it;
    auto [seen, inserted] = state.first_seen.emplace(notice.id, ctx.time_s);
    // A notice already stale when we first see it (e.g. the window was asleep) stays quiet.
    if (inserted && notice.at > 0 && ctx.now_ms - notice.at > static_cast<TimeMs>(kNoticeSeconds * 1000))
      seen->second = -1e9;
    double age = ctx.time_s - seen->second;
    if (age >= kNoticeSeconds) continue;
    ctx.ui.animating = true;
    float alpha = age > kNoticeSeconds - 1.0 ? static_cast<float>(kNoticeSeconds - age) : 1.0f;

    ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x - pad, y}, ImGuiCond_Always, {1.0f, 1.0f});
    ImGui::SetNextWindowBgAlpha(0.92f * alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    std::string id = "notice/" + std::to_string(notice.id);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                             ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    ImGui::Begin(id.c_str(), nullptr, flags);
    ImGui::PushTextWrapPos(pad * 28);
    ImGui::PushStyleColor(ImGuiCol_Text, notice.is_error ? theme::kErrorText : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextWrapped("%s", notice.text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ctx.rects.record_last_item(id, notice.text);
    y -= ImGui::GetWindowHeight() + pad / 2;
    ImGui::End();
    ImGui::PopStyleVar();
    ++shown;
  }
}

}  // namespace blockify
