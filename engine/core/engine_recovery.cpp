// Losing and regaining the database on the engine thread. A unit of work whose commit
// fails leaves the in-memory state ahead of the database; the engine then goes back to
// what the database says — the same path as a restart after a crash. When the database
// cannot be written at all (full disk, read-only, damaged) the engine halts: it takes no
// work, answers every command with the cause, and tries a write every two seconds.
#include "engine/core/engine_impl.h"
#include "engine/store/schema.h"
#include "engine/store/store_error_text.h"

namespace blockify {

void EngineImpl::abandon_running_jobs() {
  for (auto& [id, run] : running_) {
    run.cancel->cancel();
    abandoned_runs_[id]++;
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
  counts_ = {};
  table_ = JobTableBuilder{};
  for (auto& job : store_->load_jobs()) add_job(std::move(job));
  detail_dirty_ = datasets_dirty_ = settings_dirty_ = true;
  changed_ = true;
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
    std::lock_guard lock(publish_mutex_);
    snapshot_.store(std::move(snap));
  }
  publish_cv_.notify_all();
  if (options_.on_publish) options_.on_publish();
}

void EngineImpl::apply_while_halted(std::deque<InboxItem>& items) {
  for (auto& item : items) {
    if (auto* c = std::get_if<CommandItem>(&item)) {
      if (c->done) c->done({ResultCode::Failure, halted_, 0});
    } else if (auto* e = std::get_if<WorkerEvent>(&item)) {
      apply(*e);  // abandoned runs: only frees workers and unblocks them
    }
    // Tasks (an export's or a model test's outcome) are dropped: their views reload.
  }
}

void EngineImpl::try_resume() {
  auto now = std::chrono::steady_clock::now();
  if (now - last_resume_try_ < std::chrono::seconds(2) || workers_busy_ > 0) return;
  last_resume_try_ = now;
  try {
    // A real write: the header page, rewritten with the same schema version.
    sql::Transaction txn(store_->db());
    store_->db().set_user_version(store::kSchemaVersion);
    txn.commit();
    reload_jobs();
  } catch (const sql::StoreError& e) {
    std::string why = store::describe_store_error(e, options_.database);
    if (why != halted_) halt(why);
    return;
  }
  log_->info("the database can be written again; the engine takes work again");
  halted_.clear();
  notice("The database can be written again; jobs continue.", false);
  if (run_unit([&] { recover_interrupted_jobs(); })) publish();
}

}  // namespace blockify
