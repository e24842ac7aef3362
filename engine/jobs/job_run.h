#pragma once
// What a worker is given to run one attempt of a job, and the events it posts back.
// Workers never touch job state or SQLite: the engine thread applies these events.
//
// Folder engine/jobs/: what runs off the engine thread. One job attempt on a worker
// (job_runner: extract, chunk, blockify, embed, distill), Re-embed, the Datasets search
// and the file fingerprints of "what changed" on background threads. They read SQLite
// only through read-only connections of their own and report by posting events or tasks
// to the engine thread; they never change job state.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/domain/ideablock.h"
#include "engine/domain/job.h"
#include "engine/pipeline/cancel.h"
#include "engine/pipeline/endpoint/embeddings.h"
#include "engine/pipeline/endpoint/endpoint.h"
#include "engine/pipeline/extract/extract.h"

namespace blockify {

struct FileToRun {
  int64_t file_id = 0;
  std::string path;
  bool keep = false;  // completed earlier and kept (resume / failed-files): not processed again
};

struct JobRunRequest {
  int64_t job_id = 0;
  JobConfig config;
  std::vector<FileToRun> files;
  std::vector<IdeaBlock> kept_blocks;  // results kept from earlier attempts (ids set)
  EndpointSettings endpoint;           // used when config.backend is OpenAI
  BackoffPolicy request_retry;         // retries of one endpoint request (retry.request_*)
  OcrSettings ocr;                     // ocr.* settings, for images and scanned pages
  // embeddings.*; model empty: no Embeddings stage. The key and timeouts are `endpoint`'s,
  // which the engine fills whenever embeddings are on, whatever the backend.
  EmbeddingSettings embeddings;
  std::vector<int64_t> embedded_ids;  // kept blocks that already have a vector (not sent again)
  std::shared_ptr<CancelToken> cancel;
  std::function<void(int64_t job_id, int64_t file_id)> before_file;  // EngineOptions::before_file
  // A Re-embed job (config.mode ReEmbed): its dataset, the database its worker reads the
  // blocks without a vector from (read-only, page by page), and the counts at the start.
  std::string dataset;
  std::filesystem::path database;
  int64_t reembed_total = 0;  // the dataset's representative blocks
  int64_t reembed_done = 0;   // of them, those that already have a vector of the model
};

// --- events, worker → engine ---

// Per-file progress; stage says where the file is. The first one (Extract, no counts)
// says the file has started.
struct FileProgress {
  int64_t job_id = 0;
  int64_t file_id = 0;
  Stage stage = Stage::Extract;
  int64_t chars = 0, chunks = 0, blocks = 0;
};
// An archive was opened; its entries become child files. Child events name the parent
// and the entry, since the worker does not know the child rows' ids.
struct ArchiveOpened {
  int64_t job_id = 0;
  int64_t file_id = 0;
  std::vector<std::string> entries;
};
struct FileFinished {
  int64_t job_id = 0;
  int64_t file_id = 0;  // the file, or the archive for an entry
  std::string entry;    // archive entry name; empty for a top-level file
  FileStatus status = FileStatus::Completed;
  ErrorInfo error;
  Stage failed_stage = Stage::Queued;
  int64_t size = 0, mtime = 0;
  std::string content_hash;
  std::string encoding;  // how the text was read (JobFile::encoding)
  int64_t chars = 0;
  int64_t chunk_count = 0;
  std::vector<std::string> chunks;  // chunk-only mode: stored as the dataset's items
  std::vector<IdeaBlock> blocks;
  // The model's reply to the chunk that failed with BAD_MODEL_OUTPUT (shortened), kept
  // for the job's log so the user can see what the model said.
  std::string raw_reply;
  // Fulfilled by the engine with the stored ids of `blocks`, in order.
  std::shared_ptr<std::promise<std::vector<int64_t>>> stored_ids;
};
struct JobProgress {
  int64_t job_id = 0;
  Stage stage = Stage::Extract;
  std::array<float, kTimelineStageCount> stage_progress{};
  double progress = 0;
  int64_t chunks_total = 0, chunks_done = 0;
  std::string note;  // e.g. "chunk 37: retrying in 8 s (try 3 of 5)"; empty clears it
};
struct JobDistilled {
  int64_t job_id = 0;
  int64_t blocks_before = 0;
  std::vector<std::pair<int64_t, int64_t>> merged;  // block id → representative id
  // Their full content as stored: merged keywords, tags and entities, and (when the
  // distill model merged them) the model's name, question and answer.
  std::vector<IdeaBlock> representatives;
  // Groups the distill model could not merge (their local merge was kept), as sentences.
  std::vector<std::string> warnings;
};
// One batch of IdeaBlock vectors (stored by the engine as they come, so a Resume keeps
// them) and the Embeddings stage's totals so far in this attempt.
struct BlocksEmbedded {
  int64_t job_id = 0;
  std::string model;
  int dimensions = 0;
  std::vector<std::pair<int64_t, std::vector<float>>> vectors;  // block id → vector
  int64_t embedded = 0, requests = 0, tokens = 0;
  double seconds = 0;
};
struct JobFinished {
  int64_t job_id = 0;
  bool cancelled = false;
  ErrorInfo error;  // empty: completed
  Stage failed_stage = Stage::Queued;
  bool transient = false;  // every failure was transient (eligible for automatic retry)
};

using WorkerEvent = std::variant<FileProgress, ArchiveOpened, FileFinished, JobProgress, JobDistilled,
                                 JobFinished, BlocksEmbedded>;
using EventSink = std::function<void(WorkerEvent)>;

// Runs one attempt: extract → chunk → blockify per file, then embed, distill and export,
// posting events as it goes. Returns after posting JobFinished (always exactly once).
void run_job(const JobRunRequest& request, const EventSink& post);

// Runs one attempt of a Re-embed job: embeds, batch by batch, every representative block
// of request.dataset that has no vector yet, posting BlocksEmbedded and JobProgress (blocks
// embedded of reembed_total in chunks_done / chunks_total) and then JobFinished.
void run_reembed(const JobRunRequest& request, const EventSink& post);

}  // namespace blockify
