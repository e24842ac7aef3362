#include "app/gui/failure_changes.h"

#include <chrono>
#include <cstdio>
#include <system_error>

namespace blockify {
namespace {

std::string file_name(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

std::string megabytes(int64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
  if (bytes < 1'000'000'000) std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

int64_t mtime_seconds(const std::filesystem::path& path, std::error_code& ec) {
  auto t = std::filesystem::last_write_time(path, ec);
  if (ec) return 0;
  auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

void compare_file(const JobFile& file, FailureChanges& out) {
  std::string name = file_name(file.path);
  std::error_code ec;
  bool exists = std::filesystem::exists(file.path, ec);
  out.checked = true;
  if (file.error.code == error_code::kFileNotFound) {
    if (exists)
      out.changed.push_back(name + " is back.");
    else
      out.unchanged.push_back(name + " is still missing.");
    return;
  }
  if (!exists) {
    out.changed.push_back(name + " no longer exists; replace or remove it.");
    return;
  }
  auto size = static_cast<int64_t>(std::filesystem::file_size(file.path, ec));
  int64_t mtime = mtime_seconds(file.path, ec);
  if (ec) return;
  if ((file.size > 0 && size != file.size) || (file.mtime > 0 && mtime != file.mtime))
    out.changed.push_back(name + " was modified since the failure.");
  else
    out.unchanged.push_back(name + " is unchanged.");
}

}  // namespace

FailureChanges what_changed(const JobDetail& d, const std::filesystem::path& database_path) {
  FailureChanges out;
  int compared = 0;
  for (const auto& file : d.files) {
    // Archive entries are judged through their archive; cap the work on huge jobs.
    if (file.status != FileStatus::Failed || file.parent_id != 0 || compared >= 50) continue;
    compare_file(file, out);
    ++compared;
  }
  if (d.job.error.code == error_code::kDiskFull && !d.attempts.empty() && !database_path.empty()) {
    std::error_code ec;
    auto space = std::filesystem::space(database_path.parent_path(), ec);
    int64_t then = d.attempts.back().free_disk_bytes;
    if (!ec) {
      auto now = static_cast<int64_t>(space.available);
      std::string line = "Free disk space: " + megabytes(now) + " now, " + megabytes(then) + " at the failure.";
      out.checked = true;
      (now > then + 50'000'000 ? out.changed : out.unchanged).push_back(line);
    }
  }
  return out;
}

}  // namespace blockify
