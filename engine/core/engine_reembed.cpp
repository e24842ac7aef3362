// The engine-thread half of Re-embed: the command that queues a Re-embed job, what an
// attempt of it is given when it starts (dropping vectors of another model first), the
// check at its end that clears the dataset's stale flag, and the per-dataset vector state
// the Datasets view shows, kept so that a publish reads only what changed.
#include "engine/core/engine_impl.h"
#include "engine/core/settings.h"
#include "engine/store/job_store.h"

namespace blockify {
namespace {

std::string in_quotes(const std::string& name) { return "\"" + name + "\""; }

}  // namespace

CommandResult EngineImpl::reembed_dataset(const ReEmbedDataset& c) {
  std::optional<int64_t> blocks = store_->dataset_block_count(c.dataset);
  if (!blocks) return {ResultCode::NotFound, "There is no dataset " + in_quotes(c.dataset) + ".", 0};
  EmbeddingSettings embeddings = settings::embedding_settings(*store_);
  if (!embeddings.enabled())
    return {ResultCode::Refused,
            "embeddings.model is empty, so there is no model to re-embed " + in_quotes(c.dataset) +
                " with; set it in Settings (or `blockify settings set embeddings.model NAME`) first.",
            0};
  if (*blocks == 0)
    return {ResultCode::Refused, "The dataset " + in_quotes(c.dataset) + " has no IdeaBlocks to embed.", 0};
  if (auto r = reembed_jobs_.find(c.dataset); r != reembed_jobs_.end())
    if (const Job* running = find(r->second); running && is_active(running->status))
      return {ResultCode::Refused,
              "A Re-embed of " + in_quotes(c.dataset) + " is already job " + std::to_string(running->id) +
                  " (" + display_name(running->status) + "); wait for it or cancel it first.",
              running->id};
  Job job;
  job.name = "Re-embed " + c.dataset;
  job.dataset = c.dataset;
  job.config.mode = JobMode::ReEmbed;
  job.status = JobStatus::Pending;
  job.created_at = store::now_ms();
  job.chunks_total = *blocks;
  store_->insert_job(job);
  int64_t id = job.id;
  log_->info("job {} created: re-embed dataset {} with {}", id, c.dataset, embeddings.model);
  dataset_changed(c.dataset);
  add_job(std::move(job));
  dirty_.insert(id);
  log_event(id, "info",
            "Created to give every IdeaBlock of " + in_quotes(c.dataset) + " a vector of " +
                embeddings.model + ".");
  return {ResultCode::Ok,
          "Queued Re-embed of " + in_quotes(c.dataset) + " as job " + std::to_string(id) + ".", id};
}

void EngineImpl::prepare_reembed(Job& job, JobRunRequest& request) {
  request.embeddings = settings::embedding_settings(*store_);
  request.dataset = job.dataset;
  request.database = options_.database;
  job.stage = Stage::Embed;
  job.files_total = job.files_done = job.files_failed = 0;
  if (!request.embeddings.enabled()) return;  // the worker fails the attempt with a sentence
  const std::string& model = request.embeddings.model;
  store::DatasetVectors vectors = store_->dataset_vectors(job.dataset, false);
  bool other_model = !vectors.model.empty() && vectors.model != model;
  bool other_length = !other_model && request.embeddings.dimensions > 0 && vectors.dimensions > 0 &&
                      vectors.dimensions != request.embeddings.dimensions;
  if (other_model || other_length) {
    // A dataset never mixes models: the old vectors go before the first new one comes.
    // Vectors already made with this model (an earlier attempt) are kept.
    store_->delete_dataset_vectors(job.dataset);
    store_->set_dataset_vector_model(job.dataset, model, 0);
    store_->mark_vectors_stale(job.dataset);  // until every block has a vector again
    vectors_changed(job.dataset);
    log_event(job.id, "info",
              "Dropped the vectors " + in_quotes(job.dataset) + " had from " + vectors.model + " (" +
                  std::to_string(vectors.dimensions) +
                  " dimensions); every IdeaBlock is embedded again with " + model + ".");
  }
  request.reembed_total = store_->dataset_block_count(job.dataset).value_or(0);
  request.reembed_done = store_->dataset_vectors(job.dataset).count;
  job.chunks_total = request.reembed_total;
  job.chunks_done = job.blocks = request.reembed_done;
  if (request.reembed_done > 0 && !other_model && !other_length)
    log_event(job.id, "info",
              std::to_string(request.reembed_done) + " of " + std::to_string(request.reembed_total) +
                  " IdeaBlocks already have a vector of " + model + " and are kept.");
}

void EngineImpl::finish_reembed(Job& job, JobFinished& e) {
  store::DatasetVectors vectors = store_->dataset_vectors(job.dataset);
  int64_t total = store_->dataset_block_count(job.dataset).value_or(0);
  int64_t missing = std::max<int64_t>(0, total - vectors.count);
  const std::string model = settings::embedding_settings(*store_).model;
  vectors_changed(job.dataset);
  job.chunks_total = total;
  job.chunks_done = job.blocks = vectors.count;
  if (missing > 0) {
    e.error = {error_code::kVectorsIncomplete,
               std::to_string(missing) + " of " + std::to_string(total) + " IdeaBlocks of " +
                   in_quotes(job.dataset) +
                   " still have no vector (blocks were added or changed while it ran).",
               default_hint(error_code::kVectorsIncomplete)};
    e.failed_stage = Stage::Embed;
    return;
  }
  if (vectors.model != model) {
    log_event(job.id, "warn",
              "embeddings.model changed to " + model + " while the job ran, so the vectors of " +
                  vectors.model + " stay marked stale; Re-embed again to use " + model + ".");
    return;
  }
  store_->clear_vectors_stale(job.dataset);
  log_event(job.id, "info",
            "Every IdeaBlock of " + in_quotes(job.dataset) + " (" + std::to_string(total) +
                ") has a vector of " + model + "; the dataset is searchable by meaning again.");
}

void EngineImpl::vectors_changed(const std::string& dataset, int64_t added) {
  datasets_dirty_ = true;
  auto it = vector_states_.find(dataset);
  if (it == vector_states_.end()) return;  // read in full when its row is first shown
  vectors_to_read_.insert(dataset);
  if (added < 0) {
    if (it->second.count > 0) vectors_to_count_.insert(dataset);  // removing cannot go below 0
  } else if (!vectors_to_count_.count(dataset)) {
    it->second.count += added;
  }
}

void EngineImpl::fill_vector_state(DatasetRow& row) {
  auto it = vector_states_.find(row.name);
  const bool count = it == vector_states_.end() || vectors_to_count_.count(row.name) > 0;
  if (count || vectors_to_read_.count(row.name)) {
    store::DatasetVectors read = store_->dataset_vectors(row.name, count);
    VectorState& state = vector_states_[row.name];
    state.model = read.model;
    state.dimensions = read.dimensions;
    state.stale = read.stale;
    if (count) state.count = read.count;
    vectors_to_count_.erase(row.name);
    vectors_to_read_.erase(row.name);
    it = vector_states_.find(row.name);
  }
  const VectorState& state = it->second;
  row.vector_model = state.model;
  row.vector_dimensions = state.dimensions;
  row.vectors = state.count;
  row.vectors_stale = state.stale;
  if (auto r = reembed_jobs_.find(row.name); r != reembed_jobs_.end())
    if (const Job* job = find(r->second); job && is_active(job->status)) {
      row.reembed_job = job->id;
      row.reembed_status = job->status;
      row.reembed_done = job->chunks_done;
      row.reembed_total = job->chunks_total;
    }
}

}  // namespace blockify
