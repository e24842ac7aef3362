// Applying user commands on the engine thread. Each goes through the state machine.
#include <filesystem>

#include "engine/core/engine_impl.h"
#include "engine/core/remote_command.h"
#include "engine/domain/state_machine.h"

namespace blockify {
namespace {

CommandResult not_found(int64_t id) {
  return {ResultCode::NotFound, "There is no job " + std::to_string(id) + ".", id};
}

}  // namespace

CommandResult EngineImpl::apply(Command& command) {
  return std::visit(
      [this](auto& c) REQUIRES(engine_thread_) -> CommandResult {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateJob>) return create_job(c);
        if constexpr (std::is_same_v<T, RetryJob>) return retry_job(c);
        if constexpr (std::is_same_v<T, CancelJob>) return cancel_job(c);
        if constexpr (std::is_same_v<T, DeleteJob>) return delete_job(c);
        if constexpr (std::is_same_v<T, FocusJob>) return focus_job(c);
        if constexpr (std::is_same_v<T, ReplaceFile>) return replace_file(c);
        if constexpr (std::is_same_v<T, RemoveFile>) return remove_file(c);
        if constexpr (std::is_same_v<T, BrowseDataset>) return browse_dataset(c);
        if constexpr (std::is_same_v<T, ExportDataset>) return export_dataset(c);
        if constexpr (std::is_same_v<T, SetSetting>) return set_setting(c);
        if constexpr (std::is_same_v<T, SaveApiKey>) return save_api_key(c);
        if constexpr (std::is_same_v<T, TestEndpoint>) return test_endpoint();
        if constexpr (std::is_same_v<T, RetryMany>) return retry_many(c);
        if constexpr (std::is_same_v<T, CancelMany>) return cancel_many(c);
        if constexpr (std::is_same_v<T, DeleteMany>) return delete_many(c);
        if constexpr (std::is_same_v<T, SearchDataset>) return search_dataset_command(c);
        if constexpr (std::is_same_v<T, ReEmbedDataset>) return reembed_dataset(c);
      },
      command);
}

CommandResult EngineImpl::create_job(CreateJob& c) {
  if (std::string why = validate_job_name(c.name); !why.empty()) return {ResultCode::Usage, why, 0};
  if (c.files.empty()) return {ResultCode::Usage, "A job needs at least one file.", 0};
  if (std::string why = validate(c.config); !why.empty()) return {ResultCode::Usage, why, 0};
  if (c.config.mode == JobMode::ReEmbed)
    return {ResultCode::Usage, "A Re-embed job is made with `blockify dataset reembed NAME`, not from files.",
            0};
  Job job;
  job.name = c.name;
  job.dataset = c.dataset.empty() ? "default" : c.dataset;
  job.config = c.config;
  job.status = JobStatus::Pending;
  job.created_at = store::now_ms();
  job.files_total = static_cast<int>(c.files.size());
  store_->insert_job(job);
  int position = 0;
  for (const auto& path : c.files) {
    JobFile f;
    f.job_id = job.id;
    std::error_code ec;
    auto abs = std::filesystem::absolute(path, ec);
    f.path = (ec ? std::filesystem::path(path) : abs.lexically_normal()).string();
    store_->insert_file(f, position++);
  }
  store_->ensure_dataset(job.dataset, job.created_at);
  int64_t id = job.id;
  log_->info("job {} created: \"{}\" with {} files into dataset {}", id, job.name, c.files.size(),
             job.dataset);
  dataset_changed(job.dataset);
  add_job(std::move(job));
  dirty_.insert(id);
  log_event(id, "info", "Created with " + std::to_string(c.files.size()) + " files.");
  return {ResultCode::Ok, "Created job " + std::to_string(id) + ".", id};
}

CommandResult EngineImpl::retry_job(const RetryJob& c) {
  Job* job = find(c.job_id);
  if (!job) return not_found(c.job_id);
  // During an automatic-retry countdown, Retry means "now".
  if (job->status == JobStatus::Pending && job->retry_at > 0) {
    job->retry_at = 0;
    job->next_kind = c.kind;
    mark_dirty(*job);
    log_event(job->id, "info", "Retry now: the automatic retry countdown was skipped.");
    return {ResultCode::Ok, "Job " + std::to_string(job->id) + " will start now.", job->id};
  }
  std::string reason;
  if (!transition(*job, JobCommand::Retry, &reason)) return {ResultCode::Refused, reason, job->id};
  // Step 3 of the flow: Pending at once, the timeline back to 0 %, the error cleared
  // (it stays in the attempt history).
  job->next_kind = c.kind;
  job->progress = 0;
  job->stage_progress = {};
  job->stage = Stage::Queued;
  job->error = {};
  job->failed_stage = Stage::Queued;
  job->retry_at = 0;
  job->auto_retries = 0;
  job->finished_at = 0;
  job->chunks_done = 0;
  queue_job(job->id);
  mark_dirty(*job);
  log_event(job->id, "info", std::string("Retry requested (") + to_string(c.kind) + ").");
  return {ResultCode::Ok, "Job " + std::to_string(job->id) + " is queued for retry.", job->id};
}

CommandResult EngineImpl::cancel_job(const CancelJob& c) {
  Job* job = find(c.job_id);
  if (!job) return not_found(c.job_id);
  std::string reason;
  if (!transition(*job, JobCommand::Cancel, &reason)) return {ResultCode::Refused, reason, job->id};
  if (job->status == JobStatus::Cancelled) {
    queued_.erase(job->id);  // the scheduler drops its stale id from queue_
    job->retry_at = 0;
    job->finished_at = store::now_ms();
    mark_dirty(*job);
    log_event(job->id, "info", "Cancelled before it started.");
  } else if (auto it = running_.find(job->id); it != running_.end()) {
    ask_to_stop(it->second);
    log_event(job->id, "info", "Cancel requested; stopping the workers.");
  }
  return {ResultCode::Ok, "Job " + std::to_string(job->id) + " is " + display_name(job->status) + ".",
          job->id};
}

CommandResult EngineImpl::delete_job(const DeleteJob& c) {
  Job* job = find(c.job_id);
  if (!job) return not_found(c.job_id);
  std::string reason;
  Transition t = decide(job->status, JobCommand::Delete, job->id);
  if (!t.allowed) {
    if (c.cancel_first && (job->status == JobStatus::Processing || job->status == JobStatus::Cancelling)) {
      if (job->status == JobStatus::Processing) transition(*job, JobCommand::Cancel);
      auto& run = running_.at(job->id);
      ask_to_stop(run);
      run.delete_when_stopped = true;
      log_event(job->id, "info", "Delete requested; cancelling first.");
      return {ResultCode::Ok,
              "Job " + std::to_string(job->id) + " is being cancelled and will then be deleted.", job->id};
    }
    return {ResultCode::Refused, t.reason, job->id};
  }
  int64_t id = job->id;
  std::string name = job->name;
  dataset_changed(job->dataset, true);
  store_->delete_job(id);
  remove_job(id);
  log_->info("job {} deleted", id);
  return {ResultCode::Ok, "Deleted job " + std::to_string(id) + " (" + name + ") and its results.", id};
}

CommandResult EngineImpl::focus_job(const FocusJob& c) {
  if (focus_id_ != c.job_id) focus_events_job_ = 0;
  focus_id_ = c.job_id;
  focus_offset_ = std::max<int64_t>(0, c.blocks_offset);
  detail_dirty_ = true;
  return {ResultCode::Ok, {}, c.job_id};
}

namespace {

CommandResult files_locked(const Job& job) {
  return {ResultCode::Refused,
          "Job " + std::to_string(job.id) + " is " + display_name(job.status) +
              " — files can be changed only while it is Failed or Cancelled.",
          job.id};
}

}  // namespace

CommandResult EngineImpl::replace_file(const ReplaceFile& c) {
  Job* job = find(c.job_id);
  if (!job) return not_found(c.job_id);
  if (job->status != JobStatus::Failed && job->status != JobStatus::Cancelled) return files_locked(*job);
  for (auto& f : store_->load_files(job->id)) {
    if (f.id != c.file_id) continue;
    std::string old = f.path;
    std::error_code ec;
    f.path = std::filesystem::absolute(c.new_path, ec).lexically_normal().string();
    f.status = FileStatus::Pending;
    f.stage = Stage::Queued;
    f.error = {};
    f.chars = f.chunks = f.blocks = 0;
    store_->update_file(f);
    store_->delete_blocks_of_file(job->id, f.id);
    dataset_changed(job->dataset, true);
    for (auto& child : store_->load_files(job->id))
      if (child.parent_id == f.id) store_->delete_file(child.id);
    log_event(job->id, "info", "Replaced " + old + " with " + f.path + ".");
    mark_dirty(*job);
    return {ResultCode::Ok, "Replaced the file; retry the job to process it.", job->id};
  }
  return {ResultCode::NotFound,
          "Job " + std::to_string(job->id) + " has no file " + std::to_string(c.file_id) + ".", job->id};
}

CommandResult EngineImpl::remove_file(const RemoveFile& c) {
  Job* job = find(c.job_id);
  if (!job) return not_found(c.job_id);
  if (job->status != JobStatus::Failed && job->status != JobStatus::Cancelled) return files_locked(*job);
  auto files = store_->load_files(job->id);
  int top_level = 0;
  for (const auto& f : files) top_level += f.parent_id == 0 ? 1 : 0;
  for (const auto& f : files) {
    if (f.id != c.file_id) continue;
    if (f.parent_id == 0 && top_level == 1)
      return {ResultCode::Refused, "A job needs at least one file; delete the job instead.", job->id};
    store_->delete_blocks_of_file(job->id, f.id);
    dataset_changed(job->dataset, true);
    store_->delete_file(f.id);
    auto left = store_->load_files(job->id);
    job->files_total = static_cast<int>(left.size());
    job->files_failed = 0;
    job->files_done = 0;
    for (const auto& l : left) {
      job->files_failed += l.status == FileStatus::Failed ? 1 : 0;
      job->files_done += l.status == FileStatus::Completed ? 1 : 0;
    }
    job->blocks = store_->count_blocks(job->id, true);
    log_event(job->id, "info", "Removed " + f.path + " from the job.");
    mark_dirty(*job);
    return {ResultCode::Ok, "Removed the file from the job.", job->id};
  }
  return {ResultCode::NotFound,
          "Job " + std::to_string(job->id) + " has no file " + std::to_string(c.file_id) + ".", job->id};
}

bool EngineImpl::remote_commands_waiting() {
  if (!options_.watch_command_table) return false;
  if (remote_due_) return true;  // queued before this engine started, or not yet taken
  auto now = std::chrono::steady_clock::now();
  if (now - last_command_poll_ < std::chrono::milliseconds(100)) return false;
  last_command_poll_ = now;
  // data_version changes only when another connection commits: a cheap "anything new?".
  int64_t v = store_->db().data_version();
  if (v == last_data_version_) return false;
  last_data_version_ = v;
  remote_due_ = true;
  return true;
}

void EngineImpl::poll_command_table() {
  if (!remote_due_) return;
  remote_due_ = false;
  for (auto& queued : store_->take_queued_commands()) {
    CommandResult r;
    if (auto command = parse_remote_command(queued.request, &r)) r = apply(*command);
    store_->finish_command(queued.id, static_cast<int>(r.code), remote_result_json(r));
    log_->info("command {} from another process: {} -> {}", queued.id, queued.request, r.message);
  }
}

}  // namespace blockify
