#pragma once
// The job domain: what a job is, its files and its attempts. Plain values; no I/O.
//
// Folder engine/domain/: the product's nouns (Job, JobFile, Attempt, IdeaBlock, a
// dataset's summary) and the job state machine, as plain values and pure functions. No
// I/O and no threads of their own: any thread may use them; only the engine thread
// changes a live job.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/domain/error.h"

namespace blockify {

enum class JobStatus { Pending, Processing, Cancelling, Completed, Failed, Cancelled };
inline constexpr int kJobStatusCount = 6;
inline constexpr JobStatus kJobStatuses[kJobStatusCount] = {JobStatus::Pending,    JobStatus::Processing,
                                                            JobStatus::Cancelling, JobStatus::Completed,
                                                            JobStatus::Failed,     JobStatus::Cancelled};

// Pipeline stages, in order. Done marks a finished job or file.
enum class Stage { Queued, Extract, Chunk, Blockify, Embed, Distill, Export, Done };
inline constexpr int kTimelineStageCount = 6;  // Extract..Export have timeline segments
// A stage's place in a per-segment array such as Job::stage_progress (Extract: 0 ...
// Export: 5). Only Extract..Export have one.
constexpr size_t timeline_segment(Stage stage) {
  return static_cast<size_t>(stage) - static_cast<size_t>(Stage::Extract);
}

// ReEmbed: not a pipeline over files but a job of its own that gives every IdeaBlock of
// its dataset a vector of the current embeddings model ("Re-embed" of a stale dataset).
enum class JobMode { Blockify, ChunkOnly, ReEmbed };
enum class Backend { Offline, OpenAI };

// How an attempt was started.
// Fresh: a clean full restart (the first run and the row's one-click Retry).
enum class AttemptKind { Fresh, Resume, FailedFiles, Automatic };
enum class AttemptOutcome { Running, Completed, Failed, Cancelled, Interrupted };

enum class FileStatus { Pending, Processing, Completed, Failed, Skipped };

// Time in milliseconds since the Unix epoch; 0 means "not yet".
using TimeMs = int64_t;

struct JobConfig {
  JobMode mode = JobMode::Blockify;
  int chunk_size = 2000;     // characters, 1,000–4,000
  int overlap_percent = 10;  // of chunk_size
  Backend backend = Backend::Offline;
  double distill_threshold = 0.8;  // estimated Jaccard at or above which blocks merge
  bool operator==(const JobConfig&) const = default;
};

// One row of the jobs table: everything the list and the header of the detail show.
struct Job {
  int64_t id = 0;
  std::string name;
  std::string dataset;
  JobConfig config;
  JobStatus status = JobStatus::Pending;
  Stage stage = Stage::Queued;
  double progress = 0;  // 0..1 overall
  // Per timeline segment (Extract, Chunk, Blockify, Embed, Distill, Export): 0..1.
  std::array<float, kTimelineStageCount> stage_progress{};
  int attempt = 0;  // number of the current (or last) attempt
  TimeMs created_at = 0, started_at = 0, finished_at = 0;
  ErrorInfo error;
  Stage failed_stage = Stage::Queued;
  int files_total = 0, files_done = 0, files_failed = 0;
  int64_t chunks_total = 0, chunks_done = 0;
  int64_t blocks = 0;  // IdeaBlocks produced (after distill when distilled)
  int64_t blocks_before_distill = 0;
  TimeMs retry_at = 0;                         // automatic retry scheduled for this time (0: none)
  AttemptKind next_kind = AttemptKind::Fresh;  // how the next start runs
  int auto_retries = 0;                        // automatic attempts since the last user action
};

struct JobFile {
  int64_t id = 0;
  int64_t job_id = 0;
  int64_t parent_id = 0;  // archive entry: the archive's file id
  std::string path;       // absolute path, or "archive.zip/entry.txt" for an entry
  int64_t size = 0;
  int64_t mtime = 0;  // seconds since epoch when the job last read it
  std::string content_hash;
  FileStatus status = FileStatus::Pending;
  Stage stage = Stage::Queued;
  ErrorInfo error;
  int64_t chars = 0, chunks = 0, blocks = 0;
  // How the text was read, for the Files table: "UTF-8", "windows-1252 (detected)",
  // "OCR, 91 % confidence"; a wrong extension adds a note. Empty until extracted.
  std::string encoding;
};

struct Attempt {
  int64_t id = 0;
  int64_t job_id = 0;
  int number = 0;
  AttemptKind kind = AttemptKind::Fresh;
  TimeMs started_at = 0, finished_at = 0;
  AttemptOutcome outcome = AttemptOutcome::Running;
  ErrorInfo error;
  Stage failed_stage = Stage::Queued;
  int64_t free_disk_bytes = 0;  // free space where the database lives, at the start
  // The settings the attempt ran with ("key=value" lines; the API key only masked), so
  // "what changed since the failure" can name a changed setting.
  std::string settings;
};

// One line of a job's log ("interrupted: resumed after restart").
struct JobEvent {
  int64_t id = 0;
  int64_t job_id = 0;
  TimeMs at = 0;
  std::string level;  // info, warn, error
  std::string message;
};

// Names as the product and the command line spell them.
const char* to_string(JobStatus s);     // "pending" ... lower case, as in --json
const char* display_name(JobStatus s);  // "Pending" ... as on the badge
const char* to_string(Stage s);         // "extract" ...
const char* display_name(Stage s);      // "Extract" ...
const char* to_string(JobMode m);       // "blockify" | "chunk" | "reembed"
const char* to_string(Backend b);       // "offline" | "openai"
const char* to_string(AttemptKind k);   // "fresh" | "resume" | "failed-files" | "automatic"
const char* to_string(AttemptOutcome o);
const char* to_string(FileStatus s);

std::optional<JobStatus> parse_job_status(const std::string& text);
std::optional<Stage> parse_stage(const std::string& text);
std::optional<JobMode> parse_job_mode(const std::string& text);
std::optional<Backend> parse_backend(const std::string& text);
std::optional<AttemptKind> parse_attempt_kind(const std::string& text);
std::optional<AttemptOutcome> parse_attempt_outcome(const std::string& text);
std::optional<FileStatus> parse_file_status(const std::string& text);

// True for Pending, Processing and Cancelling: the job still has work in flight.
bool is_active(JobStatus s);

// Checks a configuration; returns an empty string when valid, else a sentence. The
// per-field checks are the same rules, for forms that show each field's error inline.
std::string validate(const JobConfig& config);
// A job's name must hold something visible: empty or only whitespace is refused.
std::string validate_job_name(const std::string& name);
// The limits these check, for forms and help that name them.
inline constexpr int kMinChunkSize = 1000, kMaxChunkSize = 4000;  // characters
inline constexpr int kMaxOverlapPercent = 50;                     // of the chunk size
std::string validate_chunk_size(int chunk_size);
std::string validate_overlap(int overlap_percent);
std::string validate_distill_threshold(double threshold);

}  // namespace blockify
