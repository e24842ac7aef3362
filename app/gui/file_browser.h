#pragma once
// The in-app file browser behind "Add files…" when the desktop has no zenity: a folder's
// entries (folders first), supported documents selectable, Up and Home. A folder is read
// only when the user navigates to it, never per frame.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "app/gui/view_context.h"

namespace blockify::gui {

struct BrowserEntry {
  std::string name;
  std::string path;
  bool folder = false;
  bool supported = false;  // a document the pipeline reads
  int64_t size = 0;
};

struct FileBrowserState {
  bool open = false;
  bool popup_opened = false;
  std::string folder;                 // absolute path of the listed folder
  std::vector<BrowserEntry> entries;  // folders first, then files, each by name
  std::set<std::string> chosen;       // paths of the files ticked for adding
  std::string error;                  // why the folder could not be listed
  bool truncated = false;             // the folder holds more than kMaxBrowserEntries
  size_t listings = 0;                // folders read so far (tests check it stays put)
};

inline constexpr size_t kMaxBrowserEntries = 5'000;

// Reads `folder` into the state (hidden entries skipped), clearing the ticked files.
void browse_to(FileBrowserState& state, const std::string& folder);
// Opens the browser on `folder` (the home folder when empty) next frame.
void open_file_browser(FileBrowserState& state, const std::string& folder = {});
// $HOME, else the current folder.
std::string home_folder();

// Draws the popup while open (call inside the window or popup that opened it). Returns
// the paths to add when the user clicks "Add" (ticked files, or the folder itself with
// "Add this folder"); empty otherwise. Records "browser-up", "browser-home",
// "browser-folder" (with the path), "browser-entry/<name>", "browser-add",
// "browser-add-folder", "browser-cancel".
std::vector<std::string> draw_file_browser(ViewContext& ctx, FileBrowserState& state);

}  // namespace blockify::gui
