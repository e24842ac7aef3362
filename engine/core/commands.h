#pragma once
// Requests the UI and the command line send to the engine. They are requests, not
// orders: the engine applies each only if the state machine allows it at that moment.
#include <cstdint>
#include <functional>
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

using Command = std::variant<CreateJob, RetryJob, CancelJob, DeleteJob, FocusJob, ReplaceFile, RemoveFile,
                             BrowseDataset, ExportDataset, SetSetting, SaveApiKey, TestEndpoint>;

// Exit codes shared with the command line.
enum class ResultCode { Ok = 0, Failure = 1, Usage = 2, NotFound = 3, Refused = 4 };

struct CommandResult {
  ResultCode code = ResultCode::Ok;
  std::string message;  // a sentence; for refusals the state machine's reason
  int64_t job_id = 0;   // the job concerned (the new id for CreateJob)
  bool ok() const { return code == ResultCode::Ok; }
};

using CommandCallback = std::function<void(const CommandResult&)>;

}  // namespace blockify
