// The engine thread: drain the inbox, apply commands and worker events inside one
// transaction, commit, then publish a snapshot; schedule Pending jobs onto free workers.
#include "engine/core/engine.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>

#include "engine/core/engine_impl.h"
#include "engine/platform/paths.h"

namespace blockify {
namespace {

std::shared_ptr<spdlog::logger> make_logger(const EngineOptions& o) {
  static std::atomic<int> counter{0};
  auto file = o.log_file.empty() ? platform::log_file_for(o.database) : o.log_file;
  auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.string(), 5 * 1024 * 1024, 3);
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
  std::error_code ec;
  std::filesystem::create_directories(options_.database.parent_path(), ec);
  std::string holder;
  lock_ = platform::InstanceLock::try_acquire(options_.database, options_.workers == 0 ? "command" : "engine", &holder);
  if (!lock_) {
    throw std::runtime_error("Another Blockify (" + holder + ") is already processing " + options_.database.string() +
                             "; close it first, or use --db to open a different database.");
  }
  try {
    store_ = std::make_unique<store::JobStore>(options_.database);
  } catch (const sql::StoreError& e) {
    throw std::runtime_error(std::string("Cannot open the database: ") + e.what() +
                             (std::string(e.what()).back() == '.' ? "" : "."));
  }
  // Checkpoint the WAL when idle rather than inside whichever commit crosses the
  // threshold, so a Retry's commit never pays for a checkpoint's fsync.
  store_->db().exec("PRAGMA wal_autocheckpoint=0");
  log_ = make_logger(options_);
  workers_total_ = default_workers(options_.workers);
  for (auto& job : store_->load_jobs()) add_job(std::move(job));
  recover_interrupted_jobs();
  flush_dirty_jobs();
  last_data_version_ = store_->db().data_version();
  publish();
  log_->info("engine started on {} with {} workers", options_.database.string(), workers_total_);
  if (workers_total_ > 0)
    workers_ = std::make_unique<WorkerPool>(workers_total_, [this](WorkerEvent e) { post_event(std::move(e)); });
  thread_ = std::thread([this] { loop(); });
}

EngineImpl::~EngineImpl() {
  {
    std::lock_guard lock(inbox_mutex_);
    stopping_ = true;
  }
  inbox_cv_.notify_all();
  thread_.join();
  {
    std::lock_guard lock(background_mutex_);
    for (auto& t : background_) t.join();
  }
  // Workers still running get cancelled; their jobs stay Processing in the database and
  // are recovered at the next start, exactly as after a crash.
  workers_.reset();
  for (auto& [promise, ids] : pending_ids_) promise->set_value(ids);
  log_->info("engine stopped");
  log_->flush();
}

void EngineImpl::post(Command command, CommandCallback done) {
  {
    std::lock_guard lock(inbox_mutex_);
    inbox_.push_back(CommandItem{std::move(command), std::move(done), true});
  }
  inbox_cv_.notify_one();
}

void EngineImpl::post_task(EngineTask task) {
  {
    std::lock_guard lock(inbox_mutex_);
    if (stopping_) return;
    inbox_.push_back(std::move(task));
  }
  inbox_cv_.notify_one();
}

void EngineImpl::post_event(WorkerEvent event) {
  {
    std::lock_guard lock(inbox_mutex_);
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
  std::unique_lock lock(inbox_mutex_);
  inbox_cv_.wait_for(lock, wait, [this] { return stopping_ || !inbox_.empty(); });
  std::deque<InboxItem> items;
  items.swap(inbox_);
  return items;
}

void EngineImpl::loop() {
  for (;;) {
    auto items = take_inbox(next_wake());
    {
      std::lock_guard lock(inbox_mutex_);
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
    try {
      // Phase 1: commands and events, committed and published together, so a Retry
      // shows Pending before the scheduler picks the job up.
      if (!items.empty() || remote_commands_waiting()) {
        sql::Transaction txn(store_->db());
        for (auto& item : items) {
          if (auto* c = std::get_if<CommandItem>(&item)) {
            CommandResult r = apply(c->command);
            if (!r.ok() && c->from_user && !std::holds_alternative<FocusJob>(c->command)) notice(r.message, true);
            if (c->done) pending_callbacks_.emplace_back(std::move(c->done), r);
          } else if (auto* e = std::get_if<WorkerEvent>(&item)) {
            apply(*e);
          } else {
            std::get<EngineTask>(item)();
          }
        }
        poll_command_table();
        flush_dirty_jobs();
        txn.commit();
        after_commit();
      }
      refresh_countdown();
      refresh_changes_since_failure();
      checkpoint_when_idle(items.empty());
      // Phase 2: start Pending jobs on free workers.
      if (has_startable()) {
        sql::Transaction txn(store_->db());
        bool started = schedule();
        flush_dirty_jobs();
        txn.commit();
        if (started) after_commit();
      }
    } catch (const std::exception& e) {
      log_->error("engine loop: {}", e.what());
      notice(std::string("A database operation failed: ") + e.what() + ". The change was not saved.", true);
      for (auto& [promise, ids] : pending_ids_) promise->set_value({});
      pending_ids_.clear();
      after_commit();
    }
  }
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

void EngineImpl::after_commit() {
  for (auto& [promise, ids] : pending_ids_) promise->set_value(std::move(ids));
  pending_ids_.clear();
  for (auto& request : to_dispatch_) workers_->run(std::move(request));
  to_dispatch_.clear();
  publish();
  auto callbacks = std::move(pending_callbacks_);
  pending_callbacks_.clear();
  for (auto& [cb, result] : callbacks) cb(result);
}

void EngineImpl::publish() {
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
  snap->datasets = datasets_view_;
  snap->settings = settings_view_;
  snap->endpoint_test = endpoint_test_;
  snap->export_status = export_status_;
  {
    std::lock_guard lock(publish_mutex_);
    snapshot_.store(std::move(snap));
  }
  publish_cv_.notify_all();
  changed_ = false;
}

bool EngineImpl::wait_until_idle(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock lock(publish_mutex_);
  return publish_cv_.wait_until(lock, deadline, [this] {
    auto s = snapshot_.load();
    return s->count(JobStatus::Processing) == 0 && s->count(JobStatus::Cancelling) == 0 &&
           (s->count(JobStatus::Pending) == 0 || s->workers_total == 0);
  });
}

SnapshotPtr EngineImpl::wait_for_snapshot(uint64_t version, int timeout_ms) {
  std::unique_lock lock(publish_mutex_);
  publish_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
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

bool Engine::wait_until_idle(int timeout_ms) { return impl_->wait_until_idle(timeout_ms); }
SnapshotPtr Engine::wait_for_snapshot(uint64_t version, int timeout_ms) {
  return impl_->wait_for_snapshot(version, timeout_ms);
}

}  // namespace blockify
