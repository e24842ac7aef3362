// Search by meaning in the Datasets tab. The engine runs the search off its thread and
// publishes the outcome; this view only posts the query and draws what was published.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "app/gui/datasets_view.h"
#include "app/gui/theme.h"

namespace blockify::gui {

void draw_result_detail(ViewContext& ctx, const IdeaBlock& block, int64_t job_id) {
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, stage_color(Stage::Blockify));
  ImGui::TextWrapped("%s", block.name.c_str());
  ImGui::PopStyleColor();
  ImGui::TextWrapped("%s", block.critical_question.c_str());
  ImGui::TextWrapped("%s", block.trusted_answer.c_str());
  colored_text_wrapped(theme::kDimText, ("From " + block.source_file).c_str());
  ctx.rects.record_last_item("result-source", block.source_file);
  if (job_id == 0) return;
  if (ImGui::Button(("Open job " + std::to_string(job_id)).c_str())) {
    select_job(ctx, job_id, true);
    ctx.ui.show_jobs_tab = true;  // the detail lives in the Jobs tab
  }
  ctx.rects.record_last_item("hit-open-job");
  ImGui::Separator();
}

void draw_meaning_search(ViewContext& ctx, DatasetsViewState& state) {
  const DatasetSearchView* search = ctx.snapshot.dataset_search.get();
  const bool running = search && search->running;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
  bool enter = ImGui::InputTextWithHint("##meaning-query", "Ask a question of this dataset",
                                        &state.meaning_query, ImGuiInputTextFlags_EnterReturnsTrue);
  ctx.rects.record_last_item("meaning-query");
  ImGui::SameLine();
  ImGui::BeginDisabled(running || state.meaning_query.empty());
  bool clicked = ImGui::Button("Search");
  ImGui::EndDisabled();
  ctx.rects.record_last_item("meaning-search");
  if ((enter || clicked) && !running && !state.meaning_query.empty()) {
    ctx.sink.post(SearchDataset{state.selected, state.meaning_query, true, 20});
    state.opened_hit = -1;
  }

  // Only the outcome of a search of this dataset belongs here.
  if (!search || search->dataset != state.selected) return;
  std::string status;
  if (running) {
    spinner(ctx.time_s);
    ctx.ui.animating = true;
    ImGui::SameLine();
    status = "Searching…";
  } else if (!search->message.empty()) {
    status = search->message;
  } else {
    status = std::to_string(search->hits.size()) + " IdeaBlocks nearest to \"" + search->query + "\"";
  }
  colored_text_wrapped(search->is_error ? theme::kErrorText : theme::kDimText, status.c_str());
  ctx.rects.record_last_item("meaning-status", status);
  if (running || search->hits.empty()) return;

  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingStretchProp;
  float rows = static_cast<float>(std::min<size_t>(search->hits.size(), 10)) + 1.4f;
  if (!ImGui::BeginTable("meaning-hits", 4, flags, {0, rows * ImGui::GetFrameHeightWithSpacing()})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Score", 0, 0.5f);
  ImGui::TableSetupColumn("Name", 0, 1.5f);
  ImGui::TableSetupColumn("Question", 0, 2.5f);
  ImGui::TableSetupColumn("Source file", 0, 2.0f);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < search->hits.size(); ++i) {
    const auto& hit = search->hits[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    char score[16];
    std::snprintf(score, sizeof score, "%.3f", static_cast<double>(hit.score));
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(search->by_meaning ? score : "—", state.opened_hit == static_cast<int>(i),
                          ImGuiSelectableFlags_SpanAllColumns)) {
      state.opened_hit = static_cast<int>(i);
      select_job(ctx, hit.job_id, false);  // its job is the selected one when the Jobs tab opens
    }
    ImGui::PopID();
    ctx.rects.record_last_item("hit/" + std::to_string(i), hit.block.name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(hit.block.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(hit.block.critical_question.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(hit.block.source_file.c_str());
  }
  ImGui::EndTable();
  if (state.opened_hit >= 0 && static_cast<size_t>(state.opened_hit) < search->hits.size())
    draw_result_detail(ctx, search->hits[static_cast<size_t>(state.opened_hit)].block,
                       search->hits[static_cast<size_t>(state.opened_hit)].job_id);
}

}  // namespace blockify::gui
