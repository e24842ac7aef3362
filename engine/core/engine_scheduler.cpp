// Scheduling on the engine thread: recovery at start, starting Pending jobs on free
// workers (preparing what a fresh, resumed or failed-files attempt keeps), and the
// automatic retry countdown.
#include <cstdio>

#include "engine/core/engine_impl.h"
#include "engine/core/settings.h"
#include "engine/pipeline/extract/extract.h"
#include "engine/platform/files.h"

namespace blockify {
namespace {

// "42 s", or "0.4 s" for short test settings, where a whole number would say "0 s".
std::string seconds_text(double seconds) {
  if (seconds >= 10) return std::to_string(static_cast<int64_t>(seconds + 0.5)) + " s";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

}  // namespace

void EngineImpl::recover_interrupted_jobs() {
  for (auto& [id, job] : jobs_) {
    if (job.status != JobStatus::Processing && job.status != JobStatus::Cancelling) continue;
    bool was_processing = job.status == JobStatus::Processing;
    transition(job, JobCommand::Recover);
    auto attempts = store_->load_attempts(id);
    if (!attempts.empty() && attempts.back().outcome == AttemptOutcome::Running) {
      auto a = attempts.back();
      a.outcome = was_processing ? AttemptOutcome::Interrupted : AttemptOutcome::Cancelled;
      a.finished_at = store::now_ms();
      if (was_processing)
        a.error = {error_code::kInterrupted, "Blockify stopped while this attempt was running.",
                   default_hint(error_code::kInterrupted)};
      store_->update_attempt(a);
    }
    if (was_processing) {
      job.next_kind = AttemptKind::Resume;
      queue_job(id);
      log_event(id, "warn", "interrupted: resumed after restart");
      log_->warn("job {} interrupted: resumed after restart", id);
    } else {
      job.finished_at = store::now_ms();
      log_event(id, "info", "Cancelled (the cancel finished after a restart).");
    }
    mark_dirty(job);
  }
}

void EngineImpl::queue_job(int64_t id) {
  if (queued_.insert(id).second) queue_.push_back(id);
}

bool EngineImpl::has_startable() {
  if (workers_busy_ >= workers_total_) return false;
  // Jobs whose automatic retry is due join the queue again; the queue then holds only
  // jobs that may start now (or stale ids, dropped by the next schedule()), so this
  // costs nothing per job waiting.
  TimeMs now = store::now_ms();
  while (!waiting_until_.empty() && waiting_until_.begin()->first <= now) {
    queue_.push_back(waiting_until_.begin()->second);
    waiting_until_.erase(waiting_until_.begin());
  }
  return !queue_.empty();
}

void EngineImpl::run_stopped(int64_t job_id) {
  // The last worker of an abandoned run stopped: a job that waited for it may start.
  auto waiting = waiting_for_worker_.find(job_id);
  if (waiting == waiting_for_worker_.end()) return;
  waiting_for_worker_.erase(waiting);
  queue_.push_back(job_id);
}

bool EngineImpl::schedule() {
  // One unit starts jobs until the workers are busy; jobs that fail at once need no
  // worker, and at most kMaxFailedAtOnce of them share one unit.
  constexpr int kMaxFailedAtOnce = 1000;
  bool progressed = false;
  int failed_at_once = 0;
  TimeMs now = store::now_ms();
  for (auto it = queue_.begin();
       it != queue_.end() && workers_busy_ < workers_total_ && failed_at_once < kMaxFailedAtOnce;) {
    Job* job = find(*it);
    if (!job || job->status != JobStatus::Pending) {
      queued_.erase(*it);
      it = queue_.erase(it);
      continue;
    }
    // Set aside (still counted in queued_) until its time comes or its old run stopped.
    if (job->retry_at > now) {
      waiting_until_.emplace(job->retry_at, job->id);
      it = queue_.erase(it);
      continue;
    }
    if (abandoned_runs_.count(job->id)) {
      waiting_for_worker_.insert(job->id);
      it = queue_.erase(it);
      continue;
    }
    queued_.erase(*it);
    it = queue_.erase(it);
    JobRunRequest request = start_job(*job);
    progressed = true;
    if (fail_at_once(*job, request)) {
      ++failed_at_once;
      continue;
    }
    workers_busy_++;
    unit_.dispatch(std::move(request));
  }
  return progressed;
}

JobRunRequest EngineImpl::start_job(Job& job) {
  transition(job, JobCommand::Start);
  TimeMs now = store::now_ms();
  job.attempt += 1;
  Attempt attempt;
  attempt.job_id = job.id;
  attempt.number = job.attempt;
  attempt.kind = job.next_kind;
  attempt.started_at = now;
  attempt.free_disk_bytes = platform::free_space_at(options_.database.parent_path());
  attempt.settings = settings::settings_fingerprint(*store_, job.config.backend);
  store_->insert_attempt(attempt);

  job.started_at = now;
  job.finished_at = 0;
  job.retry_at = 0;
  job.error = {};
  job.failed_stage = Stage::Queued;
  job.stage = Stage::Extract;
  job.progress = 0;
  job.stage_progress = {};
  job.chunks_total = job.chunks_done = 0;

  RunningJob run;
  run.cancel = std::make_shared<CancelToken>();
  run.attempt_id = attempt.id;
  JobRunRequest request;
  request.job_id = job.id;
  request.config = job.config;
  request.cancel = run.cancel;
  if (job.config.mode == JobMode::ReEmbed) {
    prepare_reembed(job, request);
  } else {
    prepare_files(job, run, request);
    request.ocr = settings::ocr_settings(*store_);
    prepare_embeddings(job, request);
  }
  if (job.config.backend == Backend::OpenAI || request.embeddings.enabled()) {
    request.endpoint = endpoint_settings();
    request.request_retry = settings::request_backoff(*store_);
  }
  running_[job.id] = std::move(run);
  mark_dirty(job);
  log_event(job.id, "info",
            "Attempt " + std::to_string(job.attempt) + " started (" + to_string(attempt.kind) + ").");
  return request;
}

bool EngineImpl::fail_at_once(Job& job, const JobRunRequest& request) {
  // A job with nothing kept whose every input is missing fails here, on the same paths a
  // worker's events take, without a round trip through a worker: retrying 30,000 jobs
  // whose files are gone then costs microseconds each. One stat per file, stopping at the
  // first file that exists.
  if (!request.kept_blocks.empty() || request.files.empty()) return false;
  std::vector<FileFinished> failures;
  for (const auto& f : request.files) {
    if (f.keep) return false;
    std::optional<ErrorInfo> missing = missing_input(f.path);
    if (!missing) return false;
    FileFinished out;
    out.job_id = job.id;
    out.file_id = f.file_id;
    out.status = FileStatus::Failed;
    out.error = std::move(*missing);
    out.failed_stage = Stage::Extract;
    failures.push_back(std::move(out));
  }
  JobFinished finished;
  finished.job_id = job.id;
  finished.error = failures.front().error;
  if (failures.size() > 1)
    finished.error.message =
        std::to_string(failures.size()) + " files failed; the first: " + failures.front().error.message;
  finished.failed_stage = Stage::Extract;
  for (auto& f : failures) on_file_finished(f);
  on_job_finished(finished);
  return true;
}

void EngineImpl::prepare_files(Job& job, RunningJob& run, JobRunRequest& request) {
  auto files = store_->load_files(job.id);
  std::set<int64_t> parents_with_failures;
  for (const auto& f : files)
    if (f.parent_id != 0 && f.status == FileStatus::Failed) parents_with_failures.insert(f.parent_id);

  AttemptKind kind = job.next_kind;
  bool fresh = kind == AttemptKind::Fresh;
  // A job's earlier blocks go (Fresh) or partly go (the other kinds) only when it has any:
  // a job that failed on missing files changes no dataset.
  if (job.blocks > 0) dataset_changed(job.dataset, true);
  if (fresh) {
    store_->delete_blocks(job.id);
  }
  int total = 0, done = 0;
  for (auto& f : files) {
    if (f.parent_id != 0) continue;  // children follow their archive
    bool failed = f.status == FileStatus::Failed || parents_with_failures.count(f.id) > 0;
    bool completed = f.status == FileStatus::Completed && !failed;
    bool keep = false;
    if (kind == AttemptKind::Resume || kind == AttemptKind::Automatic) keep = completed;
    if (kind == AttemptKind::FailedFiles) keep = !failed;
    if (keep) {
      if (kind == AttemptKind::FailedFiles && !completed && f.status != FileStatus::Skipped) {
        f.status = FileStatus::Skipped;
        store_->update_file(f);
      }
      for (const auto& c : files) {
        if (c.parent_id != f.id) continue;
        total++;
        done += c.status == FileStatus::Completed ? 1 : 0;
      }
      total++;
      done += completed ? 1 : 0;
      request.files.push_back({f.id, f.path, true});
      run.files[f.id] = f;
      continue;
    }
    if (!fresh) {
      store_->delete_blocks_of_file(job.id, f.id);
    }
    for (const auto& c : files) {
      if (c.parent_id != f.id) continue;
      store_->delete_blocks_of_file(job.id, c.id);
      store_->delete_file(c.id);
    }
    f.status = FileStatus::Pending;
    f.stage = Stage::Queued;
    f.error = {};
    f.chars = f.chunks = f.blocks = 0;
    store_->update_file(f);
    total++;
    request.files.push_back({f.id, f.path, false});
    run.files[f.id] = f;
  }
  job.files_total = total;
  job.files_done = done;
  job.files_failed = 0;
  if (job.config.mode == JobMode::Blockify) request.kept_blocks = store_->load_job_blocks(job.id);
  job.blocks = static_cast<int64_t>(request.kept_blocks.size());
  job.blocks_before_distill = 0;
}

void EngineImpl::schedule_automatic_retry(Job& job) {
  int max_attempts = settings::auto_retry_attempts(*store_);
  if (job.auto_retries >= max_attempts) return;
  job.auto_retries += 1;
  if (!transition(job, JobCommand::Retry)) return;
  // Exponential backoff with jitter: 30 s, 60 s, 120 s ... capped at 10 min, times 0.5–1.0.
  double base_s = std::min(600.0, settings::auto_retry_base_s(*store_) * double(1 << (job.auto_retries - 1)));
  double jitter = std::uniform_real_distribution<double>(0.5, 1.0)(jitter_rng_);
  double delay_s = base_s * jitter;
  job.retry_at = store::now_ms() + static_cast<TimeMs>(delay_s * 1000);
  job.next_kind = AttemptKind::Automatic;
  queue_job(job.id);
  mark_dirty(job);
  log_event(job.id, "info",
            "Transient failure: automatic attempt " + std::to_string(job.auto_retries) + " of " +
                std::to_string(max_attempts) + " in " + seconds_text(delay_s) + ".");
}

std::chrono::milliseconds EngineImpl::next_wake() const {
  // Poll the commands table and refresh countdowns ten times a second; workers and
  // commands wake the loop at once through the inbox. A cancel's grace time ends on time.
  auto wake = std::chrono::milliseconds(100);
  auto now = std::chrono::steady_clock::now();
  for (const auto& [id, run] : running_) {
    if (run.cancel_deadline == std::chrono::steady_clock::time_point{}) continue;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(run.cancel_deadline - now);
    wake = std::min(wake, std::max(left, std::chrono::milliseconds(0)));
  }
  return wake;
}

EndpointSettings EngineImpl::endpoint_settings() { return settings::endpoint_settings(*store_); }

}  // namespace blockify

namespace blockify {

void EngineImpl::refresh_countdown() {
  // The focused job's "Retrying in 42 s" line ticks once a second.
  Job* job = find(focus_id_);
  if (!job || job->retry_at == 0 || job->status != JobStatus::Pending) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_countdown_ < std::chrono::seconds(1)) return;
  last_countdown_ = now;
  detail_dirty_ = true;
  publish();
}

}  // namespace blockify
