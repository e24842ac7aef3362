#pragma once
// Hands a folder or file to the desktop (file manager, text editor), the way a user
// double-clicks it: `xdg-open` on Linux. Never waits for the program it starts.
#include <filesystem>
#include <string>

namespace blockify::platform {

// Starts the desktop's opener on `path` and returns at once. Returns an empty string when
// it started, else a sentence saying what went wrong and what to do instead.
std::string open_in_desktop(const std::filesystem::path& path);

}  // namespace blockify::platform
