#pragma once
// The desktop app: a GLFW window with the ImGui views over a running Engine.
//
// Folder app/gui/ (namespace blockify::gui): the window. The GLFW + ImGui main loop and
// one file per view, all on the UI thread. Views draw from the engine's immutable
// snapshots and post commands (reading their tickets in later frames); they never wait
// on SQLite or a worker.
#include <filesystem>
#include <string>
#include <vector>

namespace blockify::gui {

struct GuiOptions {
  std::filesystem::path database;
  // Files and folders from the command line (`blockify %F`): the New job form opens with them.
  std::vector<std::string> files;
};

// Opens the window ("Blockify Desktop", 1280×800 at the monitor's scale), starts the
// Engine on `options.database` and runs until the window closes. Returns 0; 1 when no
// window could be created or the engine could not start (then the engine's sentence is
// shown in a small error window until the user closes it). Never throws.
int run_gui(const GuiOptions& options);

}  // namespace blockify::gui
