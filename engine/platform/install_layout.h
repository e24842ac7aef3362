#pragma once
// Where the files that ship with Blockify (fonts list, sample documents) are, found from
// the running executable rather than compiled in, so an installed or moved copy works:
// `<prefix>/bin/blockify` reads `<prefix>/share/blockify`. The build tree mirrors that
// layout (`build/share/blockify` links to the checkout's assets), so a binary run from
// the build tree finds them the same way.
#include <filesystem>

namespace blockify::platform {

// The running program's own file (/proc/self/exe on Linux); empty when the OS cannot say.
std::filesystem::path executable_path();

// `<executable's folder>/../share/blockify`, or empty when that folder does not exist
// (then the fonts fall back to ImGui's built-in one and the samples say what is missing).
std::filesystem::path assets_dir();

}  // namespace blockify::platform
