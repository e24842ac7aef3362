// The engine thread: drain the inbox, apply commands and worker events inside one
// transaction, commit, then publish a snapshot; schedule Pending jobs onto free workers.
#include "engine/core/engine.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>

#include "engine/core/engine_impl.h"
#include "engine/store/store_error_text.h"
#include "engine/platform/files.h"
#include "engine/platform/paths.h"

namespace blockify {
namespace {

std::shared_ptr<spdlog::logger> make_logger(const EngineOptions& o) {
  static std::atomic<int> counter{0};
  auto file = o.log_file.empty() ? platform::log_file_for(o.database) : o.log_file;
  // The log names the user's files and jobs: 0600, also each new file after a rotation.
  spdlog::file_event_handlers private_files;
  private_files.after_open = [](const spdlog::filename_t&, std::FILE* f) { platform::make_private(f); };
  auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.string(), 5 * 1024 * 1024, 3, false,
                                                                     private_files);
  auto logger = std::make_shared<spdlog::logger>("engine-" + std::to_string(counter++), sink);
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
  logger->flush_on(spdlog::level::info);
  return logger;
}

int default_workers(int requested) {
  if (requested >= 0) return requested;
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, cores - 1);
}

}  // namespace

EngineImpl::EngineImpl(EngineOptions options) : options_(std::move(options)) {
  if (options_.database.empty()) throw std::runtime_error("No database path was given.");
  options_.database = std::filesystem::absolute(options_.database);
  platform::create_private_directories(options_.database.parent_path());
  std::string holder;
  lock_ = platform::InstanceLock::try_acquire(options_.database, options_.workers == 0 ? "command" : "engine",
                                              &holder);
  if (!lock_) {
    throw DatabaseInUse("Another Blockify (" + holder + ") is already processing " +
                        options_.database.string() +
                        "; close it first, or use --db to open a different database.");
  }
  try {
    store_ = std::make_unique<store::JobStore>(options_.database);
  } catch (const sql::StoreError& e) {
    throw std::runtime_error(e.what());
  }
  if (options_.on_database_open) options_.on_database_open(store_->db().handle());
  // Checkpoint the WAL when idle rather than inside whichever commit crosses the
  // threshold, so a Retry's commit never pays for a checkpoint's fsync.
  store_->db().exec("PRAGMA wal_autocheckpoint=0");
  log_ = make_logger(options_);
  workers_total_ = default_workers(options_.workers);
  try {
    reload_and_recover();
  } catch (const sql::StoreError& e) {
    throw std::runtime_error(e.what());
  }
  last_data_version_ = store_->db().data_version();
  publish();
  log_->info("engine started on {} with {} workers", options_.database.string(), workers_total_);
  if (workers_total_ > 0)
    workers_ = std::make_unique<WorkerPool>(
        workers_total_, [this](WorkerEvent e) { post_event(std::move(e)); }, options_.before_file);
  thread_ = std::thread([this] { loop(); });
}

EngineImpl::~EngineImpl() {
  {
    MutexLock lock(inbox_mutex_);
    stopping_ = true;
  }
  inbox_cv_.notify_all();
  stop_background_.cancel();
  thread_.join();
  {
    MutexLock lock(background_mutex_);
    for (auto& t : background_) t.thread.join();
  }
  // Workers still running get cancelled; their jobs stay Processing in the database and
  // are recovered at the next start, exactly as after a crash.
  workers_.reset();
  unit_.discard("Blockify is shutting down; the command was not applied.");
  log_->info("engine stopped");
  log_->flush();
}

void EngineImpl::post(Command command, CommandCallback done) {
  {
    MutexLock lock(inbox_mutex_);
    inbox_.push_back(CommandItem{std::move(command), std::move(done), true});
  }
  inbox_cv_.notify_one();
}

void EngineImpl::post_task(EngineTask task) {
  {
    MutexLock lock(inbox_mutex_);
    if (stopping_) return;
    inbox_.push_back(std::move(task));
  }
  inbox_cv_.notify_one();
}

void EngineImpl::post_event(WorkerEvent event) {
  {
    MutexLock lock(inbox_mutex_);
    if (stopping_) {
      // Nobody will store these blocks; let the worker stop waiting.
      if (auto* f = std::get_if<FileFinished>(&event); f && f->stored_ids) f->stored_ids->set_value({});
      return;
    }
    inbox_.push_back(std::move(event));
  }
  inbox_cv_.notify_one();
}

std::deque<InboxItem> EngineImpl::take_inbox(std::chrono::milliseconds wait) {
  MutexLock lock(inbox_mutex_);
  inbox_cv_.wait_for(inbox_mutex_, wait,
                     [this]() REQUIRES(inbox_mutex_) { return stopping_ || !inbox_.empty(); });
  // A unit of work takes at most kMaxUnitItems, so one commit stays short and the UI
  // sees progress while a flood of events is worked off.
  constexpr size_t kMaxUnitItems = 1000;
  std::deque<InboxItem> items;
  if (inbox_.size() <= kMaxUnitItems) {
    items.swap(inbox_);
  } else {
    for (size_t i = 0; i < kMaxUnitItems; ++i) {
      items.push_back(std::move(inbox_.front()));
      inbox_.pop_front();
    }
  }
  return items;
}

void EngineImpl::loop() {
  engine_thread_.assert_held();  // this thread is the engine thread from here on
  for (;;) {
    auto items = take_inbox(next_wake());
    {
      MutexLock lock(inbox_mutex_);
      if (stopping_) {
        // Unblock any worker waiting for block ids; their work is abandoned.
        for (auto& item : items)
          if (auto* e = std::get_if<WorkerEvent>(&item))
            if (auto* f = std::get_if<FileFinished>(e); f && f->stored_ids) f->stored_ids->set_value({});
        for (auto& item : items)
          if (auto* c = std::get_if<CommandItem>(&item); c && c->done)
            c->done({ResultCode::Failure, "Blockify is shutting down; the command was not applied.", 0});
        return;
      }
    }
    if (!halted_.empty()) {
      apply_while_halted(items);
      try_resume();
      continue;
    }
    // Commands and events of this pass are one unit, committed and published together,
    // so a Retry shows Pending before the scheduler picks the job up.
    account_workers(items);
    if (!items.empty() || remote_commands_waiting())
      run_unit([&]() REQUIRES(engine_thread_) { apply_items(items); });
    finished_this_pass_.clear();
    if (!halted_.empty()) continue;
    settle_overdue_cancels();
    if (!halted_.empty()) continue;
    try {
      refresh_countdown();
      refresh_changes_since_failure();
      checkpoint_when_idle(items.empty());
    } catch (const std::exception& e) {
      log_->warn("engine housekeeping: {}", e.what());  // nothing was changed; try again later
    }
    // Start Pending jobs on free workers. Jobs that fail at once (every input missing)
    // take no worker, so this repeats in bounded units while the queue and workers last,
    // giving way to commands as soon as one arrives.
    while (halted_.empty() && has_startable()) {
      bool progressed = false;
      if (!run_unit([&]() REQUIRES(engine_thread_) { progressed = schedule(); }) || !progressed) break;
      MutexLock lock(inbox_mutex_);
      if (!inbox_.empty() || stopping_) break;
    }
  }
}

void EngineImpl::apply_items(std::deque<InboxItem>& items) {
  for (auto& item : items) {
    if (auto* c = std::get_if<CommandItem>(&item)) {
      CommandResult r = apply(c->command);
      if (!r.ok() && c->from_user && !std::holds_alternative<FocusJob>(c->command)) notice(r.message, true);
      unit_.answer(std::move(c->done), std::move(r));
    } else if (auto* e = std::get_if<WorkerEvent>(&item)) {
      apply(*e);
    } else {
      std::get<EngineTask>(item)();
    }
  }
  poll_command_table();
}

bool EngineImpl::run_unit(const std::function<void()>& apply, bool publish_after) {
  auto notices_before = notices_;
  try {
    sql::Transaction txn(store_->db());
    apply();
    flush_dirty_jobs();
    txn.commit();
  } catch (const sql::StoreError& e) {
    notices_ = std::move(notices_before);  // refusals of a pass that did not happen
    log_->error("a unit of work was not saved: {} ({})", e.what(), e.detail());
    fail_unit(e.what(), store::stops_the_engine(e));
    return false;
  } catch (const std::exception& e) {
    notices_ = std::move(notices_before);
    log_->error("a unit of work failed: {}", e.what());
    fail_unit(std::string("A change was not saved because of an internal error: ") + e.what() +
                  ". Blockify reloaded the last saved state; report the log file if it happens again.",
              false);
    return false;
  }
  if (publish_after) {
    unit_.release(workers_.get());
    publish();
    unit_.answer_all();
  }
  return true;
}

void EngineImpl::fail_unit(const std::string& why, bool stop_engine) {
  // Runs that were about to start hold no worker yet; the rest are stopped, and the
  // in-memory state goes back to what the database says — the rolled-back pass never
  // happened.
  for (const auto& request : unit_.dispatches()) {
    running_.erase(request.job_id);
    workers_busy_ = std::max(0, workers_busy_ - 1);
  }
  unit_.discard(why);
  notice(why, true);
  if (stop_engine) return halt(why);
  try {
    reload_and_recover();
  } catch (const sql::StoreError& e) {
    return halt(e.what());
  } catch (const std::exception& e) {
    return halt(std::string("Blockify could not reload the saved state: ") + e.what() +
                ". Start Blockify again; report the log file if it happens again.");
  }
  publish();
}

void EngineImpl::refresh_changes_since_failure() {
  // A user fixing the cause (restoring a file) sees it acknowledged within two seconds.
  Job* job = find(focus_id_);
  if (!job || (job->status != JobStatus::Failed && job->status != JobStatus::Cancelled)) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_changes_check_ < std::chrono::seconds(2)) return;
  last_changes_check_ = now;
  detail_dirty_ = true;
  publish();
}

void EngineImpl::checkpoint_when_idle(bool idle) {
  // Idle: every 2 s. Busy (workers posting progress all the time): every 10 s anyway,
  // so the WAL cannot grow without bound during a long job.
  auto now = std::chrono::steady_clock::now();
  if (now - last_checkpoint_ < std::chrono::seconds(idle ? 2 : 10)) return;
  last_checkpoint_ = now;
  store_->db().exec("PRAGMA wal_checkpoint(PASSIVE)");
}

void EngineImpl::publish() {
  auto started = std::chrono::steady_clock::now();
  refresh_views();
  if (detail_dirty_) {
    detail_ = build_detail();
    detail_dirty_ = false;
    changed_ = true;
  }
  if (!changed_ && snapshot_.load()) return;
  auto snap = std::make_shared<Snapshot>();
  snap->version = ++version_;
  snap->table_version = table_version_;
  snap->jobs = table_.publish();
  snap->counts = counts_;
  snap->detail = detail_;
  snap->notices = notices_;
  snap->workers_busy = workers_busy_;
  snap->workers_total = workers_total_;
  snap->database_path = options_.database.string();
  snap->halted = halted_;
  snap->datasets = datasets_view_;
  snap->settings = settings_view_;
  snap->endpoint_test = endpoint_test_;
  snap->export_status = export_status_;
  snap->dataset_search = dataset_search_;
  {
    MutexLock lock(publish_mutex_);
    snapshot_.store(std::move(snap));
  }
  publish_cv_.notify_all();
  changed_ = false;
  if (options_.on_publish_cost)
    options_.on_publish_cost(std::chrono::steady_clock::now() - started, jobs_changed_since_publish_);
  jobs_changed_since_publish_ = 0;
  if (options_.on_publish) options_.on_publish();
}

bool EngineImpl::wait_until_idle(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  MutexLock lock(publish_mutex_);
  return publish_cv_.wait_until(publish_mutex_, deadline, [this] {
    auto s = snapshot_.load();
    return s->count(JobStatus::Processing) == 0 && s->count(JobStatus::Cancelling) == 0 &&
           (s->count(JobStatus::Pending) == 0 || s->workers_total == 0);
  });
}

SnapshotPtr EngineImpl::wait_for_snapshot(uint64_t version, int timeout_ms) {
  MutexLock lock(publish_mutex_);
  publish_cv_.wait_for(publish_mutex_, std::chrono::milliseconds(timeout_ms),
                       [&] { return snapshot_.load()->version > version; });
  return snapshot_.load();
}

// --- public face ---

Engine::Engine(EngineOptions options) : impl_(std::make_unique<EngineImpl>(std::move(options))) {}
Engine::~Engine() = default;
SnapshotPtr Engine::snapshot() const { return impl_->snapshot(); }
void Engine::post(Command command, CommandCallback done) { impl_->post(std::move(command), std::move(done)); }

std::future<CommandResult> Engine::submit(Command command) {
  auto promise = std::make_shared<std::promise<CommandResult>>();
  auto future = promise->get_future();
  impl_->post(std::move(command), [promise](const CommandResult& r) { promise->set_value(r); });
  return future;
}

Ticket Engine::post_with_ticket(Command command) {
  auto ticket = std::make_shared<CommandTicket>();
  impl_->post(std::move(command), [ticket](const CommandResult& r) { ticket->answer(r); });
  return ticket;
}

bool Engine::wait_until_idle(int timeout_ms) { return impl_->wait_until_idle(timeout_ms); }
SnapshotPtr Engine::wait_for_snapshot(uint64_t version, int timeout_ms) {
  return impl_->wait_for_snapshot(version, timeout_ms);
}

}  // namespace blockify
