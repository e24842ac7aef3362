// The retry flow end to end through the real engine on a temporary database: a job over
// a missing file fails with FILE_NOT_FOUND and a hint, the file is restored, Retry runs
// it to Completed, and both attempts stay in the history.
#include "engine/core/engine.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "engine/store/job_store.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::TempDir;

namespace {

const char* kManual =
    "Blockify turns documents into IdeaBlocks. Each IdeaBlock holds one idea with a critical question and a "
    "trusted answer.\n\nA job that fails can be retried from the jobs table with one click. The retry starts the "
    "job again from the beginning with the same configuration.\n\nCancel stops a running job promptly and keeps "
    "the partial results that were already produced.";

EngineOptions options_for(const TempDir& dir, int workers = 1) {
  EngineOptions o;
  o.database = dir / "blockify.db";
  o.workers = workers;
  return o;
}

Job wait_for_status(Engine& engine, int64_t id, JobStatus status, int timeout_ms = 10000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  SnapshotPtr snap = engine.snapshot();
  for (;;) {
    for (size_t i = 0; i < snap->jobs.slots(); ++i) {
      const auto& row = snap->jobs.at(i);
      if (row && row->id == id && row->status == status) return *row;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      FAIL("job " << id << " never reached " << display_name(status));
      return {};
    }
    snap = engine.wait_for_snapshot(snap->version, 200);
  }
}

int64_t create(Engine& engine, std::vector<std::string> files, JobConfig config = {}) {
  auto r = engine.submit(CreateJob{"Q3 manuals", "manuals", config, std::move(files)}).get();
  REQUIRE(r.ok());
  return r.job_id;
}

}  // namespace

TEST_CASE("a job over a missing file fails with FILE_NOT_FOUND, then a retry after restoring it completes") {
  TempDir dir;
  auto good = dir.write("manual.md", kManual);
  auto missing = dir / "restore-me.txt";
  Engine engine(options_for(dir));
  int64_t id = create(engine, {good.string(), missing.string()});

  Job failed = wait_for_status(engine, id, JobStatus::Failed);
  CHECK(failed.error.code == "FILE_NOT_FOUND");
  CHECK(failed.error.hint == "Restore or replace " + missing.string() + ", then retry.");
  CHECK(failed.files_failed == 1);
  CHECK(failed.files_done == 1);
  CHECK(failed.blocks > 0);  // the good file's blocks are kept as partial results

  dir.write("restore-me.txt", kManual);
  auto retry = engine.submit(RetryJob{id, AttemptKind::Fresh}).get();
  REQUIRE(retry.ok());
  Job done = wait_for_status(engine, id, JobStatus::Completed);
  CHECK(done.error.empty());
  CHECK(done.attempt == 2);
  CHECK(done.progress == doctest::Approx(1.0));
  CHECK(done.files_done == 2);

  store::JobStore reader(dir / "blockify.db");
  auto attempts = reader.load_attempts(id);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0].outcome == AttemptOutcome::Failed);
  CHECK(attempts[0].error.code == "FILE_NOT_FOUND");
  CHECK(attempts[1].outcome == AttemptOutcome::Completed);
}

TEST_CASE("retry is refused for a completed job with a reason, and a double retry queues once") {
  TempDir dir;
  auto good = dir.write("manual.md", kManual);
  Engine engine(options_for(dir, 0));  // no workers: jobs stay where commands put them
  int64_t id = create(engine, {good.string()});
  auto refused = engine.submit(RetryJob{id}).get();
  CHECK(refused.code == ResultCode::Refused);
  CHECK(refused.message == "Job " + std::to_string(id) + " is Pending — it is already queued and starts when a worker is free.");

  auto cancelled = engine.submit(CancelJob{id}).get();
  CHECK(cancelled.ok());
  auto first = engine.submit(RetryJob{id});
  auto second = engine.submit(RetryJob{id});
  CHECK(first.get().ok());
  auto again = second.get();
  CHECK(again.code == ResultCode::Refused);
  auto snap = engine.wait_for_snapshot(0, 1000);
  CHECK(snap->count(JobStatus::Pending) == 1);
  CHECK(engine.submit(RetryJob{999}).get().code == ResultCode::NotFound);
}

TEST_CASE("cancel stops a running job promptly and keeps its partial results") {
  TempDir dir;
  std::vector<std::string> files;
  std::string big;
  for (int i = 0; i < 3000; ++i) big += std::string(kManual) + "\n\n";
  for (int i = 0; i < 4; ++i) files.push_back(dir.write("big" + std::to_string(i) + ".md", big).string());
  Engine engine(options_for(dir));
  int64_t id = create(engine, files);
  wait_for_status(engine, id, JobStatus::Processing);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(engine.submit(CancelJob{id}).get().ok());
  Job cancelled = wait_for_status(engine, id, JobStatus::Cancelled, 2000);
  auto took = std::chrono::steady_clock::now() - t0;
  CHECK(took < std::chrono::milliseconds(1000));
  CHECK(cancelled.finished_at > 0);
}

TEST_CASE("a job found Processing at start is recovered as Pending and then completes") {
  TempDir dir;
  auto good = dir.write("manual.md", kManual);
  int64_t id = 0;
  {
    Engine engine(options_for(dir, 0));
    id = create(engine, {good.string()});
  }
  {
    // Simulate a crash mid-run: the row says Processing.
    store::JobStore s(dir / "blockify.db");
    auto job = *s.load_job(id);
    job.status = JobStatus::Processing;
    s.update_job(job);
  }
  Engine engine(options_for(dir));
  Job done = wait_for_status(engine, id, JobStatus::Completed);
  CHECK(done.blocks > 0);
  store::JobStore reader(dir / "blockify.db");
  bool logged = false;
  for (const auto& e : reader.load_events(id)) logged |= e.message == "interrupted: resumed after restart";
  CHECK(logged);
}

TEST_CASE("a second engine on the same database is refused with a sentence") {
  TempDir dir;
  Engine first(options_for(dir, 0));
  try {
    Engine second(options_for(dir, 0));
    FAIL("the second engine started");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("is already processing") != std::string::npos);
  }
}

TEST_CASE("commands queued in the database by another process are applied by the running engine") {
  TempDir dir;
  auto good = dir.write("manual.md", kManual);
  Engine engine(options_for(dir, 0));
  int64_t id = create(engine, {good.string()});
  store::JobStore other(dir / "blockify.db");
  int64_t cmd = other.queue_command(R"({"op":"cancel","id":)" + std::to_string(id) + "}", store::now_ms());
  std::optional<std::pair<int, std::string>> result;
  for (int i = 0; i < 50 && !result; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    result = other.command_result(cmd);
  }
  REQUIRE(result);
  CHECK(result->first == 0);
  wait_for_status(engine, id, JobStatus::Cancelled, 2000);
}
