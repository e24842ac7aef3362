// The --json shape of `job list` and `job show`: a stable interface for scripts, so every
// key is checked by name, and absent values are null, never "" or 0.
#include "engine/domain/job_json.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace blockify;

namespace {

std::string keys_of(const nlohmann::json& object) {
  std::string keys;
  for (const auto& [key, value] : object.items()) keys += (keys.empty() ? "" : ",") + key;
  return keys;
}

}  // namespace

TEST_CASE("a job's --json has the documented keys, its times in UTC and no error when none") {
  Job job;
  job.id = 7;
  job.name = "Manuals";
  job.dataset = "manuals";
  job.status = JobStatus::Completed;
  job.stage = Stage::Done;
  job.created_at = 1'700'000'000'000;
  job.blocks = 12;
  const nlohmann::json j = job_summary_json(job);
  CHECK(keys_of(j) ==
        "attempt,backend,blocks,created_at,dataset,error,files_done,files_failed,files_total,finished_at,id,"
        "mode,"
        "name,progress,stage,started_at,status");
  CHECK(j["id"] == 7);
  CHECK(j["status"] == "completed");
  CHECK(j["mode"] == "blockify");
  CHECK(j["backend"] == "offline");
  CHECK(j["created_at"] == "2023-11-14T22:13:20Z");
  CHECK(j["started_at"].is_null());
  CHECK(j["error"].is_null());
}

TEST_CASE("job show --json adds the config, each file and each attempt, absent values as null") {
  Job job;
  job.id = 3;
  JobFile archive;
  archive.path = "/docs/pack.zip";
  archive.status = FileStatus::Completed;
  archive.stage = Stage::Done;
  JobFile entry;
  entry.path = "/docs/pack.zip/a.md";
  entry.parent_id = 11;
  entry.encoding = "UTF-8";
  entry.status = FileStatus::Failed;
  entry.stage = Stage::Extract;
  entry.error = {"CORRUPT", "a.md is damaged.", "Replace it."};
  Attempt first;
  first.number = 1;
  first.outcome = AttemptOutcome::Failed;
  first.failed_stage = Stage::Extract;
  Attempt second;
  second.number = 2;
  second.kind = AttemptKind::Resume;
  second.outcome = AttemptOutcome::Running;

  const nlohmann::json j = job_detail_json(job, {archive, entry}, {first, second});
  CHECK(j.contains("config"));
  CHECK(j["config"]["chunk_size"] == 2000);
  REQUIRE(j["files"].size() == 2);
  CHECK(keys_of(j["files"][0]) == "blocks,chars,chunks,encoding,error,parent,path,size,stage,status");
  CHECK(j["files"][0]["encoding"].is_null());
  CHECK(j["files"][0]["parent"].is_null());
  CHECK(j["files"][0]["error"].is_null());
  CHECK(j["files"][1]["encoding"] == "UTF-8");
  CHECK(j["files"][1]["parent"] == 11);
  CHECK(j["files"][1]["status"] == "failed");
  CHECK(j["files"][1]["error"]["code"] == "CORRUPT");
  REQUIRE(j["attempts"].size() == 2);
  CHECK(keys_of(j["attempts"][0]) == "error,failed_stage,finished_at,kind,number,outcome,started_at");
  CHECK(j["attempts"][0]["failed_stage"] == "extract");
  CHECK(j["attempts"][1]["failed_stage"].is_null());
  CHECK(j["attempts"][1]["kind"] == "resume");
  CHECK(j["attempts"][1]["outcome"] == "running");
}
