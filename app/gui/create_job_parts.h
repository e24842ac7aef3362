#pragma once
// The parts of the create form, one file each; create_job_dialog.cpp arranges them.
#include "app/gui/create_job_dialog.h"

namespace blockify::gui::create_form {

// The file list with sizes and format checks, "Add files…" and the path box.
void draw_files(ViewContext& ctx, CreateJobDialogState& state);
// Adds paths (files or folders) and keeps the outcome's sentence for the form.
void add_paths(CreateJobDialogState& state, const std::vector<std::string>& paths);
// Hands the paths of a finished zenity pick to the form (reopening it when closed).
void take_picked_files(ViewContext& ctx, CreateJobDialogState& state);

}  // namespace blockify::gui::create_form
