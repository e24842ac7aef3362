// The Charts tab: throughput of the focused job over time, from a small ring of samples
// the UI takes from snapshots (about one a second) while the job is Processing.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "app/gui/detail_parts.h"
#include "app/gui/job_lookup.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui::detail {
namespace {

constexpr double kSampleSeconds = 1.0;
constexpr size_t kRateWindow = 10;  // samples the rate is measured over: steadier than 1 s steps

// Chunks per minute at each sample, over the preceding kRateWindow samples.
std::vector<float> chunk_rates(const std::deque<ThroughputSample>& samples) {
  std::vector<float> rates;
  for (size_t i = 1; i < samples.size(); ++i) {
    const ThroughputSample& from = samples[i > kRateWindow ? i - kRateWindow : 0];
    const ThroughputSample& to = samples[i];
    double seconds = to.time_s - from.time_s;
    double rate = seconds > 0 ? static_cast<double>(to.chunks_done - from.chunks_done) / seconds * 60.0 : 0;
    rates.push_back(static_cast<float>(std::max(0.0, rate)));
  }
  return rates;
}

void plot(ViewContext& ctx, const char* id, const char* title, const std::vector<float>& values,
          const std::string& overlay, const char* rect, float height, Stage colour_of) {
  colored_text(theme::kDimText, title);
  float top = *std::max_element(values.begin(), values.end());
  ImGui::PushStyleColor(ImGuiCol_PlotLines, stage_color(colour_of));
  ImGui::PlotLines(id, values.data(), static_cast<int>(values.size()), 0, overlay.c_str(), 0.0f,
                   top > 0 ? top * 1.15f : 1.0f, {ImGui::GetContentRegionAvail().x, height});
  ImGui::PopStyleColor();
  ctx.rects.record_last_item(rect, overlay);
}

}  // namespace

void sample_throughput(ViewContext& ctx, DetailViewState& state, const Job& detail_job) {
  const Job* row = find_job(ctx.snapshot.jobs, detail_job.id);
  const Job& job = row ? *row : detail_job;  // the table row is published with every change
  if (job.status != JobStatus::Processing) return;
  auto& samples = state.samples;
  // A new attempt starts from zero: its curve must not begin with a plunge.
  if (!samples.empty() && job.chunks_done < samples.back().chunks_done) samples.clear();
  if (!samples.empty() && ctx.time_s - samples.back().time_s < kSampleSeconds) return;
  samples.push_back({ctx.time_s, job.chunks_done, job.blocks});
  while (samples.size() > kMaxThroughputSamples) samples.pop_front();
}

void draw_charts_tab(ViewContext& ctx, const DetailViewState& state, const Job& job) {
  const auto& samples = state.samples;
  if (samples.size() < 2) {
    const char* text =
        job.status == JobStatus::Processing
            ? "Collecting the first samples: the charts fill in once a second while the job runs."
            : "No samples yet: throughput is charted while the job is processing and its details "
              "are open.";
    colored_text_wrapped(theme::kDimText, text);
    ctx.rects.record_last_item("chart-empty", text);
    return;
  }
  std::vector<float> rates = chunk_rates(samples);
  std::vector<float> blocks;
  for (const auto& s : samples) blocks.push_back(static_cast<float>(s.blocks));
  double span = samples.back().time_s - samples.front().time_s;
  std::string window = "last " + duration_text(static_cast<TimeMs>(span * 1000));
  std::string now = thousands(static_cast<int64_t>(rates.back() + 0.5f)) + " chunks/min now";
  // The two charts share the tab's height, never shorter than a few lines.
  const ImGuiStyle& style = ImGui::GetStyle();
  float titles = 2 * (ImGui::GetTextLineHeight() + style.ItemSpacing.y) + 2 * style.ItemSpacing.y;
  float height = std::max(ImGui::GetTextLineHeight() * 4, (ImGui::GetContentRegionAvail().y - titles) / 2);
  plot(ctx, "##chunks", ("Chunks per minute — " + window).c_str(), rates, now, "chart-chunks", height,
       Stage::Chunk);
  std::string total = thousands(samples.back().blocks) + " IdeaBlocks";
  plot(ctx, "##blocks", ("IdeaBlocks — " + window).c_str(), blocks, total, "chart-blocks", height,
       Stage::Blockify);
}

}  // namespace blockify::gui::detail
