#include "app/gui/empty_state.h"

#include <imgui.h>

#include <algorithm>

#include "app/gui/sample_jobs.h"
#include "app/gui/theme.h"

namespace blockify::gui {

namespace {

// Once every sample's Create is answered: when none was created, the first refusal's
// sentence for the error line (a job created shows in the table instead). Until then
// frames keep coming, as the answers wake nobody.
void take_sample_answers(ViewContext& ctx, EmptyStateState& state) {
  if (state.samples.empty()) return;
  for (const Ticket& ticket : state.samples)
    if (ticket->pending()) {
      ctx.ui.animating = true;
      return;
    }
  auto created = [](const Ticket& ticket) { return ticket->result()->ok(); };
  if (std::none_of(state.samples.begin(), state.samples.end(), created))
    state.error = state.samples.front()->result()->message;
  state.samples.clear();
}

}  // namespace

bool has_no_jobs(const Snapshot& snapshot) {
  for (JobStatus s : kJobStatuses)
    if (snapshot.counts[static_cast<size_t>(s)] > 0) return false;
  return true;
}

void draw_empty_state(ViewContext& ctx, EmptyStateState& state) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float width = ImGui::GetFontSize() * 34;
  if (width > avail.x) width = avail.x;
  float indent = (avail.x - width) / 2;
  ImGui::Dummy({0, avail.y * 0.18f});
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  {
    FontScope heading(fonts().heading);
    ImGui::TextUnformatted("No jobs yet");
  }
  ImGui::Spacing();
  ImGui::TextWrapped(
      "A job turns your documents (text, web pages, Office and OpenDocument files, e-books, mail, PDFs, "
      "scans and photos, zips) into IdeaBlocks: short "
      "question-and-answer records ready for retrieval. Drop files onto this window or click New job to "
      "start.");
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kDimText);
  ImGui::TextWrapped(
      "Or try the samples: three small jobs. One of them fails on purpose — a file it needs is missing — so "
      "you "
      "can see how a failure is explained and get it running again: open it, click \"Restore sample file\", "
      "then "
      "Retry.");
  ImGui::PopStyleColor();
  ImGui::Spacing();
  // Disabled until the engine answered: a second click in between must not create them
  // twice. Created jobs are listed before the answer (and this view gives way to the
  // table); when the engine refused them all, the button comes back with its sentence.
  take_sample_answers(ctx, state);
  bool waiting = !state.samples.empty();
  ImGui::BeginDisabled(waiting);
  if (ImGui::Button(waiting ? "Creating sample jobs…" : "Create sample jobs")) {
    SampleJobs samples = prepare_sample_jobs();
    state.error = samples.error;
    for (auto& job : samples.jobs) state.samples.push_back(ctx.sink.post(std::move(job)));
  }
  ImGui::EndDisabled();
  ctx.rects.record_last_item("create-samples");
  ImGui::SameLine();
  if (ImGui::Button("New job")) ctx.ui.create_request = CreateJob{};
  ctx.rects.record_last_item("empty-new-job");
  if (!state.error.empty()) {
    colored_text_wrapped(theme::kErrorText, state.error.c_str());
    ctx.rects.record_last_item("samples-error", state.error);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace blockify::gui
