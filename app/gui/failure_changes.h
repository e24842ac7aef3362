#pragma once
// "What changed since the failure", in sentences. The engine compares the inputs (with
// content hashes) and the free disk space; this only words what it found, so the UI never
// touches the file system to draw it.
#include <string>
#include <vector>

#include "engine/core/snapshot.h"

namespace blockify::gui {

// The warning shown (in the detail and as a toast after the row's Retry) when a retry
// would meet exactly what made the last attempt fail.
inline constexpr const char* kNothingChangedWarning =
    "Same inputs and settings — this will likely fail again.";

struct ChangeLine {
  enum class Kind { Better, Same, Worse };  // may fix the failure / still the same / new trouble
  Kind kind = Kind::Same;
  std::string text;
};

struct FailureChangesText {
  std::vector<ChangeLine> lines;  // per input that matters, then the disk
  bool checked = false;           // the engine could compare anything at all
  bool nothing_changed = false;   // a retry of this Failed job will likely fail again
};

// Words detail.changes: "q3.pdf is back (restored).", "q3.pdf was modified.",
// "q3.pdf is still missing.", "notes.txt is new.", "Checking whether big.pdf changed…"
// (the engine is still hashing it), unchanged inputs only when they failed before
// ("a.pdf is unchanged and failed last time.") plus a count of the other unchanged ones,
// and for a DISK_FULL failure "Free disk space: 80 MB at the failure, 12.4 GB now.".
// Pure: no file system access.
FailureChangesText describe_changes(const JobDetail& detail);

// True when `detail` is of a Failed job and the engine found nothing new since the failure.
bool nothing_changed_since_failure(const JobDetail& detail);

// True when the published detail is about `job_id`, a Failed job, and says a retry meets
// nothing new.
bool retry_would_meet_same_failure(const Snapshot& snapshot, int64_t job_id);

}  // namespace blockify::gui
