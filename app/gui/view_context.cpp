#include "app/gui/view_context.h"

namespace blockify {

void select_job(ViewContext& ctx, int64_t job_id, bool open_detail) {
  bool focused_elsewhere = !ctx.snapshot.detail || ctx.snapshot.detail->job.id != job_id;
  if (job_id != ctx.ui.selected_job || focused_elsewhere) ctx.sink.post(FocusJob{job_id, 0});
  ctx.ui.selected_job = job_id;
  if (open_detail) ctx.ui.detail_open = true;
}

}  // namespace blockify
