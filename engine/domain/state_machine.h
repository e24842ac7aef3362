#pragma once
// The job state machine of PRODUCT.md as a pure function: given a status and a command,
// either the new status or a sentence saying why not. The engine applies commands only
// through this, so double clicks, stale rows and races are harmless.
#include <cstdint>
#include <string>

#include "engine/domain/job.h"

namespace blockify {

enum class JobCommand {
  // Asked for by the user.
  Retry,   // Failed | Cancelled → Pending
  Cancel,  // Pending → Cancelled; Processing → Cancelling
  Delete,  // any settled status or Pending → (removed)
  // Issued by the engine itself.
  Start,     // Pending → Processing (a worker took it)
  Complete,  // Processing → Completed
  Fail,      // Processing → Failed
  Settle,    // Cancelling → Cancelled (the worker stopped)
  Recover,   // at start-up: Processing → Pending, Cancelling → Cancelled
};
inline constexpr int kJobCommandCount = 8;

const char* to_string(JobCommand c);  // "retry", "cancel", ...

struct Transition {
  bool allowed = false;
  JobStatus to = JobStatus::Pending;  // meaningful when allowed (Delete keeps `from`)
  std::string reason;                 // when refused: one sentence, e.g.
                                      // "Job 7 is Completed — nothing to retry."
};

// Decides what `command` does to job `job_id` in status `from`. Never has side effects.
Transition decide(JobStatus from, JobCommand command, int64_t job_id);

// Whether `command` is allowed from `from`: what the GUI and the command line ask when
// they decide which actions to offer, so the rule has this one home.
inline bool allows(JobStatus from, JobCommand command) { return decide(from, command, 0).allowed; }

}  // namespace blockify
