#include "app/gui/fonts.h"

#include <imgui.h>

#include <fstream>
#include <string>
#include <system_error>

#include "app/gui/theme.h"
#include "engine/platform/install_layout.h"

namespace blockify::gui {
namespace {

// Latin-1 plus the punctuation and arrows our sentences use ("—", "…", "·", "→", "−").
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E,
                                0x2190, 0x21FF, 0x2212, 0x2212, 0};

std::string first_existing(const std::filesystem::path& list, const std::string& role) {
  std::ifstream in(list);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(':');
    // "C:/Windows/..." also has a colon: the role is what precedes the first ": ".
    auto sep = line.find(": ");
    if (sep == std::string::npos || colon == std::string::npos) continue;
    if (line.substr(0, sep) != role) continue;
    std::string path = line.substr(sep + 2);
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return path;
  }
  return {};
}

ImFont* load(const std::string& path, float size) {
  if (path.empty()) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, &config, kGlyphRanges);
}

ImFont* builtin(float size) {
  ImFontConfig config;
  config.SizePixels = size;
  return ImGui::GetIO().Fonts->AddFontDefault(&config);
}

}  // namespace

std::filesystem::path default_fonts_list() {
  auto assets = platform::assets_dir();
  return assets.empty() ? std::filesystem::path{} : assets / "fonts.txt";  // none: the built-in font
}

void load_fonts(float scale, const std::filesystem::path& fonts_list) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  std::string regular = first_existing(fonts_list, "regular");
  std::string bold = first_existing(fonts_list, "bold");
  Fonts& f = fonts();
  f.regular = load(regular, 16 * scale);
  if (!f.regular) {
    // The built-in font is a 13 px bitmap: scale to the nearest whole multiple to keep it crisp.
    float whole = scale < 1.5f ? 1.0f : static_cast<float>(static_cast<int>(scale + 0.5f));
    f.regular = builtin(13 * whole);
    f.small = f.regular;
    f.heading = f.regular;
  } else {
    f.small = load(regular, 13 * scale);
    f.heading = load(bold.empty() ? regular : bold, 20 * scale);
  }
  io.FontDefault = f.regular;
  io.Fonts->Build();
}

}  // namespace blockify::gui
