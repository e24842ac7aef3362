#include "engine/platform/paths.h"

#include <cstdlib>

namespace blockify::platform {
namespace {

std::filesystem::path home() {
  const char* h = std::getenv("HOME");
  return h && *h ? std::filesystem::path(h) : std::filesystem::temp_directory_path();
}

std::filesystem::path xdg(const char* var, const char* fallback) {
  const char* v = std::getenv(var);
  std::filesystem::path base = (v && *v) ? std::filesystem::path(v) : home() / fallback;
  auto dir = base / "blockify";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

}  // namespace

std::filesystem::path data_dir() { return xdg("XDG_DATA_HOME", ".local/share"); }
std::filesystem::path config_dir() { return xdg("XDG_CONFIG_HOME", ".config"); }

std::filesystem::path default_database_path() {
  const char* db = std::getenv("BLOCKIFY_DB");
  if (db && *db) return db;
  return data_dir() / "blockify.db";
}

std::filesystem::path log_file_for(const std::filesystem::path& database) {
  return database.parent_path() / "blockify.log";
}

}  // namespace blockify::platform
