#pragma once
// The "New job" form: files (dropped, typed or duplicated), name, dataset, mode, chunk
// size and overlap with inline validation, and the blockifier backend. Start posts
// CreateJob.
#include <string>
#include <vector>

#include "app/gui/create_job_form.h"
#include "app/gui/view_context.h"

namespace blockify {

struct CreateJobDialogState {
  bool open = false;
  bool popup_opened = false;
  CreateJobForm form;
  std::string add_message;  // why the last "Add" added nothing
};

// Opens the form when ctx.ui.create_request is set (consuming it) and draws it while
// open. Records "create-add-path", "create-add", "create-name", "create-dataset",
// "create-mode-blockify", "create-mode-chunk", "create-chunk-size", "create-overlap",
// "create-backend", "create-start", "create-cancel", "create-file/<i>",
// "create-remove/<i>" and "create-problem/<i>" (with its sentence).
void draw_create_job_dialog(ViewContext& ctx, CreateJobDialogState& state);

// Files dropped on the window: added to the open form, or a new form opens with them.
void add_dropped_files(CreateJobDialogState& state, UiState& ui, const std::vector<std::string>& paths);

}  // namespace blockify
