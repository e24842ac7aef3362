#pragma once
// Loading the UI fonts at the monitor's scale.
#include <filesystem>

namespace blockify::gui {

// Loads the regular (16 px), small (13 px) and heading (20 px, bold) fonts, each times
// `scale`, into the ImGui atlas and sets fonts(). Candidates come from `fonts_list`
// (assets/fonts.txt: "regular: path" / "bold: path" lines); ImGui's built-in font is the
// fallback, so this never fails. The caller rebuilds the GPU texture afterwards.
void load_fonts(float scale, const std::filesystem::path& fonts_list);

// assets/fonts.txt of this build.
std::filesystem::path default_fonts_list();

}  // namespace blockify::gui
