// The retry flow end to end through the real engine on a temporary database: a job over
// a missing file fails with FILE_NOT_FOUND and a hint, the file is restored, Retry runs
// it to Completed, and both attempts stay in the history.
#include "engine/core/engine.h"

#include <doctest/doctest.h>

#include <map>

#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/file_gate.h"
#include "tests/support/sample_text.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

const std::string kManual = kSampleManual +
                            " The retry starts the job again from the beginning with the same "
                            "configuration.\n\nCancel stops a running job promptly and keeps the partial "
                            "results that were already produced.";

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
  Engine engine(engine_options(dir / "blockify.db"));
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
  Engine engine(engine_options(dir / "blockify.db", 0));  // no workers: jobs stay where commands put them
  int64_t id = create(engine, {good.string()});
  auto refused = engine.submit(RetryJob{id}).get();
  CHECK(refused.code == ResultCode::Refused);
  CHECK(refused.message ==
        "Job " + std::to_string(id) + " is Pending — it is already queued and starts when a worker is free.");

  auto cancelled = engine.submit(CancelJob{id}).get();
  CHECK(cancelled.ok());
  auto first = engine.submit(RetryJob{id});
  auto second = engine.submit(RetryJob{id});
  CHECK(first.get().ok());
  auto again = second.get();
  CHECK(again.code == ResultCode::Refused);
  wait_for_status(engine, id, JobStatus::Pending);
  CHECK(engine.snapshot()->count(JobStatus::Pending) == 1);
  CHECK(engine.submit(RetryJob{999}).get().code == ResultCode::NotFound);
}

TEST_CASE("cancel stops a running job promptly and keeps its partial results") {
  TempDir dir;
  std::vector<std::string> files;
  for (int i = 0; i < 5; ++i)
    files.push_back(
        dir.write("part" + std::to_string(i) + ".md", "Part " + std::to_string(i) + ". " + kManual).string());
  // The worker is held before the third file: two files are done, three are not, and the
  // job is Processing for as long as the test needs.
  FileGate gate(2);
  EngineOptions options = engine_options(dir / "blockify.db");
  options.before_file = gate.hook();
  Engine engine(options);
  int64_t id = create(engine, files);
  REQUIRE(gate.wait_until_held());
  Job running = wait_for_job(
      engine, id, [](const Job& j) { return j.files_done == 2; }, "show 2 files done");
  CHECK(running.status == JobStatus::Processing);

  REQUIRE(engine.submit(CancelJob{id}).get().ok());
  gate.release();
  Job cancelled = wait_for_status(engine, id, JobStatus::Cancelled);
  CHECK(cancelled.finished_at > 0);
  // Promptly: no file was started after the cancel (the held one was not run either).
  CHECK(gate.files_reached().size() == 3);

  // The partial results: the two finished files keep their blocks, the rest has none.
  store::JobStore reader(dir / "blockify.db");
  auto job_files = reader.load_files(id);
  REQUIRE(job_files.size() == 5);
  std::map<int64_t, int> blocks_of;
  auto blocks = reader.load_job_blocks(id);
  for (const auto& b : blocks) ++blocks_of[b.file_id];
  int completed = 0;
  for (const auto& f : job_files) {
    bool finished = f.status == FileStatus::Completed;
    completed += finished ? 1 : 0;
    CHECK_MESSAGE((blocks_of[f.id] > 0) == finished, f.path);
  }
  CHECK(completed == 2);
  CHECK(cancelled.files_done == 2);
  CHECK(cancelled.blocks == static_cast<int64_t>(blocks.size()));
  CHECK(!blocks.empty());
}

TEST_CASE("a job found Processing at start is recovered as Pending and then completes") {
  TempDir dir;
  auto good = dir.write("manual.md", kManual);
  int64_t id = 0;
  {
    Engine engine(engine_options(dir / "blockify.db", 0));
    id = create(engine, {good.string()});
  }
  {
    // Simulate a crash mid-run: the row says Processing.
    store::JobStore s(dir / "blockify.db");
    auto job = *s.load_job(id);
    job.status = JobStatus::Processing;
    s.update_job(job);
  }
  Engine engine(engine_options(dir / "blockify.db"));
  Job done = wait_for_status(engine, id, JobStatus::Completed);
  CHECK(done.blocks > 0);
  store::JobStore reader(dir / "blockify.db");
  bool logged = false;
  for (const auto& e : reader.load_events(id)) logged |= e.message == "interrupted: resumed after restart";
  CHECK(logged);
}

TEST_CASE("a second engine on the same database is refused with a sentence") {
  TempDir dir;
  Engine first(engine_options(dir / "blockify.db", 0));
  try {
    Engine second(engine_options(dir / "blockify.db", 0));
    FAIL("the second engine started");
  } catch (const DatabaseInUse& e) {  // the type the command line tells a lost race by
    CHECK(std::string(e.what()).find("is already processing") != std::string::npos);
  }
}

TEST_CASE("commands queued in the database by another process are applied by the running engine") {
  TempDir dir;
  auto good = dir.write("manual.md", kManual);
  Engine engine(engine_options(dir / "blockify.db", 0));
  int64_t id = create(engine, {good.string()});
  store::JobStore other(dir / "blockify.db");
  int64_t cmd = other.queue_command(R"({"op":"cancel","id":)" + std::to_string(id) + "}", "cancel-from-test",
                                    store::now_ms());
  std::optional<std::pair<int, std::string>> result;
  REQUIRE(eventually([&] { return (result = other.command_result(cmd)).has_value(); }));
  CHECK(result->first == 0);
  wait_for_status(engine, id, JobStatus::Cancelled);
}
