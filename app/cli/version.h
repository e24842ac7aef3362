#pragma once
#include <string>
#include <vector>

#include "engine/core/library_versions.h"

namespace blockify::cli {
// The version printed by `blockify --version` and in the About line.
const char* version();

// The engine's libraries plus the front end's (Dear ImGui, when built with the GUI).
std::vector<LibraryVersion> library_versions();

// What `blockify --version` prints: "blockify 0.1.0" on the first line, then one
// "  <library> <version>" line per library.
std::string version_text();
}  // namespace blockify::cli
