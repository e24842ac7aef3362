#pragma once
// The "Delete job?" confirmation, shared by the jobs table (Delete key, row menu, bulk bar)
// and the detail.
#include <cstdint>
#include <vector>

#include "app/gui/view_context.h"

namespace blockify::gui {

// Asks for confirmation before deleting job `job_id`; the popup shows next frame.
void request_delete(UiState& ui, int64_t job_id);
// Asks once for several jobs ("Delete 5 jobs…?"), `running` of them Processing or
// Cancelling. The question is worded from these counts, not looked up again every frame:
// there may be 100,000 ids.
void request_delete_many(UiState& ui, std::vector<int64_t> job_ids, size_t running);

// Draws the confirmation popup when one was requested. Confirming one job posts a
// DeleteJob (cancel_first when it is still running); several jobs are one DeleteMany
// (cancel_first when any of them was running) with "Deleting 5 jobs." as a toast. Records "confirm-delete"
// and "keep-job" (and the sentence as text of "delete-question").
void draw_delete_confirm(ViewContext& ctx);

}  // namespace blockify::gui
