#pragma once
// An immutable, cheaply shared table of job rows, ordered by job id. Rows live in
// fixed-size chunks shared between snapshots, so publishing a new table after a few
// changes copies only the chunk pointers and the touched chunks, never all rows.
#include <cstddef>
#include <memory>
#include <vector>

#include "engine/domain/job.h"

namespace blockify {

using JobRow = std::shared_ptr<const Job>;

class JobTable {
 public:
  static constexpr size_t kChunkSize = 256;
  using Chunk = std::vector<JobRow>;

  // Slots, including deleted ones (null rows).
  size_t slots() const { return slots_; }
  // The row in slot i, or null when that job was deleted.
  const JobRow& at(size_t i) const { return (*chunks_[i / kChunkSize])[i % kChunkSize]; }

  // The chunks, for readers that follow changes from one table to the next: the builder
  // copies a chunk before changing it, so a chunk pointer found in two tables (while the
  // reader keeps the older table alive) holds the same rows in both.
  size_t chunk_count() const { return chunks_.size(); }
  const Chunk* chunk(size_t c) const { return chunks_[c].get(); }

 private:
  friend class JobTableBuilder;
  std::vector<std::shared_ptr<const Chunk>> chunks_;
  size_t slots_ = 0;
};

// The engine's mutable side of the table. Not thread-safe: engine thread only.
class JobTableBuilder {
 public:
  // Appends a row (ids only grow, so order by id holds); returns its slot.
  size_t append(JobRow row);
  void set(size_t slot, JobRow row);  // null row = deleted
  size_t slots() const { return slots_; }
  const JobRow& at(size_t i) const { return (*chunks_[i / JobTable::kChunkSize])[i % JobTable::kChunkSize]; }

  // A table sharing every chunk; chunks touched later are copied first.
  JobTable publish();

 private:
  JobTable::Chunk& writable_chunk(size_t chunk_index);

  std::vector<std::shared_ptr<JobTable::Chunk>> chunks_;
  std::vector<bool> owned_;  // chunk not shared with any published table yet
  size_t slots_ = 0;
};

}  // namespace blockify
