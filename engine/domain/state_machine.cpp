#include "engine/domain/state_machine.h"

#include "engine/domain/enum_names.h"

namespace blockify {
namespace {

constexpr EnumName<JobCommand> kCommandNames[] = {
    {JobCommand::Retry, "retry"},   {JobCommand::Cancel, "cancel"},     {JobCommand::Delete, "delete"},
    {JobCommand::Start, "start"},   {JobCommand::Complete, "complete"}, {JobCommand::Fail, "fail"},
    {JobCommand::Settle, "settle"}, {JobCommand::Recover, "recover"}};

Transition allow(JobStatus to) { return Transition{true, to, {}}; }

Transition refuse(int64_t id, JobStatus from, const std::string& why) {
  return Transition{false, from,
                    "Job " + std::to_string(id) + " is " + display_name(from) + " — " + why + "."};
}

Transition decide_retry(JobStatus from, int64_t id) {
  switch (from) {
    case JobStatus::Failed:
    case JobStatus::Cancelled:
      return allow(JobStatus::Pending);
    case JobStatus::Completed:
      return refuse(id, from, "nothing to retry");
    case JobStatus::Pending:
      return refuse(id, from, "it is already queued and starts when a worker is free");
    case JobStatus::Processing:
      return refuse(id, from, "it is running; cancel it first to restart it");
    case JobStatus::Cancelling:
      return refuse(id, from, "wait until it is Cancelled, then retry");
  }
  return refuse(id, from, "it cannot be retried");
}

Transition decide_cancel(JobStatus from, int64_t id) {
  switch (from) {
    case JobStatus::Pending:
      return allow(JobStatus::Cancelled);
    case JobStatus::Processing:
      return allow(JobStatus::Cancelling);
    case JobStatus::Cancelling:
      return refuse(id, from, "it is already stopping");
    case JobStatus::Completed:
    case JobStatus::Failed:
    case JobStatus::Cancelled:
      return refuse(id, from, "it is not running, so there is nothing to cancel");
  }
  return refuse(id, from, "it cannot be cancelled");
}

Transition decide_delete(JobStatus from, int64_t id) {
  switch (from) {
    case JobStatus::Processing:
    case JobStatus::Cancelling:
      return refuse(id, from, "cancel it and wait until it stops before deleting it");
    default:
      return allow(from);
  }
}

// Engine-internal transitions: a refusal here means an event arrived late (e.g. a worker
// finished after a cancel); the engine ignores it and logs the reason.
Transition decide_internal(JobStatus from, JobCommand c, int64_t id) {
  switch (c) {
    case JobCommand::Start:
      if (from == JobStatus::Pending) return allow(JobStatus::Processing);
      break;
    case JobCommand::Complete:
      if (from == JobStatus::Processing) return allow(JobStatus::Completed);
      break;
    case JobCommand::Fail:
      if (from == JobStatus::Processing) return allow(JobStatus::Failed);
      break;
    case JobCommand::Settle:
      if (from == JobStatus::Cancelling) return allow(JobStatus::Cancelled);
      break;
    case JobCommand::Recover:
      if (from == JobStatus::Processing) return allow(JobStatus::Pending);
      if (from == JobStatus::Cancelling) return allow(JobStatus::Cancelled);
      break;
    default:
      break;
  }
  return refuse(id, from, std::string("it cannot ") + to_string(c));
}

}  // namespace

const char* to_string(JobCommand c) { return name_of(kCommandNames, c); }

Transition decide(JobStatus from, JobCommand command, int64_t job_id) {
  switch (command) {
    case JobCommand::Retry:
      return decide_retry(from, job_id);
    case JobCommand::Cancel:
      return decide_cancel(from, job_id);
    case JobCommand::Delete:
      return decide_delete(from, job_id);
    default:
      return decide_internal(from, command, job_id);
  }
}

}  // namespace blockify
