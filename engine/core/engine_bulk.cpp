// Bulk commands on the engine thread: Retry / Cancel / Delete over many jobs as one
// command in the current transaction, each job through the same single-job rule.
#include <algorithm>
#include <map>

#include "engine/core/engine_impl.h"

namespace blockify {
namespace {

// Tallies single-job results into a bulk answer.
class BulkTally {
 public:
  void add(const CommandResult& r) {
    if (r.ok()) {
      counts_.applied++;
    } else {
      counts_.refused++;
      reasons_[generic_reason(r.message, r.job_id)]++;
    }
  }

  BulkCounts finish() {
    std::vector<std::pair<std::string, int64_t>> reasons(reasons_.begin(), reasons_.end());
    std::sort(reasons.begin(), reasons.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (reasons.size() > 5) reasons.resize(5);
    counts_.reasons = std::move(reasons);
    return counts_;
  }

 private:
  // "Job 7 is Completed — nothing to retry." → "Job is Completed — nothing to retry.", so
  // 30,000 refusals for one cause read as one reason with a count.
  static std::string generic_reason(const std::string& message, int64_t job_id) {
    std::string id = "Job " + std::to_string(job_id) + " ";
    if (job_id != 0 && message.rfind(id, 0) == 0) return "Job " + message.substr(id.size());
    return message;
  }

  BulkCounts counts_;
  std::map<std::string, int64_t> reasons_;
};

std::string plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

CommandResult bulk_result(BulkCounts counts, const char* one, const char* many, const char* verb) {
  CommandResult r;
  r.message = std::string(verb) + " " + plural(counts.applied, one, many) + "; " +
              std::to_string(counts.refused) + " refused.";
  if (!counts.reasons.empty()) r.message += " " + counts.reasons.front().first;
  if (counts.applied == 0 && counts.refused > 0) r.code = ResultCode::Refused;
  r.bulk = std::move(counts);
  return r;
}

}  // namespace

std::vector<int64_t> EngineImpl::select_jobs(const JobSelector& s) {
  if (!s.ids.empty()) return s.ids;
  std::vector<int64_t> ids;
  for (const auto& [id, job] : jobs_) {
    if (s.status && job.status != *s.status) continue;
    if (s.active && job.status != JobStatus::Pending && job.status != JobStatus::Processing) continue;
    if (!s.dataset.empty() && job.dataset != s.dataset) continue;
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());  // oldest first: the queue keeps the users' order
  return ids;
}

CommandResult EngineImpl::retry_many(const RetryMany& c) {
  BulkTally tally;
  for (int64_t id : select_jobs(c.jobs)) tally.add(retry_job(RetryJob{id, c.kind}));
  return bulk_result(tally.finish(), "retry", "retries", "Queued");
}

CommandResult EngineImpl::cancel_many(const CancelMany& c) {
  BulkTally tally;
  for (int64_t id : select_jobs(c.jobs)) tally.add(cancel_job(CancelJob{id}));
  return bulk_result(tally.finish(), "job", "jobs", "Cancelled");
}

CommandResult EngineImpl::delete_many(const DeleteMany& c) {
  BulkTally tally;
  for (int64_t id : select_jobs(c.jobs)) tally.add(delete_job(DeleteJob{id, c.cancel_first}));
  return bulk_result(tally.finish(), "job", "jobs", "Deleted");
}

}  // namespace blockify
