#include "app/gui/failure_changes.h"

#include <filesystem>

#include "engine/domain/human_size.h"

namespace blockify::gui {
namespace {

std::string file_name(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

}  // namespace

FailureChangesText describe_changes(const JobDetail& d) {
  FailureChangesText out;
  const ChangesSinceFailure& c = d.changes;
  out.checked = c.checked;
  out.nothing_changed = nothing_changed_since_failure(d);
  if (!c.checked) return out;
  using Kind = ChangeLine::Kind;
  int quiet_unchanged = 0;
  for (const auto& input : c.inputs) {
    std::string name = file_name(input.path);
    if (input.state == InputState::Restored)
      out.lines.push_back({Kind::Better, name + " is back (restored)."});
    else if (input.state == InputState::Modified)
      out.lines.push_back({Kind::Better, name + " was modified."});
    else if (input.state == InputState::New)
      out.lines.push_back({Kind::Better, name + " is new."});
    else if (input.state == InputState::Missing)
      out.lines.push_back({Kind::Worse, name + " is still missing."});
    else if (input.state == InputState::Checking)
      out.lines.push_back({Kind::Same, "Checking whether " + name + " changed…"});
    else if (input.failed_before)
      out.lines.push_back({Kind::Same, name + " is unchanged and failed last time."});
    else
      ++quiet_unchanged;
  }
  if (quiet_unchanged > 0 && !out.lines.empty())
    out.lines.push_back({Kind::Same, std::to_string(quiet_unchanged) +
                                         (quiet_unchanged == 1 ? " other file is unchanged."
                                                               : " other files are unchanged.")});
  for (const auto& setting : c.settings_changed)
    out.lines.push_back({Kind::Better, "Setting changed: " + setting + "."});
  if (d.job.error.code == error_code::kDiskFull) {
    bool more = c.free_disk_now > c.free_disk_then;
    out.lines.push_back(
        {more ? Kind::Better : Kind::Same, "Free disk space: " + human_size(c.free_disk_then) +
                                               " at the failure, " + human_size(c.free_disk_now) + " now."});
  }
  return out;
}

bool nothing_changed_since_failure(const JobDetail& d) {
  // A cancelled job stopped by choice: "it will fail again" would be a false alarm.
  return d.job.status == JobStatus::Failed && d.changes.checked && d.changes.nothing_changed;
}

bool retry_would_meet_same_failure(const Snapshot& snapshot, int64_t job_id) {
  const JobDetail* d = snapshot.detail.get();
  return d && d->job.id == job_id && nothing_changed_since_failure(*d);
}

}  // namespace blockify::gui
