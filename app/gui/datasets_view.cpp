#include "app/gui/datasets_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "app/gui/theme.h"
#include "app/gui/time_text.h"
#include "engine/domain/enum_names.h"

namespace blockify::gui {
namespace {

constexpr const char* kExportPopup = "Export dataset";

const char* format_label(ExportFormat f) {
  static constexpr EnumName<ExportFormat> kLabels[] = {{ExportFormat::Xml, "IdeaBlock XML"},
                                                       {ExportFormat::Jsonl, "JSONL"},
                                                       {ExportFormat::Markdown, "Markdown"}};
  return name_of(kLabels, f, "");
}

void browse(ViewContext& ctx, DatasetsViewState& state, int64_t offset) {
  state.posted_search = state.search;
  state.search_typed_at = -1;
  ctx.sink.post(BrowseDataset{state.selected, state.search, std::max<int64_t>(0, offset)});
}

// The Vectors cell: the Re-embed job at work, "vectors stale" with a Re-embed button, or
// the model and how many blocks have a vector.
void draw_vector_cell(ViewContext& ctx, const DatasetRow& d) {
  if (d.reembed_job != 0) {
    std::string text = "Re-embedding, job " + std::to_string(d.reembed_job) + ": " +
                       thousands(d.reembed_done) + " of " + thousands(d.reembed_total);
    if (d.reembed_status == JobStatus::Pending)
      text = "Re-embed queued as job " + std::to_string(d.reembed_job);
    colored_text(theme::kHintText, text.c_str());
    ctx.rects.record_last_item("vectors/" + d.name, text);
    return;
  }
  if (d.vectors_stale) {
    std::string text = "vectors stale";
    colored_text(theme::kErrorText, text.c_str());
    ctx.rects.record_last_item("vectors/" + d.name, text);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "These vectors were made with %s, but embeddings.model changed since, so search by meaning "
          "still uses %s.\nRe-embed gives every IdeaBlock a vector of the current model.",
          d.vector_model.c_str(), d.vector_model.c_str());
    ImGui::SameLine();
    ImGui::PushID(d.name.c_str());
    if (ImGui::SmallButton("Re-embed")) ctx.sink.post(ReEmbedDataset{d.name});
    ImGui::PopID();
    ctx.rects.record_last_item("reembed/" + d.name);
    return;
  }
  std::string text = d.vector_model.empty()
                         ? std::string("none")
                         : d.vector_model + " · " + thousands(d.vectors) +
                               (d.vectors < d.blocks ? " of " + thousands(d.blocks) : std::string());
  colored_text(theme::kDimText, text.c_str());
  ctx.rects.record_last_item("vectors/" + d.name, text);
}

void draw_dataset_table(ViewContext& ctx, DatasetsViewState& state, const DatasetsView& view) {
  float row = ImGui::GetFrameHeightWithSpacing();
  float rows = static_cast<float>(std::min<size_t>(view.datasets.size(), 6)) + 1.4f;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                          ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("datasets", 5, flags, {0, rows * row})) return;
  float em = ImGui::GetFontSize();
  table_columns(
      {{"Dataset"}, {"IdeaBlocks", em * 6}, {"Jobs", em * 4}, {"Last update", em * 7}, {"Vectors", em * 20}});
  for (const DatasetRow& d : view.datasets) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    bool selected = d.name == state.selected;
    // AllowItemOverlap: the Re-embed button in the same row takes its own clicks.
    if (ImGui::Selectable(d.name.c_str(), selected,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap) &&
        !selected) {
      state.selected = d.name;
      state.export_path_edited = false;
      browse(ctx, state, 0);
    }
    ctx.rects.record_last_item("dataset/" + d.name, d.name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(thousands(d.blocks).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(thousands(d.jobs).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(relative_time(d.updated_at, ctx.now_ms).c_str());
    ImGui::TableNextColumn();
    draw_vector_cell(ctx, d);
  }
  ImGui::EndTable();
}

// On its own line, wrapped: the outcome names the whole output path.
void draw_export_status(ViewContext& ctx) {
  const ExportStatus* status = ctx.snapshot.export_status.get();
  if (!status) return;
  if (status->running) {
    spinner(ctx.time_s);
    ctx.ui.animating = true;
    ImGui::SameLine();
    colored_text_wrapped(theme::kDimText, status->message.empty() ? "Exporting…" : status->message.c_str());
  } else {
    colored_text_wrapped(status->is_error ? theme::kErrorText : theme::kGoodText, status->message.c_str());
  }
  ctx.rects.record_last_item("export-status", status->message);
}

void draw_export_popup(ViewContext& ctx, DatasetsViewState& state) {
  if (state.export_open && !state.export_popup_opened) {
    ImGui::OpenPopup(kExportPopup);
    state.export_popup_opened = true;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal(kExportPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    state.export_open = false;
    return;
  }
  std::string title = "Export the IdeaBlocks of " + state.selected + " as";
  ImGui::TextUnformatted(title.c_str());
  for (ExportFormat f : {ExportFormat::Xml, ExportFormat::Jsonl, ExportFormat::Markdown}) {
    if (ImGui::RadioButton(format_label(f), state.format == f)) {
      state.format = f;
      if (!state.export_path_edited) state.export_path = default_export_path(state.selected, f);
    }
    ctx.rects.record_last_item(std::string("export-format/") + to_string(f));
    if (f != ExportFormat::Markdown) ImGui::SameLine();
  }
  ImGui::TextUnformatted("Save to");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  if (ImGui::InputText("##export-path", &state.export_path)) state.export_path_edited = true;
  ctx.rects.record_last_item("export-path");
  colored_text(theme::kDimText,
               "The file is written to a temporary name and renamed, after a free-space check.");
  bool empty = state.export_path.empty();
  ImGui::BeginDisabled(empty);
  bool confirm = primary_button("Export");
  ImGui::EndDisabled();
  ctx.rects.record_last_item("export-confirm");
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel");
  ctx.rects.record_last_item("export-cancel");
  if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    cancel = true;
  if (confirm && !empty) ctx.sink.post(ExportDataset{state.selected, state.format, state.export_path});
  if ((confirm && !empty) || cancel) {
    state.export_open = false;
    state.export_popup_opened = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// A block of the words list; clicking it opens it under the list with its source file and
// selects its job (as a result of the search by meaning does).
void draw_block_row(ViewContext& ctx, DatasetsViewState& state, const IdeaBlock& b, size_t i) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(static_cast<int>(i));
  bool opened = state.opened_block == b.id;
  if (ImGui::Selectable("##block", opened,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
    state.opened_block = opened ? 0 : b.id;
    if (!opened && b.job_id != 0) select_job(ctx, b.job_id, false);
  }
  ImGui::PopID();
  ctx.rects.record_last_item("block/" + std::to_string(i), b.name);
  ImGui::SameLine(0, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, stage_color(Stage::Blockify));
  ImGui::TextWrapped("%s", b.name.c_str());
  ImGui::PopStyleColor();
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", b.critical_question.c_str());
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", b.trusted_answer.c_str());
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", join_list(b.tags).c_str());
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", join_list(b.keywords).c_str());
  ImGui::TableNextColumn();
  std::string entities;
  for (const auto& e : b.entities) entities += (entities.empty() ? "" : ", ") + e.name + " (" + e.type + ")";
  ImGui::TextWrapped("%s", entities.c_str());
}

// The block opened in the words list: its source file and its job, one click away.
void draw_opened_block(ViewContext& ctx, DatasetsViewState& state, const DatasetsView& view) {
  if (state.opened_block == 0 || view.browsed != state.selected) return;
  const IdeaBlock* block = nullptr;
  for (const auto& b : view.blocks)
    if (b.id == state.opened_block) block = &b;
  if (!block) return;
  draw_result_detail(ctx, *block, block->job_id);
}

void draw_browser(ViewContext& ctx, DatasetsViewState& state, const DatasetsView& view) {
  bool current = view.browsed == state.selected;  // the engine publishes what was asked last
  int64_t offset = current ? view.offset : 0;
  size_t count = current ? view.blocks.size() : 0;
  int64_t total = -1;  // known only without a search
  if (current && view.search.empty())
    for (const auto& d : view.datasets)
      if (d.name == state.selected) total = d.blocks;
  bool last_page = static_cast<int64_t>(count) < kBlocksPageSize ||
                   (total >= 0 && offset + static_cast<int64_t>(count) >= total);

  if (ImGui::RadioButton("by words", !state.by_meaning)) state.by_meaning = false;
  ctx.rects.record_last_item("search-by-words");
  ImGui::SameLine();
  if (ImGui::RadioButton("by meaning", state.by_meaning)) state.by_meaning = true;
  ctx.rects.record_last_item("search-by-meaning");
  ImGui::SameLine();
  if (state.by_meaning) return draw_meaning_search(ctx, state);

  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
  if (ImGui::InputTextWithHint("##dataset-search", "Search IdeaBlocks in this dataset", &state.search))
    state.search_typed_at = ctx.time_s;
  ctx.rects.record_last_item("dataset-search");
  ImGui::SameLine();
  ImGui::BeginDisabled(offset == 0);
  if (ImGui::Button("< Prev")) browse(ctx, state, offset - kBlocksPageSize);
  ImGui::EndDisabled();
  ctx.rects.record_last_item("datasets-prev");
  ImGui::SameLine();
  ImGui::BeginDisabled(last_page);
  if (ImGui::Button("Next >")) browse(ctx, state, offset + kBlocksPageSize);
  ImGui::EndDisabled();
  ctx.rects.record_last_item("datasets-next");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  std::string range = count == 0 ? std::string(current ? "No IdeaBlocks match." : "Loading…")
                                 : "IdeaBlocks " + thousands(offset + 1) + "–" +
                                       thousands(offset + static_cast<int64_t>(count));
  if (total >= 0 && count > 0) range += " of " + thousands(total);
  if (!view.search.empty() && current && count > 0) range += " matching \"" + view.search + "\"";
  colored_text(theme::kDimText, range.c_str());
  ctx.rects.record_last_item("datasets-range", range);
  ImGui::SameLine();
  bool exporting = ctx.snapshot.export_status && ctx.snapshot.export_status->running;
  ImGui::BeginDisabled(exporting);
  if (ImGui::Button("Export…")) {
    state.export_open = true;
    state.export_popup_opened = false;
    if (!state.export_path_edited) state.export_path = default_export_path(state.selected, state.format);
  }
  ImGui::EndDisabled();
  ctx.rects.record_last_item("export-open");
  draw_export_status(ctx);
  draw_export_popup(ctx, state);
  draw_opened_block(ctx, state, view);

  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_SizingStretchProp;
  float height = std::max(ImGui::GetContentRegionAvail().y, ImGui::GetTextLineHeightWithSpacing() * 6);
  if (!ImGui::BeginTable("dataset-blocks", 6, flags, {0, height})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", 0, 1.3f);
  ImGui::TableSetupColumn("Question", 0, 2.0f);
  ImGui::TableSetupColumn("Answer", 0, 3.5f);
  ImGui::TableSetupColumn("Tags", 0, 1.0f);
  ImGui::TableSetupColumn("Keywords", 0, 1.6f);
  ImGui::TableSetupColumn("Entities", 0, 1.6f);
  ImGui::TableHeadersRow();
  if (current)
    for (size_t i = 0; i < view.blocks.size(); ++i) draw_block_row(ctx, state, view.blocks[i], i);
  ImGui::EndTable();
}

}  // namespace

std::string default_export_path(const std::string& dataset, ExportFormat format) {
  std::string name = dataset.empty() ? std::string("dataset") : dataset;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '-';
  if (name.front() == '.') name.front() = '-';  // no hidden files by accident
  const char* home = std::getenv("HOME");
  std::string folder = home && *home ? home : ".";
  return folder + "/" + name + "." + to_string(format);
}

void draw_datasets_view(ViewContext& ctx, DatasetsViewState& state) {
  const DatasetsView* view = ctx.snapshot.datasets.get();
  if (!view) {
    colored_text(theme::kDimText, "Loading datasets…");
    return;
  }
  if (view->datasets.empty()) {
    const char* text = "No datasets yet. Each job puts its IdeaBlocks into the dataset named in its form.";
    colored_text_wrapped(theme::kDimText, text);
    ctx.rects.record_last_item("datasets-empty", text);
    return;
  }
  // A search typed a moment ago goes out once typing pauses.
  if (state.search_typed_at >= 0) {
    ctx.ui.animating = true;
    if (ctx.time_s - state.search_typed_at >= kSearchDebounceSeconds) {
      if (state.search != state.posted_search && !state.selected.empty())
        browse(ctx, state, 0);
      else
        state.search_typed_at = -1;
    }
  }
  if (state.selected.empty() && !view->browsed.empty()) state.selected = view->browsed;

  draw_dataset_table(ctx, state, *view);
  ImGui::Spacing();
  if (state.selected.empty()) {
    colored_text(theme::kDimText, "Choose a dataset to browse its IdeaBlocks.");
    return;
  }
  {
    FontScope heading(fonts().heading);
    ImGui::TextUnformatted(state.selected.c_str());
  }
  draw_browser(ctx, state, *view);
}

}  // namespace blockify::gui
