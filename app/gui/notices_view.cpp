#include "app/gui/notices_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/gui/theme.h"

namespace blockify::gui {
namespace {

struct Toast {
  std::string name;  // rect name
  const std::string* text;
  bool is_error;
  double age;
};

// Engine notices young enough to show; remembers when each was first seen.
void collect_engine_notices(ViewContext& ctx, NoticesViewState& state, std::vector<Toast>& out) {
  const auto& notices = ctx.snapshot.notices;
  // Forget ids the engine no longer publishes, so the map stays small.
  for (auto it = state.first_seen.begin(); it != state.first_seen.end();) {
    bool published =
        std::any_of(notices.begin(), notices.end(), [&](const Notice& n) { return n.id == it->first; });
    it = published ? std::next(it) : state.first_seen.erase(it);
  }
  for (const Notice& notice : notices) {
    auto [seen, inserted] = state.first_seen.emplace(notice.id, ctx.time_s);
    // A notice already stale when we first see it (e.g. the window was asleep) stays quiet.
    if (inserted && notice.at > 0 && ctx.now_ms - notice.at > static_cast<TimeMs>(kNoticeSeconds * 1000))
      seen->second = -1e9;
    double age = ctx.time_s - seen->second;
    if (age < kNoticeSeconds)
      out.push_back({"notice/" + std::to_string(notice.id), &notice.text, notice.is_error, age});
  }
}

void collect_ui_notices(ViewContext& ctx, std::vector<Toast>& out) {
  auto& notices = ctx.ui.notices;
  notices.erase(std::remove_if(notices.begin(), notices.end(),
                               [&](const UiNotice& n) { return ctx.time_s - n.at_s >= kNoticeSeconds; }),
                notices.end());
  for (const UiNotice& n : notices)
    out.push_back({"ui-notice/" + std::to_string(n.id), &n.text, n.is_error, ctx.time_s - n.at_s});
}

}  // namespace

void draw_notices(ViewContext& ctx, NoticesViewState& state) {
  std::vector<Toast> toasts;
  collect_engine_notices(ctx, state, toasts);
  collect_ui_notices(ctx, toasts);
  std::stable_sort(toasts.begin(), toasts.end(),
                   [](const Toast& a, const Toast& b) { return a.age < b.age; });
  if (toasts.size() > 4) toasts.resize(4);

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float pad = ImGui::GetFontSize();
  float y = viewport->WorkPos.y + viewport->WorkSize.y - pad * 3;  // above the status bar
  for (const Toast& toast : toasts) {
    ctx.ui.animating = true;
    float alpha = toast.age > kNoticeSeconds - 1.0 ? static_cast<float>(kNoticeSeconds - toast.age) : 1.0f;
    ImGui::SetNextWindowPos({viewport->WorkPos.x + viewport->WorkSize.x - pad, y}, ImGuiCond_Always,
                            {1.0f, 1.0f});
    ImGui::SetNextWindowBgAlpha(0.92f * alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                             ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    ImGui::Begin(toast.name.c_str(), nullptr, flags);
    ImGui::PushTextWrapPos(pad * 28);
    ImGui::PushStyleColor(ImGuiCol_Text,
                          toast.is_error ? theme::kErrorText : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextWrapped("%s", toast.text->c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ctx.rects.record_last_item(toast.name, *toast.text);
    y -= ImGui::GetWindowHeight() + pad / 2;
    ImGui::End();
    ImGui::PopStyleVar();
  }
}

}  // namespace blockify::gui
