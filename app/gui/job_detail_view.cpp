#include "app/gui/job_detail_view.h"

#include <imgui.h>

#include "app/gui/detail_parts.h"
#include "app/gui/job_lookup.h"
#include "app/gui/theme.h"

namespace blockify::gui {
namespace {

void draw_tabs(ViewContext& ctx, DetailViewState& state, const JobDetail& d) {
  if (!ImGui::BeginTabBar("detail-tabs")) return;
  // Records "tab/<name>"; draws the tab's contents while it is the open one.
  auto tab = [&](const char* name, auto draw) {
    bool open = ImGui::BeginTabItem(name);
    ctx.rects.record_last_item(std::string("tab/") + name);
    if (!open) return;
    draw();
    ImGui::EndTabItem();
  };
  tab("Files", [&] { detail::draw_files_tab(ctx, state, d); });
  tab("Errors", [&] { detail::draw_errors_tab(ctx, d); });
  tab("Attempts", [&] { detail::draw_attempts_tab(ctx, d); });
  tab("Results", [&] { detail::draw_results_tab(ctx, d); });
  tab("Log", [&] { detail::draw_log_tab(ctx, d); });
  tab("Charts", [&] { detail::draw_charts_tab(ctx, state, d.job); });
  ImGui::EndTabBar();
}

}  // namespace

namespace detail {
std::string hint_for(const ErrorInfo& error) {
  return error.hint.empty() ? default_hint(error.code) : error.hint;
}
}  // namespace detail

void draw_job_detail(ViewContext& ctx, DetailViewState& state) {
  int64_t id = ctx.ui.selected_job;
  if (state.job_id != id) {
    state = DetailViewState();
    state.job_id = id;
  }
  const JobDetail* d = ctx.snapshot.detail.get();
  if (id == 0) {
    colored_text(theme::kDimText, "Select a job to see its details.");
    return;
  }
  if (!d || d->job.id != id) {
    if (!find_job(ctx.snapshot.jobs, id))
      colored_text(theme::kDimText, "This job no longer exists.");
    else
      colored_text(theme::kDimText, "Loading the job's details…");
    return;
  }
  detail::sample_throughput(ctx, state, d->job);
  detail::draw_header(ctx, *d);
  detail::draw_timeline(ctx, d->job);
  detail::draw_error_panel(ctx, state, *d);
  detail::draw_metric_cards(ctx, d->job, d->embeddings ? &*d->embeddings : nullptr);
  ImGui::Spacing();
  draw_tabs(ctx, state, *d);
}

}  // namespace blockify::gui
