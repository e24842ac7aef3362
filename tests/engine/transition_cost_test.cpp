// A regression guard for "every transition costs what changed": the SQLite work (virtual
// machine steps, counted through sqlite3_trace_v2 on the engine's own connection) of the
// same transitions on a 1,000-job and a 10,000-job database must not grow with the number
// of jobs. Counting steps, not time, keeps it deterministic.
#include <sqlite3.h>

#include <doctest/doctest.h>

#include <atomic>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

std::atomic<int64_t> g_steps{0};

int count_steps(unsigned, void*, void* statement, void*) {
  g_steps += sqlite3_stmt_status(static_cast<sqlite3_stmt*>(statement), SQLITE_STMTSTATUS_VM_STEP, 0);
  return 0;
}

// A database of `jobs` Failed jobs over missing files in 10 datasets, each with blocks.
void build(const std::filesystem::path& path, int jobs) {
  store::JobStore s(path);
  sql::Transaction txn(s.db());
  for (int i = 0; i < jobs; ++i) {
    Job job;
    job.name = "job " + std::to_string(i);
    job.dataset = "dataset " + std::to_string(i % 10);
    job.status = JobStatus::Failed;
    job.attempt = 1;
    job.created_at = 1;
    job.error = {"FILE_NOT_FOUND", "gone.txt was not found.", "Restore it."};
    s.insert_job(job);
    JobFile f;
    f.job_id = job.id;
    f.path = (path.parent_path() / ("gone-" + std::to_string(i) + ".txt")).string();
    f.status = FileStatus::Failed;
    s.insert_file(f, 0);
    std::vector<IdeaBlock> blocks(3);
    for (auto& b : blocks)
      b.name = b.critical_question = b.trusted_answer = "an idea of job " + std::to_string(i);
    s.insert_blocks(job.id, job.dataset, 1, blocks);
  }
  txn.commit();
}

// Steps the engine spends retrying `n` jobs one by one until each failed again.
int64_t steps_for_retries(const std::filesystem::path& path, int n) {
  EngineOptions o = engine_options(path);
  o.watch_command_table = false;
  o.on_database_open = [](sqlite3* db) { sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, count_steps, nullptr); };
  Engine engine(o);
  wait_for_snapshot_where(
      engine, [](const Snapshot& s) { return s.datasets != nullptr; }, "the first views");
  engine.wait_until_idle(kHangGuardMs);
  g_steps = 0;
  for (int id = 1; id <= n; ++id) {
    REQUIRE(engine.submit(RetryJob{id, AttemptKind::Fresh}).get().ok());
    wait_for_job(
        engine, id, [](const Job& j) { return j.status == JobStatus::Failed && j.attempt == 2; },
        "fail again");
  }
  return g_steps.load();
}

}  // namespace

TEST_CASE("a retry that fails again costs the same SQLite work on 1,000 and 10,000 jobs") {
  TempDir dir;
  build(dir / "small.db", 1000);
  build(dir / "large.db", 10000);
  int64_t small = steps_for_retries(dir / "small.db", 20);
  int64_t large = steps_for_retries(dir / "large.db", 20);
  MESSAGE("VM steps for 20 retries: " << small << " at 1,000 jobs, " << large << " at 10,000 jobs");
  CHECK(small > 0);
  // Ten times the jobs: a scan anywhere on the path would multiply the steps by ~10. Index
  // lookups grow with log(n), so allow 50 %.
  CHECK(large < small * 3 / 2);
}
