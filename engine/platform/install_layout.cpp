#include "engine/platform/install_layout.h"

#include <system_error>

namespace blockify::platform {

std::filesystem::path executable_path() {
  std::error_code ec;
#if defined(__linux__)
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe;
#endif
  // Other systems (GetModuleFileName, _NSGetExecutablePath) get their branch when they
  // are built; until then the assets are simply not found and the app says so.
  return {};
}

std::filesystem::path assets_dir() {
  auto exe = executable_path();
  if (exe.empty()) return {};
  // build/app/, build/tests/ and build/bench/ all sit beside build/share/, like bin/
  // beside share/ when installed: one rule serves the app, its tests and benchmarks.
  auto dir = exe.parent_path().parent_path() / "share" / "blockify";
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : std::filesystem::path{};
}

}  // namespace blockify::platform
