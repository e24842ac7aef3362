#pragma once
// Requests the UI and the command line send to the engine. They are requests, not
// orders: the engine applies each only if the state machine allows it at that moment.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/domain/job.h"
#include "engine/pipeline/export.h"

namespace blockify {

struct CreateJob {
  std::string name;
  std::string dataset;  // created when new
  JobConfig config;
  std::vector<std::string> files;  // made absolute by the engine
};
struct RetryJob {
  int64_t job_id = 0;
  AttemptKind kind = AttemptKind::Fresh;  // Fresh (the row's Retry), Resume, FailedFiles
};
struct CancelJob {
  int64_t job_id = 0;
};
struct DeleteJob {
  int64_t job_id = 0;
  bool cancel_first = false;  // a running job is cancelled, then deleted once it stops
};
// Which jobs a bulk command applies to: exactly `ids` when given, otherwise every job
// matching the filter (a status, or every active one, and/or a dataset; all unset =
// every job).
struct JobSelector {
  std::vector<int64_t> ids;
  std::optional<JobStatus> status;
  std::string dataset;  // empty: any dataset
  bool active = false;  // only Pending and Processing jobs (with no status given)
};
// Bulk commands: one command, one transaction, answered with counts. Each job goes
// through the state machine exactly as its single-job command would.
struct RetryMany {
  JobSelector jobs;
  AttemptKind kind = AttemptKind::Fresh;
};
struct CancelMany {
  JobSelector jobs;
};
struct DeleteMany {
  JobSelector jobs;
  bool cancel_first = false;  // running jobs are cancelled, then deleted once they stop
};
// Publish JobDetail for this job (0: none), with the results page starting at offset.
struct FocusJob {
  int64_t job_id = 0;
  int64_t blocks_offset = 0;
};
// Strategy B: swap one input file for another, or drop it, while Failed or Cancelled.
struct ReplaceFile {
  int64_t job_id = 0;
  int64_t file_id = 0;
  std::string new_path;
};
struct RemoveFile {
  int64_t job_id = 0;
  int64_t file_id = 0;
};

// Datasets view: publish this dataset's blocks (paged, filtered by `search`); empty
// name = none.
struct BrowseDataset {
  std::string name;
  std::string search;
  int64_t offset = 0;
};
// Writes a dataset to a file off the engine thread; the outcome comes back as a notice
// and in Snapshot::export_status.
struct ExportDataset {
  std::string name;
  ExportFormat format = ExportFormat::Xml;
  std::string path;
};
struct SetSetting {
  std::string key;
  std::string value;
};
// Stores an API key typed into Settings in a 0600 file in the config folder.
struct SaveApiKey {
  std::string key;
};
// "Test model": sends a sample text to the endpoint off the engine thread; the reply
// lands in Snapshot::endpoint_test.
struct TestEndpoint {};
// Searches a dataset off the engine thread, by meaning (falling back to words when it has
// no vectors) or by words; the outcome comes back in Snapshot::dataset_search.
struct SearchDataset {
  std::string name;
  std::string query;
  bool by_meaning = true;
  int top = 20;
};

// Queues a Re-embed job: every IdeaBlock of the dataset without a vector of the current
// embeddings.model gets one (old vectors of another model are dropped when it starts).
// Answered with the new job's id; refused when embeddings.model is empty, the dataset has
// no blocks, or a Re-embed of it is already queued or running.
struct ReEmbedDataset {
  std::string dataset;
};

using Command = std::variant<CreateJob, RetryJob, CancelJob, DeleteJob, FocusJob, ReplaceFile, RemoveFile,
                             BrowseDataset, ExportDataset, SetSetting, SaveApiKey, TestEndpoint, RetryMany,
                             CancelMany, DeleteMany, SearchDataset, ReEmbedDataset>;

// Exit codes shared with the command line.
enum class ResultCode { Ok = 0, Failure = 1, Usage = 2, NotFound = 3, Refused = 4 };

// What a bulk command did: how many jobs it applied to and how many it refused, with
// the distinct reasons (most common first, at most 5) and how many jobs each covers.
struct BulkCounts {
  int64_t applied = 0;
  int64_t refused = 0;
  std::vector<std::pair<std::string, int64_t>> reasons;
};

struct CommandResult {
  CommandResult() = default;
  CommandResult(ResultCode c, std::string m, int64_t id = 0) : code(c), message(std::move(m)), job_id(id) {}

  ResultCode code = ResultCode::Ok;
  std::string message;  // a sentence; for refusals the state machine's reason
  int64_t job_id = 0;   // the job concerned (the new id for CreateJob)
  BulkCounts bulk;      // RetryMany / CancelMany / DeleteMany only
  bool ok() const { return code == ResultCode::Ok; }
};

using CommandCallback = std::function<void(const CommandResult&)>;

}  // namespace blockify
