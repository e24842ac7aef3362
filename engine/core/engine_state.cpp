// The engine's in-memory job state: rows, counts, dirty tracking, notices, the detail.
#include "engine/core/engine_impl.h"
#include "engine/core/settings.h"
#include "engine/domain/state_machine.h"

namespace blockify {

Job* EngineImpl::find(int64_t id) {
  auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : &it->second;
}

void EngineImpl::add_job(Job job) {
  int64_t id = job.id;
  counts_[static_cast<int>(job.status)]++;
  if (job.status == JobStatus::Pending) queue_job(id);
  if (job.config.mode == JobMode::ReEmbed) {
    int64_t& newest = reembed_jobs_[job.dataset];
    newest = std::max(newest, id);
    datasets_dirty_ = true;
  }
  size_t slot = table_.append(std::make_shared<const Job>(job));
  slot_of_[id] = slot;
  jobs_.emplace(id, std::move(job));
  ++table_version_;
  changed_ = true;
}

void EngineImpl::mark_dirty(Job& job, bool status_changed) {
  dirty_.insert(job.id);
  if (status_changed) ++table_version_;
  if (job.id == focus_id_) detail_dirty_ = true;
  if (job.config.mode == JobMode::ReEmbed) datasets_dirty_ = true;  // its dataset's row shows it
  changed_ = true;
}

void EngineImpl::dataset_changed(const std::string& dataset, bool blocks_removed) {
  if (blocks_removed) vectors_changed(dataset);
  // Totals are one row per dataset (kept by triggers); the browsed page is a query, so it
  // is read again only when its own dataset changed.
  datasets_dirty_ = true;
  if (dataset == browsed_dataset_) page_dirty_ = true;
}

void EngineImpl::remove_job(int64_t id) {
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return;
  counts_[static_cast<int>(it->second.status)]--;
  if (auto r = reembed_jobs_.find(it->second.dataset); r != reembed_jobs_.end() && r->second == id) {
    reembed_jobs_.erase(r);
    datasets_dirty_ = true;
  }
  table_.set(slot_of_[id], nullptr);
  slot_of_.erase(id);
  jobs_.erase(it);
  dirty_.erase(id);
  queued_.erase(id);  // its id stays in queue_ until the scheduler passes it
  if (focus_id_ == id) detail_dirty_ = true;
  ++table_version_;
  changed_ = true;
}

bool EngineImpl::transition(Job& job, JobCommand command, std::string* reason) {
  Transition t = decide(job.status, command, job.id);
  if (!t.allowed) {
    if (reason) *reason = t.reason;
    return false;
  }
  if (t.to != job.status) {
    log_->info("job {} {}: {} -> {}", job.id, to_string(command), to_string(job.status), to_string(t.to));
    counts_[static_cast<int>(job.status)]--;
    counts_[static_cast<int>(t.to)]++;
    job.status = t.to;
    mark_dirty(job, true);
  }
  return true;
}

void EngineImpl::log_event(int64_t job_id, const std::string& level, const std::string& message) {
  TimeMs at = store::now_ms();
  store_->add_event(job_id, at, level, message);
  if (job_id != focus_id_) return;
  detail_dirty_ = true;
  // The open job's log grows here instead of being read again: its rows lie scattered
  // among every other job's, so reading 500 of them costs milliseconds on a big database.
  if (focus_events_job_ == job_id) {
    focus_events_.push_back({store_->db().last_insert_id(), job_id, at, level, message});
    if (focus_events_.size() > kDetailEvents) focus_events_.erase(focus_events_.begin());
  }
}

void EngineImpl::notice(const std::string& text, bool is_error) {
  notices_.push_back({next_notice_id_++, store::now_ms(), is_error, text});
  if (notices_.size() > 20) notices_.erase(notices_.begin());
  changed_ = true;
}

void EngineImpl::flush_dirty_jobs() {
  jobs_changed_since_publish_ += dirty_.size();
  for (int64_t id : dirty_) {
    auto it = jobs_.find(id);
    if (it == jobs_.end()) continue;
    store_->update_job(it->second);
    table_.set(slot_of_[id], std::make_shared<const Job>(it->second));
  }
  dirty_.clear();
}

std::shared_ptr<const JobDetail> EngineImpl::build_detail() {
  Job* job = find(focus_id_);
  if (!job) return nullptr;
  auto d = std::make_shared<JobDetail>();
  d->job = *job;
  d->files = store_->load_files(job->id);
  d->attempts = store_->load_attempts(job->id);
  if (focus_events_job_ != job->id) {
    focus_events_ = store_->load_events(job->id, static_cast<int>(kDetailEvents));
    focus_events_job_ = job->id;
  }
  d->events = focus_events_;
  d->blocks_offset = focus_offset_;
  d->blocks = store_->load_job_blocks(job->id, focus_offset_, kBlocksPageSize);
  d->blocks_total = store_->count_blocks(job->id, false);
  d->embeddings = store_->job_embeddings(job->id);
  // A Re-embed job owns no blocks: what it shows is its dataset's blocks with a vector.
  if (d->embeddings && job->config.mode == JobMode::ReEmbed) d->embeddings->blocks = job->chunks_done;
  if (auto it = running_.find(job->id); it != running_.end()) d->auto_retry_note = it->second.note;
  if (job->status == JobStatus::Failed || job->status == JobStatus::Cancelled)
    d->changes = changes_since_failure(*job);
  if (job->retry_at > 0 && job->status == JobStatus::Pending) {
    int64_t secs = std::max<int64_t>(0, (job->retry_at - store::now_ms() + 999) / 1000);
    d->auto_retry_note = "Retrying in " + std::to_string(secs) + " s (automatic attempt " +
                         std::to_string(job->auto_retries) + " of " +
                         std::to_string(settings::auto_retry_attempts(*store_)) + ")";
  }
  return d;
}

}  // namespace blockify
