#pragma once
// The "Delete job?" confirmation, shared by the jobs table (Delete key, row menu, bulk bar)
// and the detail.
#include <cstdint>
#include <vector>

#include "app/gui/view_context.h"

namespace blockify {

// Asks for confirmation before deleting job `job_id`; the popup shows next frame.
void request_delete(UiState& ui, int64_t job_id);
// Asks once for several jobs ("Delete 5 jobs…?").
void request_delete_many(UiState& ui, std::vector<int64_t> job_ids);

// Draws the confirmation popup when one was requested. Confirming posts one DeleteJob per
// job, with cancel_first when the job is still running, and for several jobs raises
// "Deleting 5 jobs." as a toast. Records "confirm-delete" and "keep-job" (and the sentence
// as text of "delete-question").
void draw_delete_confirm(ViewContext& ctx);

}  // namespace blockify
