#pragma once
// The jobs table's filtered, sorted list of rows, kept up to date incrementally: a new
// snapshot costs the rows that changed, not all jobs, so the table stays smooth at
// 100,000 jobs while a hundred of them change every second.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/job_table.h"

namespace blockify::gui {

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
  // Brings the index up to date with `table` under `query`. A changed query rebuilds
  // (filter, then sort: the cost of one user action). Otherwise only the chunks whose
  // pointer changed since the last update are looked at, and each row in them that
  // changed is taken out of the order and put back where it now belongs (binary
  // search; many rows at once are merged in one pass). `now` is the wall clock: a running
  // job's total time is taken when its row is placed. Returns true when the rows shown
  // or their order changed.
  bool update(const JobTable& table, const JobsQuery& query, TimeMs now);
  // Forces the next update() to rebuild.
  void invalidate() { valid_ = false; }

  size_t size() const { return order_.size(); }
  // Table slot of the row shown at position i.
  size_t slot(size_t i) const { return order_[i]; }
  // Position of a job in the order, or -1 when it is filtered out or gone. O(log n), in
  // the table last passed to update().
  int position_of(int64_t job_id) const;
  // The job with this id in the table last passed to update(), or null. O(log n), also
  // when many jobs were deleted (deleted slots keep the id they had).
  const Job* find(int64_t job_id) const;
  // Jobs that disappeared from the table at the last update (the selection forgets them).
  const std::vector<int64_t>& deleted() const { return deleted_; }

  size_t rebuilds() const { return rebuilds_; }
  // Rows taken out and put back by incremental updates, in total (tests see the work).
  size_t rows_placed() const { return rows_placed_; }

 private:
  struct Placed {
    uint32_t slot;
    const Job* job;
    int64_t time;  // total time when sorting by it
  };
  void rebuild(const JobTable& table, const JobsQuery& query, TimeMs now);
  bool matches(const Job* job) const;
  bool before(const Placed& a, const Placed& b) const;
  Placed placed(const JobTable& table, uint32_t slot) const;
  void take_out(std::vector<uint32_t>& slots);
  void put_in(const JobTable& table, std::vector<uint32_t>& slots, TimeMs now);

  std::vector<uint32_t> order_;    // slots in display order
  JobTable seen_;                  // the table the order describes (keeps its chunks alive)
  std::vector<int64_t> slot_ids_;  // id per slot, never decreasing (deleted slots keep theirs)
  std::vector<int64_t> time_key_;  // per slot, while sorting by total time
  std::vector<int64_t> deleted_;
  bool valid_ = false;
  JobsQuery query_;
  std::string needle_;  // query_.search folded to lower case
  size_t rebuilds_ = 0;
  size_t rows_placed_ = 0;
};

}  // namespace blockify::gui
