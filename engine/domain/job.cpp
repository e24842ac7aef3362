#include "engine/domain/job.h"

#include "engine/domain/enum_names.h"

namespace blockify {
namespace {

// Each table lists its values in declaration order.
constexpr EnumName<JobStatus> kStatusNames[] = {
    {JobStatus::Pending, "pending"},       {JobStatus::Processing, "processing"},
    {JobStatus::Cancelling, "cancelling"}, {JobStatus::Completed, "completed"},
    {JobStatus::Failed, "failed"},         {JobStatus::Cancelled, "cancelled"}};
constexpr EnumName<JobStatus> kStatusDisplay[] = {
    {JobStatus::Pending, "Pending"},       {JobStatus::Processing, "Processing"},
    {JobStatus::Cancelling, "Cancelling"}, {JobStatus::Completed, "Completed"},
    {JobStatus::Failed, "Failed"},         {JobStatus::Cancelled, "Cancelled"}};
constexpr EnumName<Stage> kStageNames[] = {{Stage::Queued, "queued"}, {Stage::Extract, "extract"},
                                           {Stage::Chunk, "chunk"},   {Stage::Blockify, "blockify"},
                                           {Stage::Embed, "embed"},   {Stage::Distill, "distill"},
                                           {Stage::Export, "export"}, {Stage::Done, "done"}};
constexpr EnumName<Stage> kStageDisplay[] = {{Stage::Queued, "Queued"},    {Stage::Extract, "Extract"},
                                             {Stage::Chunk, "Chunk"},      {Stage::Blockify, "Blockify"},
                                             {Stage::Embed, "Embeddings"}, {Stage::Distill, "Distill"},
                                             {Stage::Export, "Export"},    {Stage::Done, "Done"}};
constexpr EnumName<JobMode> kModeNames[] = {
    {JobMode::Blockify, "blockify"}, {JobMode::ChunkOnly, "chunk"}, {JobMode::ReEmbed, "reembed"}};
constexpr EnumName<Backend> kBackendNames[] = {{Backend::Offline, "offline"}, {Backend::OpenAI, "openai"}};
constexpr EnumName<AttemptKind> kKindNames[] = {{AttemptKind::Fresh, "fresh"},
                                                {AttemptKind::Resume, "resume"},
                                                {AttemptKind::FailedFiles, "failed-files"},
                                                {AttemptKind::Automatic, "automatic"}};
constexpr EnumName<AttemptOutcome> kOutcomeNames[] = {{AttemptOutcome::Running, "running"},
                                                      {AttemptOutcome::Completed, "completed"},
                                                      {AttemptOutcome::Failed, "failed"},
                                                      {AttemptOutcome::Cancelled, "cancelled"},
                                                      {AttemptOutcome::Interrupted, "interrupted"}};
constexpr EnumName<FileStatus> kFileStatusNames[] = {{FileStatus::Pending, "pending"},
                                                     {FileStatus::Processing, "processing"},
                                                     {FileStatus::Completed, "completed"},
                                                     {FileStatus::Failed, "failed"},
                                                     {FileStatus::Skipped, "skipped"}};

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

std::optional<JobStatus> parse_job_status(const std::string& t) { return parse_of(kStatusNames, t); }
std::optional<Stage> parse_stage(const std::string& t) { return parse_of(kStageNames, t); }
std::optional<JobMode> parse_job_mode(const std::string& t) { return parse_of(kModeNames, t); }
std::optional<Backend> parse_backend(const std::string& t) { return parse_of(kBackendNames, t); }
std::optional<AttemptKind> parse_attempt_kind(const std::string& t) { return parse_of(kKindNames, t); }
std::optional<AttemptOutcome> parse_attempt_outcome(const std::string& t) {
  return parse_of(kOutcomeNames, t);
}
std::optional<FileStatus> parse_file_status(const std::string& t) { return parse_of(kFileStatusNames, t); }

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
