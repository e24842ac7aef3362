// The Results tab: the job's IdeaBlocks, one page at a time (the engine publishes a page).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/gui/detail_parts.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui::detail {
namespace {

void draw_block(const IdeaBlock& b) {
  ImGui::PushStyleColor(ImGuiCol_Text, stage_color(Stage::Blockify));
  ImGui::TextWrapped("%s", b.name.c_str());
  ImGui::PopStyleColor();
  if (b.merged_into != 0) {
    ImGui::SameLine();
    colored_text(theme::kDimText, "(merged by distill)");
  }
  ImGui::Indent();
  colored_text(theme::kDimText, "Question");
  ImGui::SameLine(ImGui::GetFontSize() * 6);
  ImGui::TextWrapped("%s", b.critical_question.c_str());
  colored_text(theme::kDimText, "Answer");
  ImGui::SameLine(ImGui::GetFontSize() * 6);
  ImGui::TextWrapped("%s", b.trusted_answer.c_str());
  if (!b.tags.empty()) {
    colored_text(theme::kDimText, "Tags");
    ImGui::SameLine(ImGui::GetFontSize() * 6);
    ImGui::TextWrapped("%s", join_list(b.tags).c_str());
  }
  if (!b.keywords.empty()) {
    colored_text(theme::kDimText, "Keywords");
    ImGui::SameLine(ImGui::GetFontSize() * 6);
    ImGui::TextWrapped("%s", join_list(b.keywords).c_str());
  }
  if (!b.entities.empty()) {
    std::string entities;
    for (const auto& e : b.entities)
      entities += (entities.empty() ? "" : ", ") + e.name + " (" + e.type + ")";
    colored_text(theme::kDimText, "Entities");
    ImGui::SameLine(ImGui::GetFontSize() * 6);
    ImGui::TextWrapped("%s", entities.c_str());
  }
  {
    FontScope small(fonts().small);
    std::string source = b.source_file + ", chunk " + std::to_string(b.chunk_index + 1);
    colored_text(theme::kDimText, source.c_str());
  }
  ImGui::Unindent();
  ImGui::Separator();
}

}  // namespace

void draw_results_tab(ViewContext& ctx, const JobDetail& d) {
  const Job& job = d.job;
  if (d.blocks_total == 0) {
    colored_text(theme::kDimText, job.config.mode == JobMode::ChunkOnly
                                      ? "This is a chunk-only job: it produces chunks, not IdeaBlocks."
                                      : "No IdeaBlocks yet.");
    return;
  }
  int64_t page = std::max<int64_t>(static_cast<int64_t>(d.blocks.size()), kBlocksPageSize);
  int64_t first = d.blocks_offset + 1;
  int64_t last = d.blocks_offset + static_cast<int64_t>(d.blocks.size());
  std::string range =
      "IdeaBlocks " + thousands(first) + "–" + thousands(last) + " of " + thousands(d.blocks_total);
  if (can_retry(job.status)) range += " (kept from the " + std::string(to_string(job.status)) + " attempt)";

  ImGui::BeginDisabled(d.blocks_offset == 0);
  if (ImGui::Button("< Prev")) ctx.sink.post(FocusJob{job.id, std::max<int64_t>(0, d.blocks_offset - page)});
  ImGui::EndDisabled();
  ctx.rects.record_last_item("results-prev");
  ImGui::SameLine();
  ImGui::BeginDisabled(last >= d.blocks_total);
  if (ImGui::Button("Next >")) ctx.sink.post(FocusJob{job.id, d.blocks_offset + page});
  ImGui::EndDisabled();
  ctx.rects.record_last_item("results-next");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(range.c_str());
  ctx.rects.record_last_item("results-range", range);

  float avail = ImGui::GetContentRegionAvail().y;
  float min = ImGui::GetTextLineHeightWithSpacing() * 6;
  ImGui::BeginChild("blocks", {0, avail > min ? avail : min});
  for (const auto& b : d.blocks) draw_block(b);
  ImGui::EndChild();
}

}  // namespace blockify::gui::detail
