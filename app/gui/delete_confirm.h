#pragma once
// The "Delete job?" confirmation, shared by the jobs table (Delete key) and the detail.
#include "app/gui/view_context.h"

namespace blockify {

// Asks for confirmation before deleting job `job_id`; the popup shows next frame.
void request_delete(UiState& ui, int64_t job_id);

// Draws the confirmation popup when one was requested. Confirming posts DeleteJob,
// with cancel_first when the job is still running. Records "confirm-delete" and
// "keep-job" (and the sentence as text of "delete-question").
void draw_delete_confirm(ViewContext& ctx);

}  // namespace blockify
