#include "engine/domain/state_machine.h"

#include "engine/domain/enum_names.h"

namespace blockify {
namespace {

constexpr EnumName<JobCommand> kCommandNames[] = {
    {JobCommand::Retry, "retry"},   {JobCommand::Cancel, "cancel"},     {JobCommand::Delete, "delete"},
    {JobCommand::Start, "start"},   {JobCommand::Complete, "complete"}, {JobCommand::Fail, "fail"},
    {JobCommand::Settle, "settle"}, {JobCommand::Recover, "recover"}};

// PRODUCT.md's lifecycle as a table: what each command does to a job in each status. A
// row either moves the job (`to`) or refuses with `why`; a pair the table does not list
// is refused as "it cannot <command>". Delete moves nowhere: it keeps the status.
struct Rule {
  JobCommand command;
  JobStatus from;
  JobStatus to;     // allowed: the new status
  const char* why;  // refused: the reason, else nullptr
};
constexpr Rule moves(JobCommand c, JobStatus from, JobStatus to) { return {c, from, to, nullptr}; }
constexpr Rule keeps(JobCommand c, JobStatus from) { return {c, from, from, nullptr}; }
constexpr Rule refuses(JobCommand c, JobStatus from, const char* why) { return {c, from, from, why}; }

constexpr const char* kNotRunning = "it is not running, so there is nothing to cancel";
constexpr const char* kStopFirst = "cancel it and wait until it stops before deleting it";

using C = JobCommand;
using S = JobStatus;
constexpr Rule kRules[] = {
    // Asked for by the user.
    moves(C::Retry, S::Failed, S::Pending),
    moves(C::Retry, S::Cancelled, S::Pending),
    refuses(C::Retry, S::Completed, "nothing to retry"),
    refuses(C::Retry, S::Pending, "it is already queued and starts when a worker is free"),
    refuses(C::Retry, S::Processing, "it is running; cancel it first to restart it"),
    refuses(C::Retry, S::Cancelling, "wait until it is Cancelled, then retry"),
    moves(C::Cancel, S::Pending, S::Cancelled),
    moves(C::Cancel, S::Processing, S::Cancelling),
    refuses(C::Cancel, S::Cancelling, "it is already stopping"),
    refuses(C::Cancel, S::Completed, kNotRunning),
    refuses(C::Cancel, S::Failed, kNotRunning),
    refuses(C::Cancel, S::Cancelled, kNotRunning),
    keeps(C::Delete, S::Pending),
    keeps(C::Delete, S::Completed),
    keeps(C::Delete, S::Failed),
    keeps(C::Delete, S::Cancelled),
    refuses(C::Delete, S::Processing, kStopFirst),
    refuses(C::Delete, S::Cancelling, kStopFirst),
    // Issued by the engine itself. A refusal here means an event arrived late (e.g. a
    // worker finished after a cancel); the engine ignores it and logs the reason.
    moves(C::Start, S::Pending, S::Processing),
    moves(C::Complete, S::Processing, S::Completed),
    moves(C::Fail, S::Processing, S::Failed),
    moves(C::Settle, S::Cancelling, S::Cancelled),
    moves(C::Recover, S::Processing, S::Pending),
    moves(C::Recover, S::Cancelling, S::Cancelled),
};

Transition refuse(int64_t id, JobStatus from, const std::string& why) {
  return Transition{false, from,
                    "Job " + std::to_string(id) + " is " + display_name(from) + " — " + why + "."};
}

}  // namespace

const char* to_string(JobCommand c) { return name_of(kCommandNames, c); }

Transition decide(JobStatus from, JobCommand command, int64_t job_id) {
  for (const Rule& rule : kRules) {
    if (rule.command != command || rule.from != from) continue;
    if (rule.why) return refuse(job_id, from, rule.why);
    return Transition{true, rule.to, {}};
  }
  return refuse(job_id, from, std::string("it cannot ") + to_string(command));
}

}  // namespace blockify
