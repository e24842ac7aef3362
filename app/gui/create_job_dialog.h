#pragma once
// The "New job" form: files (dropped, picked, typed or duplicated) with their size and a
// format check, name, dataset, mode, chunk size and overlap with inline validation, the
// distill threshold and the blockifier backend. Start posts CreateJob.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/create_job_form.h"
#include "app/gui/file_browser.h"
#include "app/gui/file_picker.h"
#include "app/gui/view_context.h"

namespace blockify::gui {

struct CreateJobDialogState {
  bool open = false;
  bool popup_opened = false;
  CreateJobForm form;
  std::string add_message;  // outcome of the last add (why nothing was added, or a note)
  bool add_message_is_error = false;
  // "Add files…": zenity when it is on PATH (looked up on the first click; tests set it),
  // else the in-app browser.
  std::optional<bool> use_zenity;
  FilePicker picker;
  std::function<void()> wake;  // called from the picker's thread when paths are ready
  FileBrowserState browser;
  // Start posted the form's CreateJob and the form waits for the engine's answer (Start
  // reads "Starting…"). Created: the form closes and `created_job` holds the new id for
  // the caller to open (and reset). Refused: the form stays, with the engine's sentence
  // under Start. Cancel drops the ticket; the job may still be created, and listed.
  Ticket start_ticket;
  std::string start_refused;
  int64_t created_job = 0;
};

// Opens the form when ctx.ui.create_request is set (consuming it) and draws it while
// open; takes the paths a finished zenity pick produced (reopening the form with them if
// it was closed meanwhile). Records "create-add-files", "create-add-path", "create-add",
// "create-add-message" (with its sentence), "create-name", "create-dataset",
// "create-mode-blockify", "create-mode-chunk", "create-chunk-size", "create-overlap",
// "create-distill", "create-backend", "create-start", "create-cancel",
// "create-files-summary", "create-refused" (with the engine's sentence), and per file "create-file/<i>" (with
// the path), "create-check/<i>" (with the problem sentence, or "ok"), "create-remove/<i>", and
// "create-problem/<i>" (with its sentence), plus the browser's rects (file_browser.h).
void draw_create_job_dialog(ViewContext& ctx, CreateJobDialogState& state);

// Files or folders dropped on the window: added to the open form, or a new form opens
// with them. Folders add their supported documents recursively.
void add_dropped_files(CreateJobDialogState& state, UiState& ui, const std::vector<std::string>& paths);

}  // namespace blockify::gui
