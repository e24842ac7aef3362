// The engine-thread half of the Embeddings stage: what a job is asked to embed when it
// starts, and storing the vectors its worker sends. A dataset never mixes models: when
// the model changed since its vectors were made, they are marked stale and the job adds
// no vectors of another model to them.
#include "engine/core/engine_impl.h"
#include "engine/core/settings.h"
#include "engine/store/job_store.h"

namespace blockify {

void EngineImpl::prepare_embeddings(const Job& job, JobRunRequest& request) {
  request.embeddings = settings::embedding_settings(*store_);
  if (!request.embeddings.enabled() || job.config.mode != JobMode::Blockify) {
    request.embeddings.model.clear();
    return;
  }
  store::DatasetVectors vectors = store_->dataset_vectors(job.dataset, false);
  if (!vectors.model.empty() && vectors.model != request.embeddings.model &&
      store_->dataset_vectors(job.dataset).count > 0) {
    store_->mark_vectors_stale(job.dataset);
    vectors_changed(job.dataset, 0);
    log_event(job.id, "warn",
              "The dataset \"" + job.dataset + "\" has vectors from the model " + vectors.model +
                  ", but embeddings.model is now " + request.embeddings.model +
                  ", so this job's IdeaBlocks were not embedded and the dataset's vectors are marked stale. "
                  "Re-embed "
                  "the dataset (Datasets tab, or `blockify dataset reembed " +
                  job.dataset +
                  "`) to embed all of it "
                  "with " +
                  request.embeddings.model + ", or set embeddings.model back to " + vectors.model +
                  " and retry the job.");
    request.embeddings.model.clear();
    return;
  }
  // Blocks kept from an earlier attempt keep their vectors (Resume); the rest get one.
  request.embedded_ids = store_->job_blocks_with_vectors(job.id);
}

void EngineImpl::on_blocks_embedded(const BlocksEmbedded& e) {
  Job* job = find(e.job_id);
  if (!job || !running_.count(e.job_id)) return;
  const bool reembed = job->config.mode == JobMode::ReEmbed;
  store::DatasetVectors vectors = store_->dataset_vectors(job->dataset, false);
  if (vectors.model != e.model || vectors.dimensions != e.dimensions) {
    if (reembed && store_->dataset_vectors(job->dataset).count > 0) {
      // A Re-embed brings the whole dataset to what the model sends now: vectors of
      // another length go, and the job's last check names the blocks left to embed.
      store_->delete_dataset_vectors(job->dataset);
      vectors_changed(job->dataset);
      log_event(job->id, "warn",
                "The model sent vectors of " + std::to_string(e.dimensions) +
                    " dimensions, but the dataset \"" + job->dataset + "\" held vectors of " +
                    std::to_string(vectors.dimensions) +
                    "; those were dropped and its IdeaBlocks are embedded again.");
    } else if (store_->dataset_vectors(job->dataset).count > 0) {
      // Same model, another length (embeddings.dimensions changed): never mixed in.
      if (!vectors.stale)
        log_event(job->id, "warn",
                  "The model sent vectors of " + std::to_string(e.dimensions) +
                      " dimensions, but the dataset \"" + job->dataset + "\" holds vectors of " +
                      std::to_string(vectors.dimensions) +
                      "; they were not stored and the dataset's vectors are marked stale. Set "
                      "embeddings.dimensions "
                      "back to " +
                      std::to_string(vectors.dimensions) + " and retry the job.");
      store_->mark_vectors_stale(job->dataset);
      vectors_changed(job->dataset, 0);
      return;
    }
    store_->set_dataset_vector_model(job->dataset, e.model, e.dimensions);
    // A Re-embed's dataset stays stale until every block has a vector of the model.
    if (reembed) store_->mark_vectors_stale(job->dataset);
  }
  store_->put_block_vectors(job->dataset, e.vectors);
  vectors_changed(job->dataset, static_cast<int64_t>(e.vectors.size()));
  store_->save_job_embeddings(
      job->id, JobEmbeddings{e.model, e.dimensions, 0, e.requests, e.tokens, e.seconds, e.embedded});
  if (job->id == focus_id_) detail_dirty_ = true;
}

}  // namespace blockify
