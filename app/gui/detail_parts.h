#pragma once
// The parts of the job detail panel, one file each; job_detail_view.cpp arranges them.
#include "app/gui/job_detail_view.h"
#include "engine/core/snapshot.h"

namespace blockify::gui::detail {

// Name, badge, dataset, attempt and the actions valid for the job's status now.
void draw_header(ViewContext& ctx, const JobDetail& d);
// One coloured segment per stage (Extract..Export), the failed one red; overall % and time.
void draw_timeline(ViewContext& ctx, const Job& job);
// The error sentence and "What to do", the automatic retry note, partial results and
// what changed since the failure.
void draw_error_panel(ViewContext& ctx, DetailViewState& state, const JobDetail& d);
// Files x/y, Chunks x/y, IdeaBlocks before/after distill, Processing time.
// `embeddings` (may be null): what the job's Embeddings stage did; adds its card.
void draw_metric_cards(ViewContext& ctx, const Job& job, const JobEmbeddings* embeddings = nullptr);

void draw_files_tab(ViewContext& ctx, DetailViewState& state, const JobDetail& d);
void draw_errors_tab(ViewContext& ctx, const JobDetail& d);
void draw_attempts_tab(ViewContext& ctx, const JobDetail& d);
void draw_results_tab(ViewContext& ctx, const JobDetail& d);
void draw_log_tab(ViewContext& ctx, const JobDetail& d);
// Takes a sample of the job's counters when it is Processing and a second has passed.
void sample_throughput(ViewContext& ctx, DetailViewState& state, const Job& job);
// Chunks per minute and IdeaBlocks over the samples, or a sentence while there are none.
void draw_charts_tab(ViewContext& ctx, const DetailViewState& state, const Job& job);

// The hint to show for an error: its own, or the default for its code.
std::string hint_for(const ErrorInfo& error);

}  // namespace blockify::gui::detail
