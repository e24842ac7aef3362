#pragma once
// Finding a job's row in the snapshot's table, which is ordered by id with null rows
// where jobs were deleted.
#include <cstdint>

#include "engine/core/job_table.h"

namespace blockify::gui {

// The row of job `job_id`, or null when it does not exist (any more). O(log n).
const Job* find_job(const JobTable& table, int64_t job_id);

}  // namespace blockify::gui
