// Bulk commands: one command over many jobs, applied in one transaction, answered with
// counts and the distinct reasons for refusals (a fault in the middle applies none of
// it); jobs whose every input is missing fail without a worker.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// A retried job whose input is still missing: Failed again, in its second attempt.
bool failed_again(const Job& j) { return j.status == JobStatus::Failed && j.attempt == 2; }

int64_t create(Engine& engine, const std::string& dataset, const std::string& file) {
  auto r = engine.submit(CreateJob{"job", dataset, {}, {file}}).get();
  REQUIRE(r.ok());
  return r.job_id;
}

}  // namespace

TEST_CASE("Retry all failed is one command: counts, refusals with reasons, dataset filter") {
  TempDir dir;
  auto good =
      dir.write("good.txt", "Blockify turns documents into IdeaBlocks. Retry brings failed jobs back.");
  std::vector<int64_t> missing_a, missing_b;
  int64_t completed = 0;
  {
    Engine engine(engine_options(dir / "bulk.db", 1));
    for (int i = 0; i < 30; ++i)
      missing_a.push_back(create(engine, "a", (dir / ("gone" + std::to_string(i))).string()));
    for (int i = 0; i < 5; ++i) missing_b.push_back(create(engine, "b", (dir / "gone-b").string()));
    completed = create(engine, "a", good.string());
    wait_for_snapshot_where(
        engine,
        [](const Snapshot& s) {
          return s.count(JobStatus::Failed) == 35 && s.count(JobStatus::Completed) == 1;
        },
        "35 failed and 1 completed job");

    // Only dataset a's failed jobs.
    auto r =
        engine.submit(RetryMany{JobSelector{{}, JobStatus::Failed, "a", false}, AttemptKind::Fresh}).get();
    CHECK(r.ok());
    CHECK(r.bulk.applied == 30);
    CHECK(r.bulk.refused == 0);
    CHECK(r.message == "Queued 30 retries; 0 refused.");
    // They fail again at once on their missing files; dataset b's were never touched.
    auto snap = wait_for_jobs(engine, missing_a, failed_again,
                              "dataset a's jobs failed again in their second attempt");
    for (int64_t id : missing_b) CHECK(job_in(*snap, id)->attempt == 1);
    CHECK(job_in(*snap, missing_a[0])->error.code == "FILE_NOT_FOUND");

    // Explicit ids including a Completed job: refused with the state machine's reason.
    std::vector<int64_t> ids = missing_b;
    ids.push_back(completed);
    auto mixed =
        engine.submit(RetryMany{JobSelector{ids, std::nullopt, "", false}, AttemptKind::Fresh}).get();
    CHECK(mixed.bulk.applied == 5);
    CHECK(mixed.bulk.refused == 1);
    REQUIRE(mixed.bulk.reasons.size() == 1);
    CHECK(mixed.bulk.reasons[0].second == 1);
    CHECK(mixed.bulk.reasons[0].first.find("Completed") != std::string::npos);

    // Nothing applicable: refused as a whole.
    auto none =
        engine.submit(RetryMany{JobSelector{{completed}, std::nullopt, "", false}, AttemptKind::Fresh}).get();
    CHECK(none.code == ResultCode::Refused);
    CHECK(none.bulk.applied == 0);
  }
  // Every attempt and every failure was committed: a fresh store sees them.
  store::JobStore store(dir / "bulk.db");
  for (int64_t id : missing_a) CHECK(store.load_attempts(id).size() == 2);
}

TEST_CASE("Cancel all active and Delete many apply to matching jobs only") {
  TempDir dir;
  Engine engine(engine_options(dir / "bulk.db", 0));  // no workers: jobs stay Pending
  std::vector<int64_t> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(create(engine, i < 15 ? "x" : "y", (dir / "f.txt").string()));
  auto cancelled = engine.submit(CancelMany{JobSelector{{}, std::nullopt, "x", true}}).get();
  CHECK(cancelled.bulk.applied == 15);
  auto snap = wait_for_snapshot_where(
      engine, [](const Snapshot& s) { return s.count(JobStatus::Cancelled) == 15; }, "15 cancelled jobs");
  CHECK(snap->count(JobStatus::Pending) == 5);

  auto deleted = engine.submit(DeleteMany{JobSelector{{}, JobStatus::Cancelled, "", false}, false}).get();
  CHECK(deleted.bulk.applied == 15);
  snap = wait_for_snapshot_where(
      engine, [](const Snapshot& s) { return s.count(JobStatus::Cancelled) == 0; },
      "the cancelled jobs deleted");
  CHECK(snap->count(JobStatus::Pending) == 5);
  REQUIRE(snap->datasets);
  for (const auto& d : snap->datasets->datasets) {
    if (d.name == "x") CHECK(d.jobs == 0);
    if (d.name == "y") CHECK(d.jobs == 5);
  }
}

namespace {

// The job the injected fault hits when its row is written (0: none). Read by a SQL
// function the engine's own connection calls from a temporary trigger, so the fault
// strikes inside the engine's transaction, between one job's write and the next.
std::atomic<int64_t> g_fault_job{0};

void fault_job(sqlite3_context* ctx, int, sqlite3_value**) { sqlite3_result_int64(ctx, g_fault_job.load()); }

void install_fault(sqlite3* db) {
  sqlite3_create_function(db, "fault_job", 0, SQLITE_UTF8, nullptr, fault_job, nullptr, nullptr);
  sqlite3_exec(db,
               "CREATE TEMP TRIGGER fault_in_the_middle BEFORE UPDATE ON main.jobs "
               "WHEN NEW.id = fault_job() BEGIN SELECT RAISE(ABORT, 'injected fault'); END;",
               nullptr, nullptr, nullptr);
}

}  // namespace

TEST_CASE("a bulk retry that fails in the middle applies to none of its jobs, and once it can, to all") {
  TempDir dir;
  g_fault_job = 0;
  std::vector<int64_t> ids;
  {
    EngineOptions o = engine_options(dir / "bulk.db", 1);
    o.on_database_open = install_fault;
    Engine engine(o);
    for (int i = 0; i < 10; ++i)
      ids.push_back(create(engine, "a", (dir / ("gone" + std::to_string(i))).string()));
    wait_for_snapshot_where(
        engine, [](const Snapshot& s) { return s.count(JobStatus::Failed) == 10; }, "10 failed jobs");

    g_fault_job = ids[5];  // one job's write, among the ten of the same unit, fails
    auto failed =
        engine.submit(RetryMany{JobSelector{{}, JobStatus::Failed, "", false}, AttemptKind::Fresh}).get();
    CHECK(failed.code == ResultCode::Failure);
    CHECK_FALSE(failed.message.empty());
    auto snap = engine.snapshot();
    for (int64_t id : ids) {
      CHECK(job_in(*snap, id)->status == JobStatus::Failed);
      CHECK(job_in(*snap, id)->attempt == 1);
    }

    g_fault_job = 0;
    auto retried =
        engine.submit(RetryMany{JobSelector{{}, JobStatus::Failed, "", false}, AttemptKind::Fresh}).get();
    CHECK(retried.ok());
    CHECK(retried.bulk.applied == 10);
    wait_for_jobs(engine, ids, failed_again, "every job failed again in its second attempt");
  }
  // What was saved: no job has a third attempt or lost its second.
  store::JobStore store(dir / "bulk.db");
  for (int64_t id : ids) CHECK(store.load_attempts(id).size() == 2);
}
