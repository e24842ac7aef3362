// Bulk commands: one command over many jobs, applied in one transaction, answered with
// counts and the distinct reasons for refusals; jobs whose every input is missing fail
// without a worker.
#include <doctest/doctest.h>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

EngineOptions options_for(const TempDir& dir, int workers) {
  EngineOptions o;
  o.database = dir / "bulk.db";
  o.workers = workers;
  return o;
}

int64_t create(Engine& engine, const std::string& dataset, const std::string& file) {
  auto r = engine.submit(CreateJob{"job", dataset, {}, {file}}).get();
  REQUIRE(r.ok());
  return r.job_id;
}

}  // namespace

TEST_CASE("Retry all failed is one command: counts, refusals with reasons, dataset filter") {
  TempDir dir;
  auto good = dir.write("good.txt", "Blockify turns documents into IdeaBlocks. Retry brings failed jobs back.");
  std::vector<int64_t> missing_a, missing_b;
  int64_t completed = 0;
  {
    Engine engine(options_for(dir, 1));
    for (int i = 0; i < 30; ++i) missing_a.push_back(create(engine, "a", (dir / ("gone" + std::to_string(i))).string()));
    for (int i = 0; i < 5; ++i) missing_b.push_back(create(engine, "b", (dir / "gone-b").string()));
    completed = create(engine, "a", good.string());
    wait_for_snapshot_where(
        engine, [](const Snapshot& s) { return s.count(JobStatus::Failed) == 35 && s.count(JobStatus::Completed) == 1; },
        "35 failed and 1 completed job");

    // Only dataset a's failed jobs.
    auto r = engine.submit(RetryMany{JobSelector{{}, JobStatus::Failed, "a", false}, AttemptKind::Fresh}).get();
    CHECK(r.ok());
    CHECK(r.bulk.applied == 30);
    CHECK(r.bulk.refused == 0);
    CHECK(r.message == "Queued 30 retries; 0 refused.");
    // They fail again at once on their missing files; dataset b's were never touched.
    auto snap = wait_for_snapshot_where(
        engine,
        [&](const Snapshot& s) {
          for (int64_t id : missing_a)
            if (auto j = job_in(s, id); !j || j->status != JobStatus::Failed || j->attempt != 2) return false;
          return true;
        },
        "dataset a's jobs failed again in their second attempt");
    for (int64_t id : missing_b) CHECK(job_in(*snap, id)->attempt == 1);
    CHECK(job_in(*snap, missing_a[0])->error.code == "FILE_NOT_FOUND");

    // Explicit ids including a Completed job: refused with the state machine's reason.
    std::vector<int64_t> ids = missing_b;
    ids.push_back(completed);
    auto mixed = engine.submit(RetryMany{JobSelector{ids, std::nullopt, "", false}, AttemptKind::Fresh}).get();
    CHECK(mixed.bulk.applied == 5);
    CHECK(mixed.bulk.refused == 1);
    REQUIRE(mixed.bulk.reasons.size() == 1);
    CHECK(mixed.bulk.reasons[0].second == 1);
    CHECK(mixed.bulk.reasons[0].first.find("Completed") != std::string::npos);

    // Nothing applicable: refused as a whole.
    auto none = engine.submit(RetryMany{JobSelector{{completed}, std::nullopt, "", false}, AttemptKind::Fresh}).get();
    CHECK(none.code == ResultCode::Refused);
    CHECK(none.bulk.applied == 0);
  }
  // Every attempt and every failure was committed: a fresh store sees them.
  store::JobStore store(dir / "bulk.db");
  for (int64_t id : missing_a) CHECK(store.load_attempts(id).size() == 2);
}

TEST_CASE("Cancel all active and Delete many apply to matching jobs only") {
  TempDir dir;
  Engine engine(options_for(dir, 0));  // no workers: jobs stay Pending
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
      engine, [](const Snapshot& s) { return s.count(JobStatus::Cancelled) == 0; }, "the cancelled jobs deleted");
  CHECK(snap->count(JobStatus::Pending) == 5);
  REQUIRE(snap->datasets);
  for (const auto& d : snap->datasets->datasets) {
    if (d.name == "x") CHECK(d.jobs == 0);
    if (d.name == "y") CHECK(d.jobs == 5);
  }
}
