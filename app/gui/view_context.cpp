#include "app/gui/view_context.h"

#include <utility>

namespace blockify::gui {

void select_job(ViewContext& ctx, int64_t job_id, bool open_detail) {
  bool focused_elsewhere = !ctx.snapshot.detail || ctx.snapshot.detail->job.id != job_id;
  if (job_id != ctx.ui.selected_job || focused_elsewhere) ctx.sink.post(FocusJob{job_id, 0});
  ctx.ui.selected_job = job_id;
  if (open_detail) ctx.ui.detail_open = true;
}

bool action_cooling_down(const ViewContext& ctx, int64_t job_id) {
  return ctx.ui.last_action_job == job_id && ctx.time_s - ctx.ui.last_action_s < kActionCooldownSeconds;
}

void note_action(ViewContext& ctx, int64_t job_id) {
  ctx.ui.last_action_job = job_id;
  ctx.ui.last_action_s = ctx.time_s;
}

void show_notice(ViewContext& ctx, std::string text, bool is_error) {
  ctx.ui.notices.push_back({ctx.ui.next_notice_id++, ctx.time_s, is_error, std::move(text)});
  ctx.ui.animating = true;
}

}  // namespace blockify::gui
