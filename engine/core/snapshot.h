#pragma once
// What the UI draws from: an immutable picture of the engine's state, published by the
// engine thread after each committed change. Readers hold a shared_ptr and never lock.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/job_table.h"
#include "engine/domain/dataset.h"
#include "engine/domain/ideablock.h"
#include "engine/domain/job.h"
#include "engine/domain/job_embeddings.h"

namespace blockify {

// One input file of a failed job compared with what the failed attempt read.
enum class InputState {
  Unchanged,
  Restored,  // was missing, is back
  Modified,  // size or content differ
  Missing,   // still missing
  New,       // not in the failed attempt
  Checking,  // same size as then: its content is being hashed to tell (off the engine thread)
};

struct InputChange {
  std::string path;
  InputState state = InputState::Unchanged;
  bool failed_before = false;  // the file failed in that attempt
};

// "What changed since the failure", computed by the engine for a focused Failed or
// Cancelled job.
struct ChangesSinceFailure {
  bool checked = false;
  std::vector<InputChange> inputs;
  int64_t free_disk_then = 0, free_disk_now = 0;  // bytes beside the database
  // Settings the job depends on that differ now, e.g. "endpoint.url: http://a → http://b".
  std::vector<std::string> settings_changed;
  // Nothing that could have caused the failure differs: a retry will likely fail again.
  bool nothing_changed = false;
};

// Heavy detail, published only for the job the UI focuses on.
struct JobDetail {
  Job job;
  std::vector<JobFile> files;
  std::vector<Attempt> attempts;
  std::vector<JobEvent> events;             // the job's log, oldest first (last 500)
  std::vector<IdeaBlock> blocks;            // one page of results (kBlocksPageSize), partial ones included
  int64_t blocks_offset = 0;                // first block of the page
  int64_t blocks_total = 0;                 // all blocks of the job, merged ones included
  std::string auto_retry_note;              // e.g. "chunk 37: retrying in 8 s (try 3 of 5)"
  ChangesSinceFailure changes;              // Failed / Cancelled jobs only
  std::optional<JobEmbeddings> embeddings;  // what its Embeddings stage did, if it ran
};

// A dataset as the Datasets view lists it: what the store keeps of it, and its vectors.
struct DatasetRow : DatasetSummary {
  // Its embedding vectors: the model they came from (empty: never embedded), their
  // length, how many representative blocks have one, and whether the model changed since.
  std::string vector_model;
  int vector_dimensions = 0;
  int64_t vectors = 0;
  bool vectors_stale = false;
  // Its newest Re-embed job while that job is Pending, Processing or Cancelling (0: none),
  // with its progress in blocks.
  int64_t reembed_job = 0;
  JobStatus reembed_status = JobStatus::Pending;
  int64_t reembed_done = 0, reembed_total = 0;
};

// IdeaBlocks per published page, for the focused job's Results tab and the browsed
// dataset alike: the engine loads one page, the views page by it.
inline constexpr int64_t kBlocksPageSize = 50;

// The Datasets view: every dataset, and one page of the browsed dataset's blocks.

struct DatasetsView {
  std::vector<DatasetRow> datasets;
  std::string browsed;  // empty: none browsed
  std::string search;
  int64_t offset = 0;
  std::vector<IdeaBlock> blocks;  // the page (kBlocksPageSize)
};

struct SettingsView {
  std::vector<std::pair<std::string, std::string>> values;  // key → value, known keys in order
  std::string api_key_masked;                               // "…1234" or "(not set)"
};

struct EndpointTestView {
  bool running = false;
  std::string url, model;
  std::string raw;
  std::vector<IdeaBlock> blocks;
  double latency_s = 0;
  double tokens_per_s = 0;  // 0 when the server reports no usage
  ErrorInfo error;
};

// A search of the Datasets tab: running, or its hits (best first) and what to say.
struct DatasetSearchView {
  std::string dataset, query;
  bool running = false;
  bool by_meaning = false;  // how it was searched (a dataset without vectors: by words)
  std::string message;      // a fallback note or an error sentence; empty otherwise
  bool is_error = false;
  struct Hit {
    IdeaBlock block;
    int64_t job_id = 0;
    float score = 0;
  };
  std::vector<Hit> hits;
};

struct ExportStatus {
  bool running = false;
  std::string message;  // last outcome, a sentence
  bool is_error = false;
};

// A sentence for the user about something that happened to a command (refusals above all).
struct Notice {
  uint64_t id = 0;
  TimeMs at = 0;
  bool is_error = false;
  std::string text;
};

struct Snapshot {
  uint64_t version = 0;                       // increases with every publish
  uint64_t table_version = 0;                 // increases when rows are added, removed or change status
  JobTable jobs;                              // ordered by id; null rows are deleted jobs
  std::array<int, kJobStatusCount> counts{};  // jobs per JobStatus
  std::shared_ptr<const JobDetail> detail;    // null when nothing is focused
  std::vector<Notice> notices;                // most recent last, at most 20
  int workers_busy = 0;
  int workers_total = 0;
  std::string database_path;
  // Non-empty while the database cannot be written: the cause and what to do, as one
  // sentence (e.g. "Could not save: the disk holding … is full. Free space, then retry.").
  // The engine takes no work meanwhile; the GUI shows it as a banner, `run` exits with it.
  std::string halted;
  std::shared_ptr<const DatasetsView> datasets;
  std::shared_ptr<const SettingsView> settings;
  std::shared_ptr<const EndpointTestView> endpoint_test;    // null until a test was run
  std::shared_ptr<const ExportStatus> export_status;        // null until an export was run
  std::shared_ptr<const DatasetSearchView> dataset_search;  // null until a search was run

  int count(JobStatus s) const { return counts[static_cast<int>(s)]; }
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace blockify
