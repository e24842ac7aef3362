#pragma once
// What one pass of the engine loop promised while applying commands and worker events,
// held back until that pass's SQLite transaction commits: answers to callers, block ids
// for workers, runs to hand to workers, and background work to start. After a commit they
// are released; after a failed commit the answers carry the failure's sentence and
// nothing else happens — so nothing is shown, dispatched or answered Ok before it is on
// disk. Engine thread only.
#include <functional>
#include <future>
#include <memory>
#include <utility>
#include <vector>

#include "engine/core/commands.h"
#include "engine/jobs/job_run.h"

namespace blockify {

class WorkerPool;

class UnitOfWork {
 public:
  using BlockIds = std::shared_ptr<std::promise<std::vector<int64_t>>>;

  void answer(CommandCallback done, CommandResult result);
  void give_block_ids(BlockIds promise, std::vector<int64_t> ids);
  void dispatch(JobRunRequest request);
  // E.g. start an export's thread; `if_discarded` undoes what the command showed early.
  void after_commit(std::function<void()> action, std::function<void()> if_discarded = {});

  const std::vector<JobRunRequest>& dispatches() const { return dispatches_; }
  bool empty() const;

  // After the commit: block ids to their workers, runs to the pool, actions started.
  // Answers wait for answer_all(), after the snapshot that shows the change is published.
  void release(WorkerPool* workers);
  void answer_all();

  // After a failed commit: every caller is answered with `why`, workers waiting for
  // block ids get none, and runs and actions are dropped.
  void discard(const std::string& why);

 private:
  std::vector<std::pair<CommandCallback, CommandResult>> answers_;
  std::vector<std::pair<BlockIds, std::vector<int64_t>>> block_ids_;
  std::vector<JobRunRequest> dispatches_;
  std::vector<std::pair<std::function<void()>, std::function<void()>>> actions_;
};

}  // namespace blockify
