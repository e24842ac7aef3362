#pragma once
// Help → About: the version and the libraries' versions (as `blockify --version` prints
// them), the data folder and the log file, each with a button that opens it on the
// desktop. Opened from the "About" button at the right end of the main tab bar.
#include <filesystem>
#include <functional>
#include <string>

#include "app/gui/view_context.h"

namespace blockify::gui {

struct AboutViewState {
  bool open = false;
  bool popup_opened = false;
  std::string message;  // outcome of the last Open click
  bool message_is_error = false;
  // Hands a path to the desktop; returns "" or the sentence saying why it could not.
  // platform::open_in_desktop unless a test sets it.
  std::function<std::string(const std::filesystem::path&)> open_path;
};

// The "About" button at the trailing end of the current tab bar (call between
// BeginTabBar and EndTabBar). Records "about".
void draw_about_button(ViewContext& ctx, AboutViewState& state);

// The About window while open. Records "about-version" (with the first line of
// `blockify --version`), "about-libraries" (with one "<name> <version>" line each),
// "about-data-folder" and "about-log-file" (with their paths), "about-open-data-folder",
// "about-open-log-file", "about-message" (with its sentence) and "about-close".
void draw_about_view(ViewContext& ctx, AboutViewState& state);

}  // namespace blockify::gui
