#pragma once
// The libraries this build of the engine reads documents and stores jobs with, and their
// versions as loaded at run time (`blockify --version`, Help → About, bug reports).
#include <string>
#include <vector>

namespace blockify {

struct LibraryVersion {
  std::string name;     // "SQLite"
  std::string version;  // "3.40.1"
};

// SQLite, poppler and libarchive, then the optional ones this build was made with
// (Tesseract when BLOCKIFY_WITH_TESSERACT is defined). The front end appends its own
// (Dear ImGui) — see app/cli/version.h.
std::vector<LibraryVersion> engine_library_versions();

}  // namespace blockify
