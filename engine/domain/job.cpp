#include "engine/domain/job.h"

#include <array>
#include <utility>

namespace blockify {
namespace {

template <typename E, size_t N>
std::optional<E> parse_from(const std::array<std::pair<E, const char*>, N>& table, const std::string& text) {
  for (const auto& [value, name] : table)
    if (text == name) return value;
  return std::nullopt;
}

template <typename E, size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "unknown";
}

constexpr std::array<std::pair<JobStatus, const char*>, 6> kStatusNames{{
    {JobStatus::Pending, "pending"},
    {JobStatus::Processing, "processing"},
    {JobStatus::Cancelling, "cancelling"},
    {JobStatus::Completed, "completed"},
    {JobStatus::Failed, "failed"},
    {JobStatus::Cancelled, "cancelled"},
}};
constexpr std::array<std::pair<JobStatus, const char*>, 6> kStatusDisplay{{
    {JobStatus::Pending, "Pending"},
    {JobStatus::Processing, "Processing"},
    {JobStatus::Cancelling, "Cancelling"},
    {JobStatus::Completed, "Completed"},
    {JobStatus::Failed, "Failed"},
    {JobStatus::Cancelled, "Cancelled"},
}};
constexpr std::array<std::pair<Stage, const char*>, 8> kStageNames{{
    {Stage::Queued, "queued"},
    {Stage::Extract, "extract"},
    {Stage::Chunk, "chunk"},
    {Stage::Blockify, "blockify"},
    {Stage::Embed, "embed"},
    {Stage::Distill, "distill"},
    {Stage::Export, "export"},
    {Stage::Done, "done"},
}};
constexpr std::array<std::pair<Stage, const char*>, 8> kStageDisplay{{
    {Stage::Queued, "Queued"},
    {Stage::Extract, "Extract"},
    {Stage::Chunk, "Chunk"},
    {Stage::Blockify, "Blockify"},
    {Stage::Embed, "Embeddings"},
    {Stage::Distill, "Distill"},
    {Stage::Export, "Export"},
    {Stage::Done, "Done"},
}};
constexpr std::array<std::pair<JobMode, const char*>, 3> kModeNames{{
    {JobMode::Blockify, "blockify"},
    {JobMode::ChunkOnly, "chunk"},
    {JobMode::ReEmbed, "reembed"},
}};
constexpr std::array<std::pair<Backend, const char*>, 2> kBackendNames{{
    {Backend::Offline, "offline"},
    {Backend::OpenAI, "openai"},
}};
constexpr std::array<std::pair<AttemptKind, const char*>, 4> kKindNames{{
    {AttemptKind::Fresh, "fresh"},
    {AttemptKind::Resume, "resume"},
    {AttemptKind::FailedFiles, "failed-files"},
    {AttemptKind::Automatic, "automatic"},
}};
constexpr std::array<std::pair<AttemptOutcome, const char*>, 5> kOutcomeNames{{
    {AttemptOutcome::Running, "running"},
    {AttemptOutcome::Completed, "completed"},
    {AttemptOutcome::Failed, "failed"},
    {AttemptOutcome::Cancelled, "cancelled"},
    {AttemptOutcome::Interrupted, "interrupted"},
}};
constexpr std::array<std::pair<FileStatus, const char*>, 5> kFileStatusNames{{
    {FileStatus::Pending, "pending"},
    {FileStatus::Processing, "processing"},
    {FileStatus::Completed, "completed"},
    {FileStatus::Failed, "failed"},
    {FileStatus::Skipped, "skipped"},
}};

}  // namespace

const char* to_string(JobStatus s) { return name_of(kStatusNames, s); }
const char* display_name(JobStatus s) { return name_of(kStatusDisplay, s); }
const char* to_string(Stage s) { return name_of(kStageNames, s); }
const char* display_name(Stage s) { return name_of(kStageDisplay, s); }
const char* to_string(JobMode m) { return name_of(kModeNames, m); }
const char* to_string(Backend b) { return name_of(kBackendNames, b); }
const char* to_string(AttemptKind k) { return name_of(kKindNames, k); }
const char* to_string(AttemptOutcome o) { return name_of(kOutcomeNames, o); }
const char* to_string(FileStatus s) { return name_of(kFileStatusNames, s); }

std::optional<JobStatus> parse_job_status(const std::string& t) { return parse_from(kStatusNames, t); }
std::optional<Stage> parse_stage(const std::string& t) { return parse_from(kStageNames, t); }
std::optional<JobMode> parse_job_mode(const std::string& t) { return parse_from(kModeNames, t); }
std::optional<Backend> parse_backend(const std::string& t) { return parse_from(kBackendNames, t); }
std::optional<AttemptKind> parse_attempt_kind(const std::string& t) { return parse_from(kKindNames, t); }
std::optional<AttemptOutcome> parse_attempt_outcome(const std::string& t) {
  return parse_from(kOutcomeNames, t);
}
std::optional<FileStatus> parse_file_status(const std::string& t) { return parse_from(kFileStatusNames, t); }

bool is_active(JobStatus s) {
  return s == JobStatus::Pending || s == JobStatus::Processing || s == JobStatus::Cancelling;
}

std::string validate_chunk_size(int chunk_size) {
  if (chunk_size < kMinChunkSize || chunk_size > kMaxChunkSize)
    return "Chunk size must be between 1,000 and 4,000 characters.";
  return {};
}

std::string validate_overlap(int overlap_percent) {
  if (overlap_percent < 0 || overlap_percent > kMaxOverlapPercent)
    return "Overlap must be between 0 and 50 percent of the chunk size.";
  return {};
}

std::string validate_distill_threshold(double threshold) {
  if (!(threshold >= 0.5 && threshold <= 1.0)) return "The distill threshold must be between 0.5 and 1.0.";
  return {};
}

std::string validate_job_name(const std::string& name) {
  // Spaces, tabs, line breaks and the no-break space (U+00A0) all look like nothing.
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
    if (c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    return {};
  }
  return name.empty() ? "A job needs a name."
                      : "A job's name cannot be only spaces; give it a name you will recognise.";
}

std::string validate(const JobConfig& c) {
  for (std::string why : {validate_chunk_size(c.chunk_size), validate_overlap(c.overlap_percent),
                          validate_distill_threshold(c.distill_threshold)})
    if (!why.empty()) return why;
  return {};
}

}  // namespace blockify
