#include "engine/core/job_table.h"

namespace blockify {

JobTable::Chunk& JobTableBuilder::writable_chunk(size_t c) {
  if (!owned_[c]) {
    chunks_[c] = std::make_shared<JobTable::Chunk>(*chunks_[c]);
    owned_[c] = true;
  }
  return *chunks_[c];
}

size_t JobTableBuilder::append(JobRow row) {
  size_t slot = slots_++;
  size_t c = slot / JobTable::kChunkSize;
  if (c == chunks_.size()) {
    auto chunk = std::make_shared<JobTable::Chunk>();
    chunk->reserve(JobTable::kChunkSize);
    chunks_.push_back(std::move(chunk));
    owned_.push_back(true);
  }
  writable_chunk(c).push_back(std::move(row));
  return slot;
}

void JobTableBuilder::set(size_t slot, JobRow row) {
  writable_chunk(slot / JobTable::kChunkSize)[slot % JobTable::kChunkSize] = std::move(row);
}

JobTable JobTableBuilder::publish() {
  JobTable table;
  table.chunks_.assign(chunks_.begin(), chunks_.end());
  table.slots_ = slots_;
  owned_.assign(owned_.size(), false);
  return table;
}

}  // namespace blockify
