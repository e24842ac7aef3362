// One attempt of a job, on a worker thread: per file extract → chunk → blockify, then
// embed, distill and export. Talks to the engine only through posted events.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <thread>
#include <unordered_set>

#include "engine/jobs/chunk_blockifier.h"
#include "engine/jobs/endpoint_distill.h"
#include "engine/jobs/file_fingerprint.h"
#include "engine/jobs/job_run.h"
#include "engine/pipeline/text/chunk.h"
#include "engine/pipeline/text/distill.h"
#include "engine/pipeline/extract/extract.h"
#include "engine/platform/mutex.h"

namespace blockify {
namespace {

// Share of the overall bar per timeline stage (Extract, Chunk, Blockify, Embed, Distill,
// Export).
constexpr std::array<double, kTimelineStageCount> kStageWeights{0.15, 0.05, 0.60, 0.05, 0.10, 0.05};

class AttemptRun {
 public:
  AttemptRun(const JobRunRequest& req, const EventSink& post)
      : req_(req),
        post_(post),
        cancel_(*req.cancel),
        all_blocks_(req.kept_blocks),
        units_total_(static_cast<double>(req.files.size())) {}

  void run() {
    run_files();
    if (cancel_.cancelled()) return finish_cancelled();
    // The lanes are joined: from here the blocks belong to this thread alone.
    std::vector<IdeaBlock> blocks = take_blocks();
    {
      MutexLock lock(state_mutex_);
      progress_.fill(1.0f);
      progress_of(Stage::Embed) = progress_of(Stage::Distill) = progress_of(Stage::Export) = 0;
    }
    std::vector<std::vector<float>> vectors;  // by index into blocks, once embedded
    if (req_.config.mode == JobMode::Blockify && req_.embeddings.enabled()) {
      enter_stage(Stage::Embed);
      // A batch that failed for good fails the job here: its blocks stay, Resume embeds the rest.
      if (!embed_blocks(blocks, vectors)) return cancel_.cancelled() ? finish_cancelled() : finish();
    }
    enter_stage(Stage::Distill);
    if (req_.config.mode == JobMode::Blockify) distill_blocks(blocks, vectors);
    if (cancel_.cancelled()) return finish_cancelled();
    enter_stage(Stage::Export);
    {
      MutexLock lock(state_mutex_);
      progress_of(Stage::Export) = 1;
      publish_progress();
    }
    finish();
  }

 private:
  // Files run one after another, except with the endpoint: a job of many small files
  // would then have one request in flight at a time, so up to endpoint.parallel files
  // run side by side and share endpoint.parallel request slots.
  void run_files() {
    std::vector<const FileToRun*> todo;
    for (const auto& f : req_.files) {
      if (!f.keep) {
        todo.push_back(&f);
        continue;
      }
      MutexLock lock(state_mutex_);
      count_file_done(1);
    }
    size_t lanes = 1;
    if (req_.config.backend == Backend::OpenAI) {
      int parallel = std::max(1, req_.endpoint.parallel);
      lanes = std::min(todo.size(), static_cast<size_t>(parallel));
      request_slots_ = std::make_unique<RequestSlots>(parallel);
    }
    if (lanes <= 1) {
      for (const FileToRun* f : todo) {
        if (!may_start(*f)) break;
        run_file(*f);
      }
      return;
    }
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::vector<std::thread> threads;
    for (size_t t = 0; t < lanes; ++t) {
      threads.emplace_back([&] {
        try {
          for (size_t i = next.fetch_add(1); i < todo.size() && may_start(*todo[i]); i = next.fetch_add(1))
            run_file(*todo[i]);
        } catch (...) {
          // Rethrown on this attempt's thread, where run_job turns it into the job's error.
          MutexLock lock(state_mutex_);
          if (!failure) failure = std::current_exception();
          cancel_.cancel();
        }
      });
    }
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
  }

  // Every block the files produced, in id order (files that ran side by side stored
  // theirs in whatever order they finished).
  std::vector<IdeaBlock> take_blocks() {
    MutexLock lock(state_mutex_);
    std::vector<IdeaBlock> blocks = std::move(all_blocks_);
    std::sort(blocks.begin(), blocks.end(),
              [](const IdeaBlock& a, const IdeaBlock& b) { return a.id < b.id; });
    return blocks;
  }

  // The stages after the files' ones and before `stage` are complete (run or skipped);
  // the timeline shows `stage` running.
  void enter_stage(Stage stage) {
    MutexLock lock(state_mutex_);
    for (size_t s = timeline_segment(Stage::Embed); s < timeline_segment(stage); ++s) progress_[s] = 1;
    stage_ = stage;
    publish_progress();
  }

  // False once the job was cancelled. Runs the test hook first, so a test holding a
  // file there sees the cancel it posted meanwhile.
  bool may_start(const FileToRun& f) {
    if (req_.before_file) req_.before_file(req_.job_id, f.file_id);
    return !cancel_.cancelled();
  }

  void run_file(const FileToRun& f) {
    post_(FileProgress{req_.job_id, f.file_id, Stage::Extract, 0, 0, 0});
    Fingerprint fp = fingerprint_file(f.path);
    ExtractResult extracted;
    {
      // One extraction at a time: it is CPU work (files side by side are there to keep
      // requests in flight), and not every document library is known to be thread-safe.
      MutexLock lock(extract_mutex_);
      extracted = extract_file(f.path, extract_limits(), &cancel_);
    }
    {
      MutexLock lock(state_mutex_);
      extracted_units_ += 1;
      extract_partial_ = 0;
      if (note_.rfind("OCR page ", 0) == 0) note_.clear();
    }
    // Cancelled while reading: the file is left unfinished (Pending again), not chunked.
    if (cancel_.cancelled()) return;
    if (extracted.is_archive && extracted.ok()) {
      std::vector<std::string> names;
      for (const auto& e : extracted.entries) names.push_back(e.name);
      post_(ArchiveOpened{req_.job_id, f.file_id, names});
      size_t n = extracted.entries.size();
      for (size_t i = 0; i < n && !cancel_.cancelled(); ++i) {
        auto& entry = extracted.entries[i];
        process_text(f.file_id, entry.name, entry.result, entry.size, 0, {}, 1.0 / static_cast<double>(n));
      }
      // The archive itself completes once its entries ran; entries fail on their own.
      FileFinished done;
      done.job_id = req_.job_id;
      done.file_id = f.file_id;
      done.size = fp.size;
      done.mtime = fp.mtime;
      done.content_hash = fp.content_hash;
      post_(std::move(done));
      return;
    }
    process_text(f.file_id, {}, extracted, fp.size, fp.mtime, fp.content_hash, 1.0);
  }

  // The limits every file is read with, and OCR progress: "OCR page 3 of 12" in the
  // job's note and pages done as part of the timeline's Extract segment.
  ExtractLimits extract_limits() {
    ExtractLimits limits;
    limits.ocr = req_.ocr;
    limits.ocr.progress = [this](int done, int total) {
      MutexLock lock(state_mutex_);
      extract_partial_ = static_cast<double>(done) / static_cast<double>(std::max(1, total));
      note_ = "OCR page " + std::to_string(std::min(done + 1, total)) + " of " + std::to_string(total);
      publish_progress();
    };
    return limits;
  }

  // Chunks and blockifies one extracted text (a file or an archive entry); `share` is
  // this text's part of its file's progress unit.
  void process_text(int64_t file_id, const std::string& entry, ExtractResult& extracted, int64_t size,
                    int64_t mtime, const std::string& hash, double share) {
    FileFinished out;
    out.job_id = req_.job_id;
    out.file_id = file_id;
    out.entry = entry;
    out.size = size;
    out.mtime = mtime;
    out.content_hash = hash;
    out.encoding = extracted.encoding;
    if (!extracted.ok()) return finish_unreadable(std::move(out), extracted.error, share);
    if (cancel_.cancelled()) return;  // between entries of an archive, or before chunking
    std::vector<Chunk> chunks = chunk_stage(out, extracted, share);
    if (req_.config.mode == JobMode::ChunkOnly)
      return finish_chunk_only(std::move(out), std::move(chunks), share);
    ChunkBlocksResult blocks = blockify_stage(chunks, share);
    if (blocks.cancelled) return;  // the job settles as cancelled; partial blocks of this file are dropped
    hand_over_blocks(std::move(out), std::move(blocks), share);
  }

  // A text that could not be read fails its file at the Extract stage.
  void finish_unreadable(FileFinished out, const ErrorInfo& error, double share) {
    {
      MutexLock lock(state_mutex_);
      fail_file(out, error, Stage::Extract, false);
      count_file_done(share);
    }
    post_(std::move(out));
  }

  // The Chunk stage: the text becomes chunks (and is freed); the Files tab shows the
  // file's counts as it goes.
  std::vector<Chunk> chunk_stage(FileFinished& out, ExtractResult& extracted, double share) {
    const bool whole_file = out.entry.empty();
    out.chars = static_cast<int64_t>(extracted.text.size());
    if (whole_file) post_(FileProgress{req_.job_id, out.file_id, Stage::Chunk, out.chars, 0, 0});
    ChunkOptions options;
    options.size = static_cast<size_t>(req_.config.chunk_size);
    options.overlap = static_cast<size_t>(req_.config.chunk_size * req_.config.overlap_percent / 100);
    std::vector<Chunk> chunks = chunk_text(extracted.text, options);
    std::string().swap(extracted.text);
    out.chunk_count = static_cast<int64_t>(chunks.size());
    if (whole_file)
      post_(FileProgress{req_.job_id, out.file_id, Stage::Blockify, out.chars, out.chunk_count, 0});
    MutexLock lock(state_mutex_);
    chunked_units_ += share;
    chunks_total_ += static_cast<int64_t>(chunks.size());
    publish_progress();
    return chunks;
  }

  // Chunk-only mode: the chunks themselves are the file's result.
  void finish_chunk_only(FileFinished out, std::vector<Chunk> chunks, double share) {
    for (auto& c : chunks) out.chunks.push_back(std::move(c.text));
    {
      MutexLock lock(state_mutex_);
      chunks_done_ += static_cast<int64_t>(out.chunks.size());
      count_file_done(share);
    }
    post_(std::move(out));
  }

  // The Blockify stage: every chunk to IdeaBlocks, counted into the job-wide progress and
  // note as it goes.
  ChunkBlocksResult blockify_stage(const std::vector<Chunk>& chunks, double share) {
    // What this text added to the job-wide counters so far, since other files may be
    // adding to them at the same time.
    int64_t counted = 0;
    double partial = 0;
    std::string own_note;
    auto on_chunk = [&](int64_t done) {
      MutexLock lock(state_mutex_);
      stage_ = Stage::Blockify;
      chunks_done_ += done - counted;
      counted = done;
      double now = share * static_cast<double>(done) / static_cast<double>(chunks.size());
      blockified_units_partial_ += now - partial;
      partial = now;
      throttled_progress();
    };
    auto on_note = [&](const std::string& note) {
      MutexLock lock(state_mutex_);
      // Clearing clears only this text's countdown, not another file's.
      bool someone_elses = note.empty() && note_ != own_note;
      own_note = note;
      if (someone_elses) return;
      note_ = note;
      publish_progress();
    };
    {
      MutexLock lock(state_mutex_);
      stage_ = Stage::Blockify;
    }
    ChunkBlocksResult r = blockify_chunks(chunks, req_.config.backend, req_.endpoint, req_.request_retry,
                                          request_slots_.get(), cancel_, on_chunk, on_note);
    {
      MutexLock lock(state_mutex_);
      blockified_units_partial_ = std::max(0.0, blockified_units_partial_ - partial);
    }
    if (!own_note.empty()) on_note("");
    return r;
  }

  // Posts the file's blocks (or its Blockify failure) and waits for the engine to store
  // them, so that embed and distill can name them by id.
  void hand_over_blocks(FileFinished out, ChunkBlocksResult r, double share) {
    if (!r.error.empty()) {
      MutexLock lock(state_mutex_);
      fail_file(out, r.error, Stage::Blockify, r.transient);
    }
    out.raw_reply = std::move(r.raw_reply);
    for (auto& b : r.blocks) {
      b.file_id = out.file_id;
      b.source_file = out.entry.empty() ? req_path(out.file_id) : out.entry;
    }
    out.blocks = std::move(r.blocks);
    auto ids = std::make_shared<std::promise<std::vector<int64_t>>>();
    auto stored = ids->get_future();
    out.stored_ids = ids;
    std::vector<IdeaBlock> copy = out.blocks;
    {
      MutexLock lock(state_mutex_);
      count_file_done(share);
    }
    post_(std::move(out));
    std::vector<int64_t> got;
    try {
      got = stored.get();
    } catch (const std::future_error&) {
      cancel_.cancel();  // the engine is shutting down
      return;
    }
    for (size_t i = 0; i < copy.size() && i < got.size(); ++i) copy[i].id = got[i];
    MutexLock lock(state_mutex_);
    all_blocks_.insert(all_blocks_.end(), std::make_move_iterator(copy.begin()),
                       std::make_move_iterator(copy.end()));
  }

  std::string req_path(int64_t file_id) const {
    for (const auto& f : req_.files)
      if (f.file_id == file_id) return f.path;
    return {};
  }

  void fail_file(FileFinished& out, const ErrorInfo& error, Stage stage, bool transient)
      REQUIRES(state_mutex_) {
    out.status = FileStatus::Failed;
    out.error = error;
    out.failed_stage = stage;
    count_failure(error, stage, transient);
  }

  // The job's error is its first failure's; it retries by itself only if all were transient.
  void count_failure(const ErrorInfo& error, Stage stage, bool transient) REQUIRES(state_mutex_) {
    ++failures_;
    if (!transient) all_transient_ = false;
    if (first_error_.empty()) {
      first_error_ = error;
      first_failed_stage_ = stage;
    }
  }

  // A file (or its `units` share of one) is through Blockify, whatever became of it.
  void count_file_done(double units) REQUIRES(state_mutex_) {
    done_units_ += units;
    publish_progress();
  }

  // The Embeddings stage: a vector for every block that has none yet, batch by batch,
  // each batch posted as it arrives so the engine stores it. False when the stage
  // stopped early (cancel, or a batch that failed for good: then the job's error).
  bool embed_blocks(const std::vector<IdeaBlock>& blocks, std::vector<std::vector<float>>& vectors) {
    const std::unordered_set<int64_t> done_before(req_.embedded_ids.begin(), req_.embedded_ids.end());
    std::vector<size_t> todo;  // indexes into blocks
    std::vector<std::string> texts;
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (done_before.count(blocks[i].id)) continue;
      todo.push_back(i);
      texts.push_back(embedding_text(blocks[i]));
    }
    const auto started = std::chrono::steady_clock::now();
    int64_t embedded = 0;
    auto on_batch = [&](const EmbeddedBatch& batch) {
      BlocksEmbedded e;
      e.job_id = req_.job_id;
      e.model = req_.embeddings.model;
      e.dimensions = batch.vectors.empty() ? 0 : static_cast<int>(batch.vectors.front().size());
      vectors.resize(blocks.size());
      for (size_t i = 0; i < batch.vectors.size(); ++i) {
        size_t block = todo[batch.first + i];
        e.vectors.emplace_back(blocks[block].id, batch.vectors[i]);
        vectors[block] = batch.vectors[i];
      }
      embedded += static_cast<int64_t>(batch.vectors.size());
      e.embedded = embedded;
      e.requests = batch.requests;
      e.tokens = batch.tokens;
      e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      post_(std::move(e));
      MutexLock lock(state_mutex_);
      progress_of(Stage::Embed) = static_cast<float>(batch.first + batch.vectors.size()) /
                                  static_cast<float>(std::max<size_t>(1, texts.size()));
      throttled_progress();
    };
    EmbedTextsResult r = embed_texts(texts, req_.endpoint, req_.embeddings, req_.request_retry, cancel_,
                                     on_batch, [this](const std::string& note) { show_note(note); });
    if (r.cancelled || cancel_.cancelled()) return false;
    if (r.error.empty()) return true;
    MutexLock lock(state_mutex_);
    count_failure(r.error, Stage::Embed, r.transient);
    return false;
  }

  void distill_blocks(std::vector<IdeaBlock>& blocks, std::vector<std::vector<float>>& vectors) {
    JobDistilled d;
    d.job_id = req_.job_id;
    d.blocks_before = static_cast<int64_t>(blocks.size());
    if (blocks.size() > 1) {
      for (auto& b : blocks) b.merged_into = 0;
      DistillOptions options;
      options.threshold = req_.config.distill_threshold;
      // Vectors of this attempt only: blocks embedded by an earlier attempt fall back to
      // their words, as does every block of a job without embeddings.
      if (!vectors.empty()) {
        vectors.resize(blocks.size());
        options.vectors = &vectors;
      }
      DistillResult result = distill(blocks, options);
      if (req_.config.backend == Backend::OpenAI) {
        // Called from the endpoint's request threads, one at a time.
        auto on_group = [&](int done, int total) {
          MutexLock lock(state_mutex_);
          progress_of(Stage::Distill) = static_cast<float>(done) / static_cast<float>(std::max(1, total));
          throttled_progress();
        };
        auto on_note = [this](const std::string& note) { show_note(note); };
        EndpointDistillResult merged = distill_through_endpoint(
            blocks, result.representative, req_.endpoint, req_.request_retry, cancel_, on_group, on_note);
        show_note("");
        if (merged.cancelled) return;  // the job settles as cancelled; blocks stay unmerged
        d.warnings = std::move(merged.warnings);
      }
      for (size_t i = 0; i < result.representative.size(); ++i) {
        size_t rep = result.representative[i];
        if (rep != i) {
          d.merged.emplace_back(blocks[i].id, blocks[rep].id);
        } else {
          d.representatives.push_back(blocks[i]);
        }
      }
    } else {
      d.representatives = blocks;
    }
    post_(std::move(d));
  }

  // The job's note ("retrying in 5 s"); empty clears it.
  void show_note(const std::string& note) {
    MutexLock lock(state_mutex_);
    if (note.empty() && note_.empty()) return;
    note_ = note;
    publish_progress();
  }

  void throttled_progress() REQUIRES(state_mutex_) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_progress_ < std::chrono::milliseconds(50)) return;
    publish_progress();
  }

  void publish_progress() REQUIRES(state_mutex_) {
    last_progress_ = std::chrono::steady_clock::now();
    double n = units_total_ > 0 ? units_total_ : 1;
    if (stage_ < Stage::Embed) {
      progress_of(Stage::Extract) =
          static_cast<float>(std::min(1.0, (extracted_units_ + extract_partial_ + kept_units()) / n));
      progress_of(Stage::Chunk) = static_cast<float>(std::min(1.0, (chunked_units_ + kept_units()) / n));
      progress_of(Stage::Blockify) =
          static_cast<float>(std::min(1.0, (done_units_ + blockified_units_partial_) / n));
    }
    JobProgress p;
    p.job_id = req_.job_id;
    p.stage = stage_;
    p.stage_progress = progress_;
    double overall = 0;
    for (int i = 0; i < kTimelineStageCount; ++i) overall += kStageWeights[i] * progress_[i];
    p.progress = std::min(1.0, overall);
    p.chunks_total = chunks_total_;
    p.chunks_done = chunks_done_;
    p.note = note_;
    post_(std::move(p));
  }

  float& progress_of(Stage stage) REQUIRES(state_mutex_) { return progress_[timeline_segment(stage)]; }

  double kept_units() const {
    double k = 0;
    for (const auto& f : req_.files) k += f.keep ? 1 : 0;
    return k;
  }

  void finish_cancelled() { post_(JobFinished{req_.job_id, true, {}, Stage::Queued, false}); }

  void finish() {
    JobFinished f;
    f.job_id = req_.job_id;
    {
      MutexLock lock(state_mutex_);
      if (failures_ > 0) {
        f.error = first_error_;
        if (failures_ > 1)
          f.error.message = std::to_string(failures_) + " files failed; the first: " + first_error_.message;
        f.failed_stage = first_failed_stage_;
        f.transient = all_transient_;
      }
    }
    post_(std::move(f));
  }

  const JobRunRequest& req_;
  const EventSink& post_;
  CancelToken& cancel_;
  std::unique_ptr<RequestSlots> request_slots_;  // endpoint jobs: requests in flight, job-wide
  // One extraction at a time (run_file); it guards no data.
  Mutex extract_mutex_;
  // What the lanes of files running side by side share: their blocks, the job-wide
  // progress and note, and the failures. Once the lanes are joined the blocks are taken
  // by the attempt's thread; the rest stays shared with the endpoint's request threads,
  // whose callbacks report progress.
  Mutex state_mutex_;
  std::vector<IdeaBlock> all_blocks_ GUARDED_BY(state_mutex_);
  Stage stage_ GUARDED_BY(state_mutex_) = Stage::Extract;
  // By timeline_segment(stage): progress_of().
  std::array<float, kTimelineStageCount> progress_ GUARDED_BY(state_mutex_){};
  // The file being read (OCR): its share of pages done.
  double extract_partial_ GUARDED_BY(state_mutex_) = 0;
  const double units_total_;
  double extracted_units_ GUARDED_BY(state_mutex_) = 0;
  double chunked_units_ GUARDED_BY(state_mutex_) = 0;
  double done_units_ GUARDED_BY(state_mutex_) = 0;
  double blockified_units_partial_ GUARDED_BY(state_mutex_) = 0;
  int64_t chunks_total_ GUARDED_BY(state_mutex_) = 0;
  int64_t chunks_done_ GUARDED_BY(state_mutex_) = 0;
  int failures_ GUARDED_BY(state_mutex_) = 0;
  bool all_transient_ GUARDED_BY(state_mutex_) = true;
  ErrorInfo first_error_ GUARDED_BY(state_mutex_);
  Stage first_failed_stage_ GUARDED_BY(state_mutex_) = Stage::Queued;
  std::string note_ GUARDED_BY(state_mutex_);
  std::chrono::steady_clock::time_point last_progress_ GUARDED_BY(state_mutex_){};
};

}  // namespace

void run_job(const JobRunRequest& request, const EventSink& post) {
  try {
    if (request.config.mode == JobMode::ReEmbed) return run_reembed(request, post);
    AttemptRun(request, post).run();
  } catch (const std::exception& e) {
    // Exceptions never cross into the engine thread: they become the job's error.
    post(JobFinished{
        request.job_id,
        false,
        {error_code::kInternal, std::string("The job stopped on an internal error: ") + e.what() + ".",
         "Retry the job; if it fails again, report the log file."},
        Stage::Queued,
        false});
  }
}

}  // namespace blockify
