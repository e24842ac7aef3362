// One attempt of a Re-embed job, on a worker thread. The dataset's blocks without a
// vector are read page by page from a read-only connection of the worker's own (so a
// dataset of any size costs one page of memory and the engine thread never waits for the
// reads), embedded with embed_texts (the Embeddings stage's batches, backoff, error
// classes and cancel), and posted batch by batch for the engine to store.
#include <algorithm>
#include <chrono>

#include "engine/jobs/job_run.h"
#include "engine/store/job_store.h"

namespace blockify {
namespace {

constexpr int64_t kPageBlocks = 1024;  // blocks read from the database at a time

class ReEmbedRun {
 public:
  ReEmbedRun(const JobRunRequest& req, const EventSink& post)
      : req_(req), post_(post), cancel_(*req.cancel) {}

  void run() {
    if (!req_.embeddings.enabled())
      return fail({error_code::kModelNotFound,
                   "embeddings.model is empty, so there is no model to re-embed the dataset \"" +
                       req_.dataset + "\" with.",
                   "Set embeddings.model in Settings, then retry this job."},
                  false);
    store::JobStore reader(req_.database, store::JobStore::Access::kRead);
    done_ = req_.reembed_done;
    started_ = std::chrono::steady_clock::now();
    publish_progress();
    int64_t after = 0;
    for (;;) {
      if (cancel_.cancelled()) return finish_cancelled();
      std::vector<IdeaBlock> page = reader.dataset_blocks_without_vector(req_.dataset, after, kPageBlocks);
      if (page.empty()) break;
      after = page.back().id;
      if (!embed_page(page)) return;
    }
    if (cancel_.cancelled()) return finish_cancelled();
    note("");
    post_(JobFinished{req_.job_id, false, {}, Stage::Queued, false});
  }

 private:
  // False when the attempt ended here (cancel, or a batch that failed for good).
  bool embed_page(const std::vector<IdeaBlock>& page) {
    std::vector<std::string> texts;
    texts.reserve(page.size());
    for (const auto& b : page) texts.push_back(embedding_text(b));
    const int64_t requests_before = requests_, tokens_before = tokens_;
    auto on_batch = [&](const EmbeddedBatch& batch) {
      BlocksEmbedded e;
      e.job_id = req_.job_id;
      e.model = req_.embeddings.model;
      e.dimensions = batch.vectors.empty() ? 0 : static_cast<int>(batch.vectors.front().size());
      for (size_t i = 0; i < batch.vectors.size(); ++i)
        e.vectors.emplace_back(page[batch.first + i].id, batch.vectors[i]);
      embedded_ += static_cast<int64_t>(batch.vectors.size());
      done_ += static_cast<int64_t>(batch.vectors.size());
      requests_ = requests_before + batch.requests;
      tokens_ = tokens_before + batch.tokens;
      e.embedded = embedded_;
      e.requests = requests_;
      e.tokens = tokens_;
      e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
      post_(std::move(e));
      publish_progress();
    };
    EmbedTextsResult r = embed_texts(texts, req_.endpoint, req_.embeddings, req_.request_retry, cancel_,
                                     on_batch, [&](const std::string& text) { note(text); });
    if (r.cancelled || cancel_.cancelled()) {
      finish_cancelled();
      return false;
    }
    if (!r.error.empty()) {
      fail(r.error, r.transient);
      return false;
    }
    return true;
  }

  void note(const std::string& text) {
    if (text == note_) return;
    note_ = text;
    publish_progress();
  }

  void publish_progress() {
    JobProgress p;
    p.job_id = req_.job_id;
    p.stage = Stage::Embed;
    const double total = static_cast<double>(std::max<int64_t>(1, req_.reembed_total));
    const double share = std::min(1.0, static_cast<double>(done_) / total);
    p.stage_progress[timeline_segment(Stage::Embed)] = static_cast<float>(share);
    p.progress = share;
    p.chunks_total = std::max(req_.reembed_total, done_);
    p.chunks_done = done_;
    p.note = note_;
    post_(std::move(p));
  }

  void fail(ErrorInfo error, bool transient) {
    post_(JobFinished{req_.job_id, false, std::move(error), Stage::Embed, transient});
  }
  void finish_cancelled() { post_(JobFinished{req_.job_id, true, {}, Stage::Queued, false}); }

  const JobRunRequest& req_;
  const EventSink& post_;
  CancelToken& cancel_;
  std::chrono::steady_clock::time_point started_{};
  int64_t done_ = 0;      // blocks of the dataset with a vector of the model
  int64_t embedded_ = 0;  // of them, embedded by this attempt
  int64_t requests_ = 0, tokens_ = 0;
  std::string note_;
};

}  // namespace

void run_reembed(const JobRunRequest& request, const EventSink& post) { ReEmbedRun(request, post).run(); }

}  // namespace blockify
