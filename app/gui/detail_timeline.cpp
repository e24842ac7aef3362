#include <imgui.h>

#include <string>

#include "app/gui/detail_parts.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui::detail {

void draw_timeline(ViewContext& ctx, const Job& job) {
  static constexpr Stage kStages[kTimelineStageCount] = {Stage::Extract, Stage::Chunk,   Stage::Blockify,
                                                         Stage::Embed,   Stage::Distill, Stage::Export};
  float width = ImGui::GetContentRegionAvail().x;
  float bar_height = ImGui::GetFontSize() * 0.9f;
  float gap = 3;
  float segment = (width - gap * (kTimelineStageCount - 1)) / kTimelineStageCount;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  bool failed = job.status == JobStatus::Failed;
  const ImVec4 red = status_color(JobStatus::Failed);

  for (int i = 0; i < kTimelineStageCount; ++i) {
    Stage stage = kStages[i];
    bool is_failed_stage = failed && job.failed_stage == stage;
    bool is_current = job.stage == stage && is_active(job.status);
    float p = job.stage_progress[static_cast<size_t>(i)];
    p = p < 0 ? 0 : p > 1 ? 1 : p;
    ImVec2 min{origin.x + i * (segment + gap), origin.y};
    ImVec2 max{min.x + segment, min.y + bar_height};
    ImVec4 color = is_failed_stage ? red : stage_color(stage);
    draw->AddRectFilled(min, max, ImGui::GetColorU32({color.x, color.y, color.z, 0.18f}), 3);
    if (p > 0)
      draw->AddRectFilled(min, {min.x + segment * p, max.y},
                          ImGui::GetColorU32({color.x, color.y, color.z, 0.85f}), 3);
    if (is_failed_stage || is_current)
      draw->AddRect(min, max, ImGui::GetColorU32(color), 3, 0, is_failed_stage ? 2.0f : 1.0f);

    std::string label =
        std::string(display_name(stage)) + " " + std::to_string(static_cast<int>(p * 100 + 0.5f)) + "%";
    if (is_failed_stage) label += " — failed";
    ctx.rects.record("timeline/" + std::string(to_string(stage)), {min.x, min.y, segment, bar_height});
    ImVec2 text_size = ImGui::CalcTextSize(label.c_str());
    ImVec4 text_color = is_failed_stage ? theme::kErrorText : theme::kDimText;
    draw->PushClipRect({min.x, max.y}, {max.x, max.y + text_size.y + 4}, true);
    draw->AddText({min.x + (segment - text_size.x) / 2, max.y + 2}, ImGui::GetColorU32(text_color),
                  label.c_str());
    draw->PopClipRect();
  }
  ImGui::Dummy({width, bar_height + ImGui::GetTextLineHeight() + 4});

  double overall = job.progress < 0 ? 0 : job.progress > 1 ? 1 : job.progress;
  std::string summary = std::to_string(static_cast<int>(overall * 100 + 0.5)) + "% overall";
  TimeMs elapsed = total_time(job, ctx.now_ms);
  if (elapsed >= 0)
    summary += "  ·  " + duration_text(elapsed) + (is_active(job.status) ? " elapsed" : " in total");
  // Estimated time left: the pace so far, extrapolated; only once there is a pace to go by.
  if (job.status == JobStatus::Processing && elapsed > 2000 && overall > 0.02 && overall < 1)
    summary += "  ·  about " +
               duration_text(static_cast<TimeMs>(static_cast<double>(elapsed) * (1 - overall) / overall)) +
               " left";
  if (is_active(job.status) && job.stage != Stage::Queued)
    summary += "  ·  now: " + std::string(display_name(job.stage));
  if (failed && job.failed_stage != Stage::Queued)
    summary += "  ·  failed at " + std::string(display_name(job.failed_stage));
  ImGui::TextUnformatted(summary.c_str());
  ctx.rects.record_last_item("timeline-summary", summary);
}

}  // namespace blockify::gui::detail
