#include <imgui.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "app/gui/detail_parts.h"
#include "app/gui/failure_changes.h"
#include "app/gui/sample_jobs.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui::detail {
namespace {

constexpr size_t kMaxChangeLines = 8;

const JobFile* missing_sample(const JobDetail& d) {
  for (const auto& f : d.files)
    if (f.status == FileStatus::Failed && f.error.code == error_code::kFileNotFound &&
        is_restorable_sample(f.path))
      return &f;
  return nullptr;
}

ImVec4 change_color(ChangeLine::Kind kind) {
  switch (kind) {
    case ChangeLine::Kind::Better:
      return theme::kGoodText;
    case ChangeLine::Kind::Worse:
      return theme::kErrorText;
    case ChangeLine::Kind::Same:
      break;
  }
  return theme::kDimText;
}

// The engine's comparison of the inputs and the disk with the failed attempt, in words
// (worded once per published detail: a job can have thousands of inputs).
void draw_changes(ViewContext& ctx, DetailViewState& state, const JobDetail& d) {
  if (state.changes_for.get() != &d) {
    state.changes = describe_changes(d);
    state.changes_for = ctx.snapshot.detail;  // the detail being drawn
  }
  const FailureChangesText& c = state.changes;
  if (!c.checked) return;
  if (!c.lines.empty()) ImGui::TextUnformatted("Since the failure:");
  for (size_t i = 0; i < c.lines.size() && i < kMaxChangeLines; ++i) {
    ImGui::Bullet();
    ImGui::PushStyleColor(ImGuiCol_Text, change_color(c.lines[i].kind));
    ImGui::TextWrapped("%s", c.lines[i].text.c_str());
    ImGui::PopStyleColor();
    ctx.rects.record_last_item("change/" + std::to_string(i), c.lines[i].text);
  }
  if (c.lines.size() > kMaxChangeLines) {
    std::string more = "…and " + std::to_string(c.lines.size() - kMaxChangeLines) + " more.";
    colored_text(theme::kDimText, more.c_str());
  }
  if (!c.nothing_changed) return;
  ImGui::AlignTextToFramePadding();
  colored_text(theme::kHintText, kNothingChangedWarning);
  ctx.rects.record_last_item("nothing-changed", kNothingChangedWarning);
  ImGui::SameLine();
  bool ready = !action_cooling_down(ctx, d.job.id);
  ImGui::BeginDisabled(!ready);
  bool clicked = ImGui::Button("Retry anyway##changes");
  ImGui::EndDisabled();
  ctx.rects.record_last_item("changes-retry-anyway");
  if (clicked && ready) {
    ctx.sink.post(RetryJob{d.job.id, AttemptKind::Fresh});
    note_action(ctx, d.job.id);
  }
}

// The first-run sample that fails on purpose offers to put its file back. Whether to offer
// it is looked up on disk once per published detail, never per frame.
void draw_restore_sample(ViewContext& ctx, DetailViewState& state, const JobDetail& d) {
  if (state.sample_checked_for.get() != &d) {
    std::error_code ec;
    state.offer_restore_sample = missing_sample(d) && !std::filesystem::exists(restore_me_path(), ec);
    state.sample_checked_for = ctx.snapshot.detail;  // the detail being drawn
  }
  if (!state.offer_restore_sample) return;
  colored_text_wrapped(
      theme::kDimText,
      "This sample fails on purpose: restore-me.txt is missing. Put it back, then click Retry.");
  if (ImGui::Button("Restore sample file")) {
    state.restore_message = restore_sample_file();
    if (state.restore_message.empty()) {
      state.restore_message = "restore-me.txt is back. Click Retry to run the job again.";
      state.offer_restore_sample = false;
    }
  }
  ctx.rects.record_last_item("restore-sample");
}

void card(const char* title, const std::string& value, const std::string& caption = {}) {
  ImGui::TableNextColumn();
  ImVec2 min = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  float height = ImGui::GetTextLineHeightWithSpacing() * 2.6f;
  ImGui::GetWindowDrawList()->AddRectFilled(min, {min.x + width, min.y + height},
                                            ImGui::GetColorU32(theme::kCardBackground), 4);
  ImGui::SetCursorScreenPos({min.x + 8, min.y + 4});
  {
    FontScope small(fonts().small);
    colored_text(theme::kDimText, title);
  }
  ImGui::SetCursorScreenPos({min.x + 8, ImGui::GetCursorScreenPos().y});
  ImGui::TextUnformatted(value.c_str());
  if (!caption.empty()) {
    ImGui::SameLine();
    FontScope small(fonts().small);
    colored_text(theme::kDimText, caption.c_str());
  }
  ImGui::SetCursorScreenPos({min.x, min.y + height});
  ImGui::Dummy({width, 0});
}

}  // namespace

void draw_error_panel(ViewContext& ctx, DetailViewState& state, const JobDetail& d) {
  const Job& job = d.job;
  if (!d.auto_retry_note.empty() || job.retry_at > 0) {
    std::string note = d.auto_retry_note;
    // The engine's note already counts down ("Retrying in 42 s (automatic attempt 2 of 3)");
    // count here only when it has none.
    if (note.empty() && job.retry_at > ctx.now_ms)
      note = "Automatic retry in " + duration_text(job.retry_at - ctx.now_ms);
    colored_text(status_color(JobStatus::Pending), note.c_str());
    ctx.rects.record_last_item("auto-retry", note);
    ctx.ui.animating = ctx.ui.animating || job.retry_at > ctx.now_ms;  // the countdown moves
  }

  bool failed = job.status == JobStatus::Failed;
  if (!job.error.empty()) {
    // The sentence in plain words, then what to do, on a tinted panel (red when failed):
    // content goes to the front channel, the panel is drawn behind it once its size is known.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::Spacing();
    ImGui::BeginGroup();
    ImGui::Indent(6);
    std::string heading = failed ? (job.failed_stage != Stage::Queued
                                        ? std::string("Failed during ") + display_name(job.failed_stage)
                                        : std::string("Failed"))
                                 : std::string("Last error");
    colored_text(failed ? theme::kErrorText : theme::kDimText,
                 (heading + "  [" + job.error.code + "]").c_str());
    ImGui::PushStyleColor(ImGuiCol_Text,
                          failed ? theme::kErrorText : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextWrapped("%s", job.error.message.c_str());
    ImGui::PopStyleColor();
    ctx.rects.record_last_item("error-message", job.error.message);
    std::string hint = "What to do: " + hint_for(job.error);
    colored_text_wrapped(theme::kHintText, hint.c_str());
    ctx.rects.record_last_item("error-hint", hint);
    if (can_retry(job.status)) draw_changes(ctx, state, d);
    draw_restore_sample(ctx, state, d);
    if (!state.restore_message.empty()) colored_text_wrapped(theme::kGoodText, state.restore_message.c_str());
    ImGui::Unindent(6);
    ImGui::EndGroup();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled({min.x - 2, min.y - 4},
                        {ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x, max.y + 4},
                        ImGui::GetColorU32(failed ? theme::kErrorPanel : theme::kCardBackground), 4);
    draw->ChannelsMerge();
    ImGui::Spacing();
  }

  if (can_retry(job.status) && job.blocks > 0) {
    std::string kept = thousands(job.blocks) + " IdeaBlocks kept from the " +
                       (failed ? "failed" : "cancelled") + " attempt.";
    colored_text(theme::kGoodText, kept.c_str());
    ctx.rects.record_last_item("partial-results", kept);
  }
  ImGui::Spacing();
}

void draw_metric_cards(ViewContext& ctx, const Job& job, const JobEmbeddings* embeddings) {
  if (!ImGui::BeginTable("metrics", embeddings ? 5 : 4, ImGuiTableFlags_SizingStretchSame)) return;
  std::string files = std::to_string(job.files_done) + " / " + std::to_string(job.files_total);
  card("Files", files, job.files_failed > 0 ? std::to_string(job.files_failed) + " failed" : "");
  // Chunks blockified, with the rate per minute over the attempt so far.
  TimeMs elapsed = total_time(job, ctx.now_ms);
  std::string rate = elapsed > 1000 && job.chunks_done > 0
                         ? thousands(static_cast<int64_t>(static_cast<double>(job.chunks_done) * 60000.0 /
                                                          static_cast<double>(elapsed))) +
                               " per minute"
                         : "";
  // A Re-embed job counts its dataset's blocks with a vector in the same two numbers.
  card(job.config.mode == JobMode::ReEmbed ? "IdeaBlocks embedded" : "Chunks blockified",
       thousands(job.chunks_done) + " / " + thousands(job.chunks_total), rate);
  std::string blocks = thousands(job.blocks);
  std::string distilled = job.blocks_before_distill > 0 && job.blocks_before_distill != job.blocks
                              ? thousands(job.blocks_before_distill) + " before distill"
                              : "";
  card("IdeaBlocks", blocks, distilled);
  if (embeddings) {
    // Blocks embedded; beneath: requests and tokens of the last attempt, and its rate.
    std::string caption =
        thousands(embeddings->requests) + " requests · " + thousands(embeddings->tokens) + " tokens";
    if (double rate = embeddings->blocks_per_minute(); rate > 0)
      caption += " · " + thousands(static_cast<int64_t>(rate)) + "/min";
    card("Embedded", thousands(embeddings->blocks), caption);
    ctx.rects.record_last_item("card-embedded", thousands(embeddings->blocks) + " " + caption);
  }
  card("Processing time", total_time_text(job, ctx.now_ms));
  ImGui::EndTable();
}

}  // namespace blockify::gui::detail
