#include "engine/core/unit_of_work.h"

#include "engine/core/worker_pool.h"

namespace blockify {

void UnitOfWork::answer(CommandCallback done, CommandResult result) {
  if (done) answers_.emplace_back(std::move(done), std::move(result));
}

void UnitOfWork::give_block_ids(BlockIds promise, std::vector<int64_t> ids) {
  if (promise) block_ids_.emplace_back(std::move(promise), std::move(ids));
}

void UnitOfWork::dispatch(JobRunRequest request) { dispatches_.push_back(std::move(request)); }

void UnitOfWork::after_commit(std::function<void()> action, std::function<void()> if_discarded) {
  actions_.emplace_back(std::move(action), std::move(if_discarded));
}

bool UnitOfWork::empty() const {
  return answers_.empty() && block_ids_.empty() && dispatches_.empty() && actions_.empty();
}

void UnitOfWork::release(WorkerPool* workers) {
  for (auto& [promise, ids] : block_ids_) promise->set_value(std::move(ids));
  block_ids_.clear();
  for (auto& request : dispatches_) workers->run(std::move(request));
  dispatches_.clear();
  auto actions = std::move(actions_);
  actions_.clear();
  for (auto& [action, undo] : actions) action();
}

void UnitOfWork::answer_all() {
  auto answers = std::move(answers_);
  answers_.clear();
  for (auto& [done, result] : answers) done(result);
}

void UnitOfWork::discard(const std::string& why) {
  for (auto& [promise, ids] : block_ids_) promise->set_value({});
  block_ids_.clear();
  dispatches_.clear();
  auto actions = std::move(actions_);
  actions_.clear();
  for (auto& [action, undo] : actions)
    if (undo) undo();
  auto answers = std::move(answers_);
  answers_.clear();
  for (auto& [done, result] : answers) done(CommandResult{ResultCode::Failure, why, result.job_id});
}

}  // namespace blockify
