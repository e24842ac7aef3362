#pragma once
// The Datasets view: every dataset with its IdeaBlocks, jobs and last update; the chosen
// one's blocks, paged and searchable; export to IdeaBlock XML, JSONL or Markdown.
#include <cstdint>
#include <string>

#include "app/gui/view_context.h"
#include "engine/pipeline/export.h"

namespace blockify::gui {

inline constexpr double kSearchDebounceSeconds = 0.3;  // typing pauses this long before a search

struct DatasetsViewState {
  std::string selected;         // dataset being browsed (empty: none)
  std::string search;           // as typed
  std::string posted_search;    // as last sent to the engine
  double search_typed_at = -1;  // time_s of a change not sent yet; < 0: none pending
  // Export popup.
  bool export_open = false;
  bool export_popup_opened = false;
  ExportFormat format = ExportFormat::Xml;
  std::string export_path;
  bool export_path_edited = false;  // once edited, changing the format keeps the path
  // Search by meaning (datasets_search.cpp).
  bool by_meaning = false;
  std::string meaning_query;
  int opened_hit = -1;       // the result shown with its answer, source file and job
  int64_t opened_block = 0;  // the block of the words list shown the same way (0: none)
};

// A chosen result (of either search): its name, question, answer and source file, and an
// "Open job N" button that opens that job in the Jobs tab. Records "hit-open-job".
void draw_result_detail(ViewContext& ctx, const IdeaBlock& block, int64_t job_id);

// The "by meaning" half of the browser: a query box whose Enter or Search posts
// SearchDataset; the hits of Snapshot::dataset_search with their scores; a chosen hit
// with its answer, source file and an Open job button. Records "meaning-query",
// "meaning-search", "meaning-status" (with its text), "hit/<i>" (with the block's name),
// "hit-open-job".
void draw_meaning_search(ViewContext& ctx, DatasetsViewState& state);

// "~/<dataset>.<ext>" with ~ expanded; characters a file name should not hold become '-'.
std::string default_export_path(const std::string& dataset, ExportFormat format);

// Draws the view in the space left. Clicking a dataset posts BrowseDataset{name, search,
// 0}; its Vectors cell shows the model and count, the Re-embed job at work, or "vectors
// stale" with a Re-embed button that posts ReEmbedDataset ("vectors/<name>" with its
// text, "reembed/<name>"). Clicking a block of the words list shows it with its source
// file and selects its job ("Open job" opens it). Typing in the search box posts it once typing pauses for
// kSearchDebounceSeconds; Prev/Next post the offset ∓ kBlocksPageSize. Records "dataset/<name>",
// "dataset-search", "search-by-words", "search-by-meaning", "datasets-prev", "datasets-next",
// "datasets-range" (with its text), "block/<i>" (with the block's name), "export-open",
// "export-format/<xml|jsonl|md>", "export-path", "export-confirm", "export-cancel", "export-status" (with its
// text), "datasets-empty".
void draw_datasets_view(ViewContext& ctx, DatasetsViewState& state);

}  // namespace blockify::gui
