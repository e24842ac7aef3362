// Losing and regaining the database on the engine thread. A unit of work whose commit
// fails leaves the in-memory state ahead of the database; the engine then goes back to
// what the database says — the same path as a restart after a crash. When the database
// cannot be written at all (full disk, read-only, damaged) the engine halts: it takes no
// work, answers every command with the cause, and tries a write every two seconds.
#include "engine/core/engine_impl.h"
#include "engine/store/schema.h"
#include "engine/store/store_error_text.h"

namespace blockify {

void EngineImpl::account_workers(std::deque<InboxItem>& items) {
  finished_this_pass_.clear();
  for (auto& item : items) {
    auto* e = std::get_if<WorkerEvent>(&item);
    if (!e) continue;
    int64_t job_id = std::visit([](const auto& event) { return event.job_id; }, *e);
    bool finished = std::holds_alternative<JobFinished>(*e);
    if (finished) {
      workers_busy_ = std::max(0, workers_busy_ - 1);
      changed_ = true;
    }
    auto abandoned = abandoned_runs_.find(job_id);
    if (abandoned == abandoned_runs_.end()) {
      if (finished) finished_this_pass_.insert(job_id);
      continue;
    }
    // A run abandoned when the state was reloaded: its results are not wanted, and once it
    // stopped its job may start again.
    if (auto* f = std::get_if<FileFinished>(e); f && f->stored_ids) f->stored_ids->set_value({});
    if (finished && --abandoned->second == 0) {
      abandoned_runs_.erase(abandoned);
      run_stopped(job_id);
    }
    item = EngineTask([] {});
  }
}

void EngineImpl::abandon_running_jobs() {
  for (auto& [id, run] : running_) {
    run.cancel->cancel();
    // A run whose end was in the pass that failed has stopped already.
    if (!finished_this_pass_.count(id)) abandoned_runs_[id]++;
  }
  running_.clear();  // workers_busy_ stays: each abandoned run's JobFinished frees its worker
}

void EngineImpl::reload_jobs() {
  abandon_running_jobs();
  jobs_.clear();
  slot_of_.clear();
  dirty_.clear();
  queue_.clear();
  queued_.clear();
  waiting_until_.clear();
  waiting_for_worker_.clear();
  counts_ = {};
  focus_events_job_ = 0;  // the log is read again from what was saved
  table_ = JobTableBuilder{};
  // What a failed unit cached is read again from what was saved.
  reembed_jobs_.clear();
  vector_states_.clear();
  vectors_to_count_.clear();
  vectors_to_read_.clear();
  // A failed pass or a halt may have dropped a hash's result: such inputs are hashed again.
  for (auto& [path, file] : hash_cache_) file.hashing = false;
  store_->for_each_job([&](Job&& job) REQUIRES(engine_thread_) { add_job(std::move(job)); });
  detail_dirty_ = datasets_dirty_ = page_dirty_ = settings_dirty_ = true;
  changed_ = true;
}

void EngineImpl::reload_and_recover() {
  reload_jobs();
  sql::Transaction txn(store_->db());
  recover_interrupted_jobs();
  flush_dirty_jobs();
  txn.commit();
}

void EngineImpl::halt(const std::string& why) {
  abandon_running_jobs();
  halted_ = why;
  last_resume_try_ = std::chrono::steady_clock::now();
  log_->error("engine stopped taking work: {}", why);
  // Show the banner over the last saved state: the jobs table keeps what was committed
  // (the table is not republished until the state was reloaded from the database).
  auto last = snapshot_.load();
  auto snap = std::make_shared<Snapshot>(last ? *last : Snapshot{});
  snap->version = ++version_;
  snap->halted = halted_;
  snap->notices = notices_;
  {
    MutexLock lock(publish_mutex_);
    snapshot_.store(std::move(snap));
  }
  publish_cv_.notify_all();
  if (options_.on_publish) options_.on_publish();
}

void EngineImpl::apply_while_halted(std::deque<InboxItem>& items) {
  account_workers(items);
  for (auto& item : items) {
    if (auto* c = std::get_if<CommandItem>(&item)) {
      if (c->done) c->done({ResultCode::Failure, halted_, 0});
    } else if (auto* e = std::get_if<WorkerEvent>(&item)) {
      // Every run was abandoned at the halt; account_workers dropped their events.
      if (auto* f = std::get_if<FileFinished>(e); f && f->stored_ids) f->stored_ids->set_value({});
    }
    // Tasks (an export's or a model test's outcome) are dropped: their views reload.
  }
}

void EngineImpl::try_resume() {
  auto now = std::chrono::steady_clock::now();
  if (now - last_resume_try_ < std::chrono::seconds(2)) return;
  if (workers_busy_ > 0) {
    log_->debug("waiting for {} abandoned workers before trying the database again", workers_busy_);
    return;
  }
  last_resume_try_ = now;
  try {
    // A real write: the header page, rewritten with the same schema version.
    sql::Transaction txn(store_->db());
    store_->db().set_user_version(store::kSchemaVersion);
    txn.commit();
    reload_and_recover();
  } catch (const sql::StoreError& e) {
    log_->debug("the database still cannot be written: {}", e.detail());
    std::string why = e.what();
    if (why != halted_) halt(why);
    return;
  }
  log_->info("the database can be written again; the engine takes work again");
  halted_.clear();
  notice("The database can be written again; jobs continue.", false);
  publish();
}

}  // namespace blockify
