// The Errors, Attempts and Log tabs of the job detail.
#include <imgui.h>

#include <map>
#include <string>
#include <vector>

#include "app/gui/detail_parts.h"
#include "app/gui/theme.h"
#include "app/gui/time_text.h"

namespace blockify::gui::detail {
namespace {

float tab_height() {
  float avail = ImGui::GetContentRegionAvail().y;
  float min = ImGui::GetTextLineHeightWithSpacing() * 6;
  return avail > min ? avail : min;
}

struct ErrorGroup {
  ErrorInfo first;
  std::string first_file;
  int count = 0;
};

}  // namespace

void draw_errors_tab(ViewContext& ctx, const JobDetail& d) {
  std::map<std::string, ErrorGroup> groups;
  std::vector<std::string> order;  // codes in order of first appearance
  for (const auto& f : d.files) {
    if (f.error.empty()) continue;
    auto [it, inserted] = groups.try_emplace(f.error.code);
    if (inserted) {
      it->second.first = f.error;
      it->second.first_file = f.path;
      order.push_back(f.error.code);
    }
    ++it->second.count;
  }
  const ErrorInfo& job_error = d.job.error;
  if (order.empty() && job_error.empty()) {
    colored_text(theme::kGoodText, "No errors in this job.");
    return;
  }
  if (!job_error.empty() && groups.count(job_error.code) == 0) {
    colored_text(theme::kErrorText, (job_error.code + " (job)").c_str());
    ImGui::TextWrapped("%s", job_error.message.c_str());
    colored_text_wrapped(theme::kHintText, ("What to do: " + hint_for(job_error)).c_str());
    ImGui::Separator();
  }
  for (const auto& code : order) {
    const ErrorGroup& g = groups[code];
    std::string title = code + " — " + std::to_string(g.count) + (g.count == 1 ? " file" : " files");
    colored_text(theme::kErrorText, title.c_str());
    ctx.rects.record_last_item("error-group/" + code, title);
    ImGui::TextWrapped("%s", g.first.message.c_str());
    colored_text_wrapped(theme::kHintText, ("What to do: " + hint_for(g.first)).c_str());
    colored_text(theme::kDimText, ("First file: " + g.first_file).c_str());
    ImGui::Separator();
  }
}

void draw_attempts_tab(ViewContext& ctx, const JobDetail& d) {
  if (d.attempts.empty()) {
    colored_text(theme::kDimText, "The job has not run yet.");
    return;
  }
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                          ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("attempts", 7, flags, {0, tab_height()})) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("Kind");
  ImGui::TableSetupColumn("Started");
  ImGui::TableSetupColumn("Duration");
  ImGui::TableSetupColumn("Outcome");
  ImGui::TableSetupColumn("Failed stage");
  ImGui::TableSetupColumn("Error", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  // Newest attempt first: it is the one the user is reacting to.
  for (auto it = d.attempts.rbegin(); it != d.attempts.rend(); ++it) {
    const Attempt& a = *it;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%d", a.number);
    ctx.rects.record_last_item("attempt/" + std::to_string(a.number));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(to_string(a.kind));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(relative_time(a.started_at, ctx.now_ms).c_str());
    ImGui::TableNextColumn();
    TimeMs end = a.finished_at > 0 ? a.finished_at : ctx.now_ms;
    ImGui::TextUnformatted(a.started_at > 0 ? duration_text(end - a.started_at).c_str() : "—");
    ImGui::TableNextColumn();
    bool bad = a.outcome == AttemptOutcome::Failed || a.outcome == AttemptOutcome::Interrupted;
    ImGui::PushStyleColor(ImGuiCol_Text, bad                                      ? theme::kErrorText
                                         : a.outcome == AttemptOutcome::Completed ? theme::kGoodText
                                                                                  : theme::kDimText);
    ImGui::TextUnformatted(to_string(a.outcome));
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(a.failed_stage != Stage::Queued ? display_name(a.failed_stage) : "—");
    ImGui::TableNextColumn();
    if (a.error.empty())
      colored_text(theme::kDimText, "—");
    else
      ImGui::TextWrapped("%s", a.error.message.c_str());
  }
  ImGui::EndTable();
}

void draw_log_tab(ViewContext& ctx, const JobDetail& d) {
  if (d.events.empty()) {
    colored_text(theme::kDimText, "Nothing logged for this job yet.");
    return;
  }
  ImGui::BeginChild("log", {0, tab_height()});
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(d.events.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const JobEvent& e = d.events[static_cast<size_t>(i)];
      colored_text(theme::kDimText, relative_time(e.at, ctx.now_ms).c_str());
      ImGui::SameLine(ImGui::GetFontSize() * 6);
      ImVec4 color = e.level == "error"  ? theme::kErrorText
                     : e.level == "warn" ? theme::kHintText
                                         : ImGui::GetStyleColorVec4(ImGuiCol_Text);
      colored_text(color, e.message.c_str());
    }
  }
  // Follow the log while it grows, unless the user scrolled up to read.
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - ImGui::GetTextLineHeight()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

}  // namespace blockify::gui::detail
