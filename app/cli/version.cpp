#include "app/cli/version.h"

#if defined(BLOCKIFY_WITH_GUI)
#include <imgui.h>
#endif

namespace blockify::cli {

const char* version() { return BLOCKIFY_VERSION; }

std::vector<LibraryVersion> library_versions() {
  std::vector<LibraryVersion> out = engine_library_versions();
#if defined(BLOCKIFY_WITH_GUI)
  out.push_back({"Dear ImGui", IMGUI_VERSION});
#endif
  return out;
}

std::string version_text() {
  std::string text = std::string("blockify ") + version();
  for (const auto& lib : library_versions()) text += "\n  " + lib.name + " " + lib.version;
  return text;
}

}  // namespace blockify::cli
