#pragma once
// "What changed since the failure": before a retry, compare the failed inputs and the
// disk with what the failed attempt saw, and warn when nothing changed.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/snapshot.h"

namespace blockify {

struct FailureChanges {
  std::vector<std::string> changed;    // "q3.pdf is back." — causes that may be fixed
  std::vector<std::string> unchanged;  // "q3.pdf is still missing."
  bool checked = false;                // something could be compared at all
  // True when something was compared and nothing differs: a retry will likely fail again.
  bool nothing_changed() const { return checked && changed.empty(); }
};

// Looks at the failed files on disk (existence, size, modification time) and, for a
// full disk, the free space beside `database_path` now versus at the last attempt.
// Touches the file system: call it at most every few seconds, not every frame.
FailureChanges what_changed(const JobDetail& detail, const std::filesystem::path& database_path);

}  // namespace blockify
