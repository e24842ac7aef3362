#include <imgui.h>

#include <string>
#include <utility>

#include "app/gui/create_job_form.h"
#include "app/gui/delete_confirm.h"
#include "app/gui/detail_parts.h"
#include "app/gui/failure_changes.h"
#include "app/gui/status_badge.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui::detail {
namespace {

bool action_button(ViewContext& ctx, const char* label, const char* rect, const char* tooltip,
                   bool enabled = true, bool primary = false) {
  // A narrow panel (or 200 % scale) wraps the buttons instead of pushing them off the edge.
  float width = button_width(label);
  if (ImGui::GetCursorPosX() > ImGui::GetCursorStartPos().x + 1 && ImGui::GetContentRegionAvail().x < width)
    ImGui::NewLine();
  ImGui::BeginDisabled(!enabled);
  bool clicked = primary ? primary_button(label) : ImGui::Button(label);
  ImGui::EndDisabled();
  ctx.rects.record_last_item(rect, label);
  if (tooltip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tooltip);
  ImGui::SameLine();
  return clicked && enabled;
}

void draw_actions(ViewContext& ctx, const JobDetail& d) {
  const Job& job = d.job;
  bool ready = !action_cooling_down(ctx, job.id);
  if (!ready) ctx.ui.animating = true;  // redraw when the cooldown ends
  auto act = [&](Command command) {
    ctx.sink.post(std::move(command));
    note_action(ctx, job.id);
  };
  if (can_retry(job.status)) {
    // Nothing differs from the failed attempt: the button says so, as the warning does.
    bool same = nothing_changed_since_failure(d);
    if (action_button(
            ctx, same ? "Retry anyway" : "Retry", "detail-retry",
            same ? "Nothing changed since the failure, so this will likely fail again; start it anyway."
                 : "Start the job again from the beginning with the same files and settings.",
            ready, true))
      act(RetryJob{job.id, AttemptKind::Fresh});
    if (action_button(
            ctx, "Resume from failure", "detail-resume",
            "Keep the files, chunks and IdeaBlocks already done and redo only what failed or never ran.",
            ready))
      act(RetryJob{job.id, AttemptKind::Resume});
    bool some_failed = job.files_failed > 0;
    if (action_button(ctx, "Retry failed files only", "detail-retry-failed-files",
                      some_failed
                          ? "Process again only the files that failed; finished files keep their results."
                          : "No file failed in this job.",
                      some_failed && ready))
      act(RetryJob{job.id, AttemptKind::FailedFiles});
  }
  if (job.status == JobStatus::Pending && job.retry_at > ctx.now_ms) {
    // During an automatic retry's countdown the user may skip the wait.
    if (action_button(ctx, "Retry now", "detail-retry-now",
                      "Skip the automatic retry's countdown and start now.", ready, true))
      act(RetryJob{job.id, AttemptKind::Automatic});
  }
  if (can_cancel(job.status)) {
    if (action_button(ctx, "Cancel", "detail-cancel", "Stop the job; IdeaBlocks already produced are kept.",
                      ready))
      act(CancelJob{job.id});
  }
  // A Re-embed job has no files to duplicate: the dataset's Re-embed button makes another.
  if (job.config.mode != JobMode::ReEmbed &&
      action_button(ctx, "Duplicate as new job", "detail-duplicate",
                    "Open the create form with this job's files and settings, ready to edit."))
    ctx.ui.create_request = duplicate_request(d);
  if (action_button(ctx, "Delete", "detail-delete", "Delete the job and its IdeaBlocks."))
    request_delete(ctx.ui, job.id);
  if (action_button(ctx, "Close", "detail-close", "Close the details (Esc).")) ctx.ui.detail_open = false;
  ImGui::NewLine();
}

}  // namespace

void draw_header(ViewContext& ctx, const JobDetail& d) {
  const Job& job = d.job;
  {
    FontScope heading(fonts().heading);
    ImGui::TextUnformatted(job.name.empty() ? "(unnamed job)" : job.name.c_str());
  }
  ctx.rects.record_last_item("detail-name", job.name);
  ImGui::SameLine();
  if (draw_status_badge(job.status, ctx.time_s)) ctx.ui.animating = true;

  const char* mode = job.config.mode == JobMode::Blockify ? "Blockify" : "Chunk only";
  std::string facts = "Job " + std::to_string(job.id) + "  ·  dataset " +
                      (job.dataset.empty() ? std::string("(none)") : job.dataset) + "  ·  attempt " +
                      std::to_string(job.attempt) + "  ·  ";
  if (job.config.mode == JobMode::ReEmbed)
    facts += "Re-embed: " + thousands(job.chunks_done) + " of " + thousands(job.chunks_total) +
             " IdeaBlocks of the dataset have a vector";
  else
    facts += std::string(mode) + ", " +
             (job.config.backend == Backend::Offline ? "offline" : "OpenAI-compatible") + " backend, " +
             std::to_string(job.config.chunk_size) + "-character chunks";
  colored_text(theme::kDimText, facts.c_str());
  draw_actions(ctx, d);
}

}  // namespace blockify::gui::detail
