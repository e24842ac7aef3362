// Applying worker events on the engine thread: file progress and results, the job's
// progress, distill merges, and the end of an attempt.
#include <filesystem>

#include "engine/core/engine_impl.h"
#include "engine/store/job_store.h"

namespace blockify {

void EngineImpl::apply(WorkerEvent& event) {
  std::visit(
      [this](auto& e) REQUIRES(engine_thread_) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, FileProgress>) on_file_progress(e);
        if constexpr (std::is_same_v<T, ArchiveOpened>) on_archive_opened(e);
        if constexpr (std::is_same_v<T, FileFinished>) on_file_finished(e);
        if constexpr (std::is_same_v<T, JobProgress>) on_job_progress(e);
        if constexpr (std::is_same_v<T, JobDistilled>) on_job_distilled(e);
        if constexpr (std::is_same_v<T, JobFinished>) on_job_finished(e);
        if constexpr (std::is_same_v<T, BlocksEmbedded>) on_blocks_embedded(e);
      },
      event);
}

void EngineImpl::on_file_progress(const FileProgress& e) {
  auto run = running_.find(e.job_id);
  if (run == running_.end()) return;
  auto it = run->second.files.find(e.file_id);
  if (it == run->second.files.end()) return;
  it->second.status = FileStatus::Processing;  // progress comes only before the file's end
  it->second.stage = e.stage;
  it->second.chars = e.chars;
  it->second.chunks = e.chunks;
  it->second.blocks = e.blocks;
  store_->update_file(it->second);
  if (e.job_id == focus_id_) detail_dirty_ = true;
}

void EngineImpl::on_archive_opened(const ArchiveOpened& e) {
  auto run = running_.find(e.job_id);
  Job* job = find(e.job_id);
  if (run == running_.end() || !job) return;
  auto parent = run->second.files.find(e.file_id);
  if (parent == run->second.files.end()) return;
  int position = 0;
  for (const auto& name : e.entries) {
    JobFile child;
    child.job_id = e.job_id;
    child.parent_id = e.file_id;
    child.path = parent->second.path + "/" + name;
    store_->insert_file(child, position++);
    run->second.entries[{e.file_id, name}] = child.id;
    run->second.files[child.id] = child;
  }
  job->files_total += static_cast<int>(e.entries.size());
  mark_dirty(*job);
}

void EngineImpl::on_file_finished(FileFinished& e) {
  auto run = running_.find(e.job_id);
  Job* job = find(e.job_id);
  if (run == running_.end() || !job) {
    if (e.stored_ids) e.stored_ids->set_value({});
    return;
  }
  int64_t file_id = e.file_id;
  if (!e.entry.empty()) file_id = run->second.entries[{e.file_id, e.entry}];
  JobFile& f = run->second.files[file_id];
  f.status = e.status;
  f.stage = e.status == FileStatus::Completed ? Stage::Done : e.failed_stage;
  f.error = e.error;
  f.chars = e.chars;
  f.chunks = e.chunk_count;
  f.blocks = static_cast<int64_t>(e.blocks.size());
  f.encoding = e.encoding;
  f.size = e.size;
  if (e.entry.empty()) {  // an archive entry has no file of its own to fingerprint
    f.mtime = e.mtime;
    f.content_hash = e.content_hash;
  }
  store_->update_file(f);
  // Chunk-only mode: each chunk is one item of the dataset, stored like a block so the
  // Datasets view, export and resume treat both modes alike.
  std::string file_name = std::filesystem::path(f.path).filename().string();
  int index = 0;
  for (auto& text : e.chunks) {
    IdeaBlock item;
    item.name = file_name + ", chunk " + std::to_string(index + 1);
    item.trusted_answer = std::move(text);
    item.tags = {"CHUNK"};
    item.chunk_index = index++;
    item.source_file = f.path;
    e.blocks.push_back(std::move(item));
  }
  for (auto& b : e.blocks) b.file_id = file_id;
  if (!e.blocks.empty()) {
    try {
      store_->insert_blocks(job->id, job->dataset, job->attempt, e.blocks);
      dataset_changed(job->dataset);
    } catch (...) {
      // The pass fails as a whole; the worker waiting for the ids must not wait forever.
      if (e.stored_ids) e.stored_ids->set_value({});
      throw;
    }
  }
  if (e.stored_ids) {
    std::vector<int64_t> ids;
    for (const auto& b : e.blocks) ids.push_back(b.id);
    unit_.give_block_ids(e.stored_ids, std::move(ids));
  }
  if (e.status == FileStatus::Completed) job->files_done++;
  if (e.status == FileStatus::Failed) {
    job->files_failed++;
    log_event(job->id, "error", f.path + ": " + e.error.message);
    if (!e.raw_reply.empty()) log_event(job->id, "info", f.path + ": the model replied: " + e.raw_reply);
  }
  job->blocks += static_cast<int64_t>(e.blocks.size());
  mark_dirty(*job);
}

void EngineImpl::on_job_progress(const JobProgress& e) {
  Job* job = find(e.job_id);
  auto run = running_.find(e.job_id);
  if (!job || run == running_.end()) return;
  job->stage = e.stage;
  job->stage_progress = e.stage_progress;
  job->progress = e.progress;
  job->chunks_total = e.chunks_total;
  job->chunks_done = e.chunks_done;
  if (job->config.mode == JobMode::ReEmbed)
    job->blocks = e.chunks_done;  // the dataset's blocks with a vector
  if (run->second.note != e.note) {
    run->second.note = e.note;
    if (!e.note.empty()) log_event(job->id, "warn", e.note);
  }
  mark_dirty(*job);
}

void EngineImpl::on_job_distilled(const JobDistilled& e) {
  Job* job = find(e.job_id);
  if (!job || !running_.count(e.job_id)) return;
  store_->clear_merges(job->id);
  dataset_changed(job->dataset, true);
  for (const auto& [id, rep] : e.merged) store_->set_merged_into(id, rep);
  for (const auto& b : e.representatives) store_->update_block_content(b);
  for (const auto& warning : e.warnings) log_event(job->id, "warn", warning);
  job->blocks_before_distill = e.blocks_before;
  job->blocks = static_cast<int64_t>(e.representatives.size());
  if (!e.merged.empty())
    log_event(job->id, "info",
              "Distill merged " + std::to_string(e.merged.size()) + " near-duplicate IdeaBlocks into " +
                  std::to_string(e.representatives.size()) + ".");
  mark_dirty(*job);
}

void EngineImpl::ask_to_stop(RunningJob& run) {
  run.cancel->cancel();
  if (run.cancel_deadline == std::chrono::steady_clock::time_point{})
    run.cancel_deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.cancel_grace_ms);
}

void EngineImpl::settle_overdue_cancels() {
  // A worker deep inside one parser call may take longer to notice a cancel than a user
  // should wait. Past the grace time the job is settled as if the worker had stopped; the
  // worker finishes in the background as an abandoned run (its events are dropped, its
  // slot is freed when it really stops, and the job cannot start again before that).
  auto now = std::chrono::steady_clock::now();
  std::vector<int64_t> overdue;
  for (const auto& [id, run] : running_)
    if (run.cancel_deadline != std::chrono::steady_clock::time_point{} && now >= run.cancel_deadline)
      overdue.push_back(id);
  if (overdue.empty()) return;
  run_unit([&]() REQUIRES(engine_thread_) {
    for (int64_t id : overdue) {
      if (!running_.count(id)) continue;
      abandoned_runs_[id]++;
      log_event(id, "warn",
                "The worker had not stopped " + std::to_string(options_.cancel_grace_ms) +
                    " ms after the cancel; the job is settled now and the worker stops in the background.");
      on_job_finished(JobFinished{id, true, {}, Stage::Queued, false});
    }
  });
}

void EngineImpl::on_job_finished(const JobFinished& finished) {
  auto run_it = running_.find(finished.job_id);
  Job* job = find(finished.job_id);
  if (run_it == running_.end() || !job) return;
  JobFinished e = finished;
  if (job->config.mode == JobMode::ReEmbed && !e.cancelled && e.error.empty() &&
      job->status == JobStatus::Processing)
    finish_reembed(*job, e);
  RunningJob run = std::move(run_it->second);
  running_.erase(run_it);
  TimeMs now = store::now_ms();

  Attempt attempt;
  for (auto& a : store_->load_attempts(job->id))
    if (a.id == run.attempt_id) attempt = a;
  attempt.finished_at = now;
  job->finished_at = now;
  // A file the attempt started but never finished (cancelled mid-way) is not Processing
  // any more: back to Pending, so it reads as not done and a Resume runs it again.
  for (auto& [id, file] : run.files) {
    if (file.status != FileStatus::Processing) continue;
    file.status = FileStatus::Pending;
    store_->update_file(file);
  }

  if (e.cancelled || job->status == JobStatus::Cancelling) {
    if (job->status == JobStatus::Processing) transition(*job, JobCommand::Cancel);
    transition(*job, JobCommand::Settle);
    attempt.outcome = AttemptOutcome::Cancelled;
    log_event(job->id, "info",
              "Cancelled; partial results kept (" + std::to_string(job->blocks) + " IdeaBlocks).");
  } else if (!e.error.empty()) {
    transition(*job, JobCommand::Fail);
    job->error = e.error;
    job->failed_stage = e.failed_stage;
    if (e.failed_stage != Stage::Queued) job->stage = e.failed_stage;
    attempt.outcome = AttemptOutcome::Failed;
    attempt.error = e.error;
    attempt.failed_stage = e.failed_stage;
    log_event(job->id, "error", "Failed: " + e.error.message);
  } else {
    transition(*job, JobCommand::Complete);
    job->stage = Stage::Done;
    job->progress = 1;
    job->stage_progress.fill(1.0f);
    job->auto_retries = 0;
    attempt.outcome = AttemptOutcome::Completed;
    store_->ensure_dataset(job->dataset, now);
    log_event(job->id, "info", "Completed with " + std::to_string(job->blocks) + " IdeaBlocks.");
  }
  store_->update_attempt(attempt);
  std::vector<store::FileFingerprint> prints;
  for (const auto& f : store_->load_files(job->id))
    if (f.parent_id == 0) prints.push_back({f.path, f.size, f.mtime, f.content_hash, f.status, f.error.code});
  store_->record_fingerprints(attempt.id, prints);
  mark_dirty(*job, true);

  if (run.delete_when_stopped) {
    int64_t id = job->id;
    dataset_changed(job->dataset, true);
    store_->delete_job(id);
    remove_job(id);
    log_->info("job {} deleted after cancelling", id);
    return;
  }
  if (job->status == JobStatus::Failed && e.transient) schedule_automatic_retry(*job);
}

}  // namespace blockify
