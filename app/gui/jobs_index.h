#pragma once
// The jobs table's filtered, sorted list of rows. Rebuilt only when the table's
// table_version, the filter, the search or the sort changes — never per frame — so the
// table stays smooth with 100,000 jobs.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/job_table.h"

namespace blockify {

enum class StatusFilter { All, Pending, Processing, Completed, Failed, Cancelled };
inline constexpr int kStatusFilterCount = 6;
const char* display_name(StatusFilter f);  // "All", "Pending", ...
// True when a job in `status` passes the filter (Processing includes Cancelling).
bool passes(StatusFilter f, JobStatus status);

enum class JobsSortKey { Id, Name, Status, Files, Blocks, Progress, TotalTime, Started };

struct JobsQuery {
  StatusFilter status = StatusFilter::All;
  bool active_only = false;
  std::string search;  // case-insensitive, in the name or the dataset
  JobsSortKey sort = JobsSortKey::Id;
  bool descending = true;  // newest first
  bool operator==(const JobsQuery&) const = default;
};

class JobsIndex {
 public:
  // Brings the index up to date. Rebuilds when the query changed, or when the table
  // changed (table_version); on big tables, table-only changes are coalesced to at most
  // one rebuild per `min_interval_s` (`time_s` is monotonic seconds). Returns true when it
  // rebuilt. `now` is the wall clock for sorting running jobs by total time.
  bool update(const JobTable& table, uint64_t table_version, const JobsQuery& query, TimeMs now,
              double time_s, double min_interval_s = 0.5);
  // Forces the next update() to rebuild.
  void invalidate() { valid_ = false; }

  size_t size() const { return slots_.size(); }
  // Table slot of the row shown at position i.
  size_t slot(size_t i) const { return slots_[i]; }
  // Position of a job in the index, or -1 when it is filtered out.
  int position_of(const JobTable& table, int64_t job_id) const;

  size_t rebuilds() const { return rebuilds_; }

  static constexpr size_t kCoalesceAbove = 20'000;  // rows before table changes are coalesced

 private:
  void rebuild(const JobTable& table, const JobsQuery& query, TimeMs now);

  std::vector<uint32_t> slots_;
  bool valid_ = false;
  uint64_t table_version_ = 0;
  size_t table_slots_ = 0;
  JobsQuery query_;
  double last_rebuild_s_ = -1e9;
  size_t rebuilds_ = 0;
};

}  // namespace blockify
