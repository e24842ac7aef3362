#pragma once
// What the UI draws from: an immutable picture of the engine's state, published by the
// engine thread after each committed change. Readers hold a shared_ptr and never lock.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/job_table.h"
#include "engine/domain/ideablock.h"
#include "engine/domain/job.h"

namespace blockify {

// Heavy detail, published only for the job the UI focuses on.
struct JobDetail {
  Job job;
  std::vector<JobFile> files;
  std::vector<Attempt> attempts;
  std::vector<JobEvent> events;      // the job's log, oldest first (last 500)
  std::vector<IdeaBlock> blocks;     // one page of results, partial ones included
  int64_t blocks_offset = 0;         // first block of the page
  int64_t blocks_total = 0;          // all blocks of the job, merged ones included
  std::string auto_retry_note;       // e.g. "chunk 37: retrying in 8 s (try 3 of 5)"
};

// A sentence for the user about something that happened to a command (refusals above all).
struct Notice {
  uint64_t id = 0;
  TimeMs at = 0;
  bool is_error = false;
  std::string text;
};

struct Snapshot {
  uint64_t version = 0;            // increases with every publish
  uint64_t table_version = 0;      // increases when rows are added, removed or change status
  JobTable jobs;                   // ordered by id; null rows are deleted jobs
  std::array<int, kJobStatusCount> counts{};  // jobs per JobStatus
  std::shared_ptr<const JobDetail> detail;   // null when nothing is focused
  std::vector<Notice> notices;     // most recent last, at most 20
  int workers_busy = 0;
  int workers_total = 0;
  std::string database_path;

  int count(JobStatus s) const { return counts[static_cast<int>(s)]; }
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace blockify
