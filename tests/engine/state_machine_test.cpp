// Every status × every command: allowed ones land in the right status, refused ones
// say why in a sentence that names the job and its status.
#include "engine/domain/state_machine.h"

#include <doctest/doctest.h>

#include <map>
#include <utility>

using namespace blockify;

namespace {

const JobStatus kAll[] = {JobStatus::Pending,   JobStatus::Processing, JobStatus::Cancelling,
                          JobStatus::Completed, JobStatus::Failed,     JobStatus::Cancelled};
const JobCommand kCommands[] = {JobCommand::Retry,  JobCommand::Cancel,   JobCommand::Delete,
                                JobCommand::Start,  JobCommand::Complete, JobCommand::Fail,
                                JobCommand::Settle, JobCommand::Recover};

// The whole table from PRODUCT.md. Absent pairs are refused.
const std::map<std::pair<JobStatus, JobCommand>, JobStatus> kAllowed = {
    {{JobStatus::Failed, JobCommand::Retry}, JobStatus::Pending},
    {{JobStatus::Cancelled, JobCommand::Retry}, JobStatus::Pending},
    {{JobStatus::Pending, JobCommand::Cancel}, JobStatus::Cancelled},
    {{JobStatus::Processing, JobCommand::Cancel}, JobStatus::Cancelling},
    {{JobStatus::Pending, JobCommand::Delete}, JobStatus::Pending},
    {{JobStatus::Completed, JobCommand::Delete}, JobStatus::Completed},
    {{JobStatus::Failed, JobCommand::Delete}, JobStatus::Failed},
    {{JobStatus::Cancelled, JobCommand::Delete}, JobStatus::Cancelled},
    {{JobStatus::Pending, JobCommand::Start}, JobStatus::Processing},
    {{JobStatus::Processing, JobCommand::Complete}, JobStatus::Completed},
    {{JobStatus::Processing, JobCommand::Fail}, JobStatus::Failed},
    {{JobStatus::Cancelling, JobCommand::Settle}, JobStatus::Cancelled},
    {{JobStatus::Processing, JobCommand::Recover}, JobStatus::Pending},
    {{JobStatus::Cancelling, JobCommand::Recover}, JobStatus::Cancelled},
};

}  // namespace

TEST_CASE("every status and command pair follows the lifecycle table") {
  int allowed = 0, refused = 0;
  for (JobStatus from : kAll) {
    for (JobCommand cmd : kCommands) {
      CAPTURE(to_string(from));
      CAPTURE(to_string(cmd));
      Transition t = decide(from, cmd, 7);
      auto it = kAllowed.find({from, cmd});
      if (it != kAllowed.end()) {
        CHECK(t.allowed);
        CHECK(t.to == it->second);
        CHECK(t.reason.empty());
        ++allowed;
      } else {
        CHECK_FALSE(t.allowed);
        CHECK(t.reason.rfind("Job 7 is " + std::string(display_name(from)) + " — ", 0) == 0);
        CHECK(t.reason.back() == '.');
        ++refused;
      }
    }
  }
  CHECK(allowed == 14);
  CHECK(refused == 6 * 8 - 14);
}

TEST_CASE("retry of a completed job says there is nothing to retry") {
  CHECK(decide(JobStatus::Completed, JobCommand::Retry, 7).reason ==
        "Job 7 is Completed — nothing to retry.");
}

TEST_CASE("a second retry while pending is refused, so a double click queues once") {
  Transition first = decide(JobStatus::Failed, JobCommand::Retry, 3);
  REQUIRE(first.allowed);
  Transition second = decide(first.to, JobCommand::Retry, 3);
  CHECK_FALSE(second.allowed);
  CHECK(second.reason.find("already queued") != std::string::npos);
}

TEST_CASE("retry may be repeated any number of times after each failure") {
  JobStatus s = JobStatus::Failed;
  for (int i = 0; i < 5; ++i) {
    s = decide(s, JobCommand::Retry, 1).to;
    s = decide(s, JobCommand::Start, 1).to;
    s = decide(s, JobCommand::Fail, 1).to;
  }
  CHECK(s == JobStatus::Failed);
}

TEST_CASE("a running job cannot be deleted without cancelling first") {
  Transition t = decide(JobStatus::Processing, JobCommand::Delete, 9);
  CHECK_FALSE(t.allowed);
  CHECK(t.reason.find("cancel it") != std::string::npos);
}
