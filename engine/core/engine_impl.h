#pragma once
// Inside the engine. Everything below `// --- engine thread only ---` is touched only
// by the engine thread; the inbox and the published snapshot are the shared parts.
// The clang build checks this (engine/platform/thread_annotations.h): the engine
// thread's state is GUARDED_BY(engine_thread_), a role its loop() takes, and the
// functions that run on it REQUIRES(engine_thread_); the shared parts are GUARDED_BY
// their mutex. The constructor and destructor, which run while no engine thread is
// running, are not checked.
#include <spdlog/logger.h>

#include <atomic>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "engine/core/engine.h"
#include "engine/jobs/job_run.h"
#include "engine/core/unit_of_work.h"
#include "engine/core/published.h"
#include "engine/core/worker_pool.h"
#include "engine/domain/state_machine.h"
#include "engine/platform/instance_lock.h"
#include "engine/platform/mutex.h"
#include "engine/store/job_store.h"
#include "engine/store/vector_cache.h"

namespace blockify {

struct CommandItem {
  Command command;
  CommandCallback done;
  bool from_user = true;  // refusals become notices
};
// A closure to run on the engine thread (results of background tasks).
using EngineTask = std::function<void()>;
using InboxItem = std::variant<CommandItem, WorkerEvent, EngineTask>;

// A job a worker is running now.
struct RunningJob {
  std::shared_ptr<CancelToken> cancel;
  int64_t attempt_id = 0;
  bool delete_when_stopped = false;
  // Set by Cancel: when the worker has not stopped by then, the job is settled anyway.
  std::chrono::steady_clock::time_point cancel_deadline{};
  std::unordered_map<int64_t, JobFile> files;                  // by file id
  std::map<std::pair<int64_t, std::string>, int64_t> entries;  // (archive id, entry) → child id
  std::string note;
};

class EngineImpl {
 public:
  explicit EngineImpl(EngineOptions options);
  ~EngineImpl();

  // Any thread.
  SnapshotPtr snapshot() const { return snapshot_.load(); }
  void post(Command command, CommandCallback done) EXCLUDES(inbox_mutex_);
  void post_event(WorkerEvent event) EXCLUDES(inbox_mutex_);
  void post_task(EngineTask task) EXCLUDES(inbox_mutex_);
  bool wait_until_idle(int timeout_ms) EXCLUDES(publish_mutex_);
  SnapshotPtr wait_for_snapshot(uint64_t version, int timeout_ms) EXCLUDES(publish_mutex_);

 private:
  void loop();  // the engine thread: takes the engine_thread_ role
  std::deque<InboxItem> take_inbox(std::chrono::milliseconds wait) REQUIRES(engine_thread_)
      EXCLUDES(inbox_mutex_);
  void apply_items(std::deque<InboxItem>& items) REQUIRES(engine_thread_);
  // Before a pass: frees the worker of each run that finished, and drops the events of
  // abandoned runs. Worker slots are threads, not saved state, so this is outside the unit.
  void account_workers(std::deque<InboxItem>& items) REQUIRES(engine_thread_);
  // One unit of work: `apply` runs inside a transaction; the unit's promises are
  // released and a snapshot published only when the commit succeeds. False when it failed.
  bool run_unit(const std::function<void()>& apply, bool publish_after = true) REQUIRES(engine_thread_);
  void fail_unit(const std::string& why, bool stop_engine) REQUIRES(engine_thread_);
  // engine_recovery.cpp: losing and regaining the database
  void reload_jobs() REQUIRES(engine_thread_);
  // reload_jobs, then Processing jobs back to Pending in one committed transaction: what
  // startup, a failed unit and the end of a halt share. Throws sql::StoreError.
  void reload_and_recover() REQUIRES(engine_thread_);
  void abandon_running_jobs() REQUIRES(engine_thread_);
  void halt(const std::string& why) REQUIRES(engine_thread_);
  void apply_while_halted(std::deque<InboxItem>& items) REQUIRES(engine_thread_);
  void try_resume() REQUIRES(engine_thread_);
  void checkpoint_when_idle(bool idle) REQUIRES(engine_thread_);
  void refresh_changes_since_failure() REQUIRES(engine_thread_);
  void publish() REQUIRES(engine_thread_) EXCLUDES(publish_mutex_);

  // engine_commands.cpp
  CommandResult apply(Command& command) REQUIRES(engine_thread_);
  CommandResult create_job(CreateJob& c) REQUIRES(engine_thread_);
  CommandResult retry_job(const RetryJob& c) REQUIRES(engine_thread_);
  CommandResult cancel_job(const CancelJob& c) REQUIRES(engine_thread_);
  CommandResult delete_job(const DeleteJob& c) REQUIRES(engine_thread_);
  CommandResult focus_job(const FocusJob& c) REQUIRES(engine_thread_);
  CommandResult replace_file(const ReplaceFile& c) REQUIRES(engine_thread_);
  CommandResult remove_file(const RemoveFile& c) REQUIRES(engine_thread_);
  // engine_bulk.cpp
  std::vector<int64_t> select_jobs(const JobSelector& s) REQUIRES(engine_thread_);
  CommandResult retry_many(const RetryMany& c) REQUIRES(engine_thread_);
  CommandResult cancel_many(const CancelMany& c) REQUIRES(engine_thread_);
  CommandResult delete_many(const DeleteMany& c) REQUIRES(engine_thread_);
  bool remote_commands_waiting() REQUIRES(engine_thread_);
  void poll_command_table() REQUIRES(engine_thread_);

  // engine_views.cpp: datasets, settings, export and endpoint test
  CommandResult browse_dataset(const BrowseDataset& c) REQUIRES(engine_thread_);
  CommandResult export_dataset(const ExportDataset& c) REQUIRES(engine_thread_);
  CommandResult set_setting(const SetSetting& c) REQUIRES(engine_thread_);
  CommandResult save_api_key(const SaveApiKey& c) REQUIRES(engine_thread_);
  CommandResult test_endpoint() REQUIRES(engine_thread_);
  void refresh_views() REQUIRES(engine_thread_);
  std::vector<IdeaBlock> load_browsed_page(int64_t browsed_total) REQUIRES(engine_thread_);
  ChangesSinceFailure changes_since_failure(const Job& job) REQUIRES(engine_thread_);
  struct FileToHash {
    std::string path;
    int64_t size = 0, mtime = 0;  // as the engine saw them before asking for the hash
  };
  // The file's content hash when one was taken at its current size and modification
  // time; otherwise null, and the file joins `to_hash` unless a hash of it is under way.
  const std::string* known_content_hash(const std::string& path, int64_t size,
                                        std::vector<FileToHash>& to_hash) REQUIRES(engine_thread_);
  // Hashes the files one after the other on a background thread; each hash comes back
  // as a task that caches it and has the focused detail compared again.
  void hash_in_background(std::vector<FileToHash> files) REQUIRES(engine_thread_);
  // Starts `work` on a background thread once the current unit of work is committed.
  void run_in_background(std::function<void()> work, std::function<void()> if_not_saved)
      REQUIRES(engine_thread_);
  // Starts `work` on a background thread now (work no command promised: nothing to undo).
  void start_in_background(std::function<void()> work) REQUIRES(engine_thread_);

  // engine_events.cpp
  void apply(WorkerEvent& event) REQUIRES(engine_thread_);
  void on_file_progress(const FileProgress& e) REQUIRES(engine_thread_);
  void on_archive_opened(const ArchiveOpened& e) REQUIRES(engine_thread_);
  void on_file_finished(FileFinished& e) REQUIRES(engine_thread_);
  void on_job_progress(const JobProgress& e) REQUIRES(engine_thread_);
  void on_job_distilled(const JobDistilled& e) REQUIRES(engine_thread_);
  void on_job_finished(const JobFinished& finished) REQUIRES(engine_thread_);
  void ask_to_stop(RunningJob& run) REQUIRES(engine_thread_);
  void settle_overdue_cancels() REQUIRES(engine_thread_);

  // engine_search.cpp
  CommandResult search_dataset_command(const SearchDataset& c) REQUIRES(engine_thread_);
  // embed_stage.cpp
  void prepare_embeddings(const Job& job, JobRunRequest& request) REQUIRES(engine_thread_);
  void on_blocks_embedded(const BlocksEmbedded& e) REQUIRES(engine_thread_);

  // engine_reembed.cpp: the Re-embed job, and the vector state the Datasets view shows
  CommandResult reembed_dataset(const ReEmbedDataset& c) REQUIRES(engine_thread_);
  void prepare_reembed(Job& job, JobRunRequest& request) REQUIRES(engine_thread_);
  // A Re-embed attempt ended without error: clears the stale flag when every block has
  // a vector of the model, else turns `e` into the error that says how many are missing.
  void finish_reembed(Job& job, JobFinished& e) REQUIRES(engine_thread_);
  // The dataset's vectors changed: `added` new vectors (its cached count grows by that),
  // or -1 when they may have been removed (counted again at the next refresh).
  void vectors_changed(const std::string& dataset, int64_t added = -1) REQUIRES(engine_thread_);
  // Fills the row's vector columns from the cache, reading only what changed.
  void fill_vector_state(DatasetRow& row) REQUIRES(engine_thread_);

  // engine_scheduler.cpp
  void recover_interrupted_jobs() REQUIRES(engine_thread_);
  bool schedule() REQUIRES(engine_thread_);
  JobRunRequest start_job(Job& job) REQUIRES(engine_thread_);
  void prepare_files(Job& job, RunningJob& run, JobRunRequest& request) REQUIRES(engine_thread_);
  void queue_job(int64_t id) REQUIRES(engine_thread_);
  bool has_startable() REQUIRES(engine_thread_);
  void run_stopped(int64_t job_id) REQUIRES(engine_thread_);
  bool fail_at_once(Job& job, const JobRunRequest& request) REQUIRES(engine_thread_);
  void schedule_automatic_retry(Job& job) REQUIRES(engine_thread_);
  void refresh_countdown() REQUIRES(engine_thread_);
  std::chrono::milliseconds next_wake() const REQUIRES(engine_thread_);
  EndpointSettings endpoint_settings() REQUIRES(engine_thread_);

  // engine_state.cpp
  Job* find(int64_t id) REQUIRES(engine_thread_);
  void add_job(Job job) REQUIRES(engine_thread_);
  void mark_dirty(Job& job, bool status_changed = false) REQUIRES(engine_thread_);
  // The dataset's totals or blocks changed: its row (and its page, when browsed) is
  // read again at the next publish. Status changes alone change no dataset total.
  // `blocks_removed`: blocks were deleted or merged, so its vectors are counted again.
  void dataset_changed(const std::string& dataset, bool blocks_removed = false) REQUIRES(engine_thread_);
  void remove_job(int64_t id) REQUIRES(engine_thread_);
  bool transition(Job& job, JobCommand command, std::string* reason = nullptr) REQUIRES(engine_thread_);
  void log_event(int64_t job_id, const std::string& level, const std::string& message)
      REQUIRES(engine_thread_);
  void notice(const std::string& text, bool is_error) REQUIRES(engine_thread_);
  void flush_dirty_jobs() REQUIRES(engine_thread_);
  std::shared_ptr<const JobDetail> build_detail() REQUIRES(engine_thread_);

  EngineOptions options_;
  std::shared_ptr<spdlog::logger> log_;

  // Shared: inbox and published snapshot.
  Mutex inbox_mutex_;
  CondVar inbox_cv_;
  std::deque<InboxItem> inbox_ GUARDED_BY(inbox_mutex_);
  bool stopping_ GUARDED_BY(inbox_mutex_) = false;
  Published<Snapshot> snapshot_;  // mutex-guarded swap, see published.h
  // A store happens under it, so a waiter checking the snapshot cannot miss the notify.
  Mutex publish_mutex_;
  CondVar publish_cv_;

  // Being the engine thread: loop() takes it; see the comment at the top.
  ThreadRole engine_thread_;

  // --- engine thread only ---
  std::unique_ptr<platform::InstanceLock> lock_ GUARDED_BY(engine_thread_);
  std::unique_ptr<store::JobStore> store_ GUARDED_BY(engine_thread_);
  JobTableBuilder table_ GUARDED_BY(engine_thread_);
  std::unordered_map<int64_t, size_t> slot_of_ GUARDED_BY(engine_thread_);
  std::unordered_map<int64_t, Job> jobs_ GUARDED_BY(engine_thread_);
  std::set<int64_t> dirty_ GUARDED_BY(engine_thread_);
  // Pending jobs in the order they were queued (may hold stale ids)
  std::deque<int64_t> queue_ GUARDED_BY(engine_thread_);
  // the ids in queue_ or set aside below: "already queued?"
  std::unordered_set<int64_t> queued_ GUARDED_BY(engine_thread_);
  // queued, automatic retry not yet due
  std::multimap<TimeMs, int64_t> waiting_until_ GUARDED_BY(engine_thread_);
  // queued, an abandoned run still stopping
  std::unordered_set<int64_t> waiting_for_worker_ GUARDED_BY(engine_thread_);
  std::unordered_map<int64_t, RunningJob> running_ GUARDED_BY(engine_thread_);
  std::array<int, kJobStatusCount> counts_ GUARDED_BY(engine_thread_){};
  uint64_t version_ GUARDED_BY(engine_thread_) = 0, table_version_ GUARDED_BY(engine_thread_) = 0;
  bool changed_ GUARDED_BY(engine_thread_) = false;
  size_t jobs_changed_since_publish_ GUARDED_BY(engine_thread_) = 0;  // for EngineOptions::on_publish_cost
  int64_t focus_id_ GUARDED_BY(engine_thread_) = 0, focus_offset_ GUARDED_BY(engine_thread_) = 0;
  bool detail_dirty_ GUARDED_BY(engine_thread_) = false;
  std::shared_ptr<const JobDetail> detail_ GUARDED_BY(engine_thread_);
  static constexpr size_t kDetailEvents = 500;  // the newest events the detail shows
  // the focused job's, kept as they are logged
  std::vector<JobEvent> focus_events_ GUARDED_BY(engine_thread_);
  int64_t focus_events_job_ GUARDED_BY(engine_thread_) = 0;  // whose events focus_events_ holds (0: none)
  std::vector<Notice> notices_ GUARDED_BY(engine_thread_);
  uint64_t next_notice_id_ GUARDED_BY(engine_thread_) = 1;
  UnitOfWork unit_ GUARDED_BY(engine_thread_);  // what the current pass promised, released after its commit
  // Set while the database cannot be written: the cause and what to do. The engine takes
  // no work until a write succeeds again.
  std::string halted_ GUARDED_BY(engine_thread_);
  std::chrono::steady_clock::time_point last_resume_try_ GUARDED_BY(engine_thread_){};
  // Workers of runs abandoned when the in-memory state was reloaded: their events are
  // ignored and their jobs wait until they stopped (job id → workers still stopping).
  std::unordered_map<int64_t, int> abandoned_runs_ GUARDED_BY(engine_thread_);
  // runs whose JobFinished this pass holds
  std::unordered_set<int64_t> finished_this_pass_ GUARDED_BY(engine_thread_);
  int64_t last_data_version_ GUARDED_BY(engine_thread_) = -1;
  bool remote_due_ GUARDED_BY(engine_thread_) = true;  // commands queued before this engine started run first
  std::chrono::steady_clock::time_point last_command_poll_ GUARDED_BY(engine_thread_){};
  int workers_total_ GUARDED_BY(engine_thread_) = 0, workers_busy_ GUARDED_BY(engine_thread_) = 0;
  std::chrono::steady_clock::time_point last_countdown_ GUARDED_BY(engine_thread_){};
  std::chrono::steady_clock::time_point last_checkpoint_ GUARDED_BY(engine_thread_){};
  std::chrono::steady_clock::time_point last_changes_check_ GUARDED_BY(engine_thread_){};

  bool datasets_dirty_ GUARDED_BY(engine_thread_) = true;
  bool page_dirty_ GUARDED_BY(engine_thread_) = true;
  bool settings_dirty_ GUARDED_BY(engine_thread_) = true;
  std::string browsed_dataset_ GUARDED_BY(engine_thread_), browse_search_ GUARDED_BY(engine_thread_);
  int64_t browse_offset_ GUARDED_BY(engine_thread_) = 0;
  std::shared_ptr<const DatasetsView> datasets_view_ GUARDED_BY(engine_thread_);
  // the browsed dataset's page
  std::shared_ptr<const std::vector<IdeaBlock>> page_ GUARDED_BY(engine_thread_);
  struct ShownPage {  // where page_ came from, so the next page starts from its ids
    std::string dataset, search;
    int64_t offset = 0, first_id = 0, last_id = 0, count = 0;
  };
  ShownPage shown_page_ GUARDED_BY(engine_thread_);
  // Per dataset, what its vectors are, kept between publishes: a row is read again only
  // when that dataset's vectors changed (the count grows by what a batch stored; it is
  // counted again only after blocks were removed), never per publish or per block.
  struct VectorState {
    std::string model;
    int dimensions = 0;
    bool stale = false;
    int64_t count = 0;
  };
  std::unordered_map<std::string, VectorState> vector_states_ GUARDED_BY(engine_thread_);
  // count again (one index walk)
  std::unordered_set<std::string> vectors_to_count_ GUARDED_BY(engine_thread_);
  // model, dimension, stale flag (one row)
  std::unordered_set<std::string> vectors_to_read_ GUARDED_BY(engine_thread_);
  // dataset → its newest Re-embed job
  std::unordered_map<std::string, int64_t> reembed_jobs_ GUARDED_BY(engine_thread_);
  std::shared_ptr<const SettingsView> settings_view_ GUARDED_BY(engine_thread_);
  std::shared_ptr<const EndpointTestView> endpoint_test_ GUARDED_BY(engine_thread_);
  std::shared_ptr<const ExportStatus> export_status_ GUARDED_BY(engine_thread_);
  std::shared_ptr<const DatasetSearchView> dataset_search_ GUARDED_BY(engine_thread_);
  // Searches of the Datasets tab run one at a time off the engine thread; the vectors of
  // the datasets searched last stay loaded between them.
  std::shared_ptr<store::DatasetVectorCache> search_cache_ GUARDED_BY(engine_thread_) =
      std::make_shared<store::DatasetVectorCache>();
  // For "what changed": a file is hashed once per (size, modification time), an
  // unreadable one included (its hash is empty).
  struct HashedFile {
    int64_t size = 0;
    int64_t mtime = 0;
    std::string hash;
    bool hashed = false;   // size, mtime and hash belong together
    bool hashing = false;  // a background task is hashing this path
  };
  std::unordered_map<std::string, HashedFile> hash_cache_ GUARDED_BY(engine_thread_);
  std::mt19937 jitter_rng_ GUARDED_BY(engine_thread_){std::random_device{}()};  // automatic retry jitter

  std::unique_ptr<WorkerPool> workers_ GUARDED_BY(engine_thread_);
  Mutex background_mutex_;
  struct BackgroundThread {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  // Export, endpoint test, hashing inputs: joined once finished (as the next one starts)
  // or at shutdown, which `stop_background_` asks the long ones to hurry.
  std::vector<BackgroundThread> background_ GUARDED_BY(background_mutex_);
  CancelToken stop_background_;
  std::thread thread_;
};

}  // namespace blockify
