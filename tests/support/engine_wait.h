#pragma once
// Waiting on the engine the deterministic way: on its published snapshots, never on a
// sleep. The deadline is only a hang guard (30 s by default, far beyond what any test
// needs on a loaded machine), so a slow machine makes a test slower, never red.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/engine.h"

namespace blockify::test {

// Hang guard for every wait in the suite.
constexpr int kHangGuardMs = 30000;

// The job's row in `snap`, if it is there.
inline std::optional<Job> job_in(const Snapshot& snap, int64_t id) {
  for (size_t i = 0; i < snap.jobs.slots(); ++i) {
    const auto& row = snap.jobs.at(i);
    if (row && row->id == id) return *row;
  }
  return std::nullopt;
}

// The job's row in the latest snapshot; fails the test when it is not there.
inline Job current_job(const Engine& engine, int64_t id) {
  auto row = job_in(*engine.snapshot(), id);
  REQUIRE_MESSAGE(row, "job " << id << " is not in the snapshot");
  return *row;
}

// Waits for the first snapshot where `ready(snapshot)` holds and returns it; fails the
// test at the hang guard.
inline SnapshotPtr wait_for_snapshot_where(Engine& engine, const std::function<bool(const Snapshot&)>& ready,
                                           const std::string& what, int timeout_ms = kHangGuardMs) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  SnapshotPtr snap = engine.snapshot();
  while (!ready(*snap)) {
    if (std::chrono::steady_clock::now() > deadline) {
      FAIL("the engine never showed " << what << " (waited " << timeout_ms / 1000 << " s)");
      return snap;
    }
    snap = engine.wait_for_snapshot(snap->version, 200);
  }
  return snap;
}

// The job's row in the first snapshot where `ready(row)` holds; fails the test at the hang guard.
inline Job wait_for_job(Engine& engine, int64_t id, const std::function<bool(const Job&)>& ready,
                        const std::string& what, int timeout_ms = kHangGuardMs) {
  auto snap = wait_for_snapshot_where(
      engine,
      [&](const Snapshot& s) {
        auto row = job_in(s, id);
        return row && ready(*row);
      },
      "job " + std::to_string(id) + " " + what, timeout_ms);
  return job_in(*snap, id).value_or(Job{});
}

// The first snapshot in which every job of `ids` is there and `ready` holds for its row.
inline SnapshotPtr wait_for_jobs(Engine& engine, const std::vector<int64_t>& ids,
                                 const std::function<bool(const Job&)>& ready, const std::string& what,
                                 int timeout_ms = kHangGuardMs) {
  return wait_for_snapshot_where(
      engine,
      [&](const Snapshot& s) {
        for (int64_t id : ids)
          if (auto row = job_in(s, id); !row || !ready(*row)) return false;
        return true;
      },
      what, timeout_ms);
}

// The job's row once it has `status`.
inline Job wait_for_status(Engine& engine, int64_t id, JobStatus status, int timeout_ms = kHangGuardMs) {
  return wait_for_job(
      engine, id, [status](const Job& j) { return j.status == status; },
      "reach " + std::string(display_name(status)), timeout_ms);
}

// The first snapshot whose detail is the job's and satisfies `ready`.
inline SnapshotPtr wait_for_detail(Engine& engine, int64_t id,
                                   const std::function<bool(const JobDetail&)>& ready,
                                   const std::string& what, int timeout_ms = kHangGuardMs) {
  return wait_for_snapshot_where(
      engine, [&](const Snapshot& s) { return s.detail && s.detail->job.id == id && ready(*s.detail); }, what,
      timeout_ms);
}

// The first snapshot in which the last export has finished (written, or refused with its
// sentence).
inline SnapshotPtr wait_for_export(Engine& engine, int timeout_ms = kHangGuardMs) {
  return wait_for_snapshot_where(
      engine, [](const Snapshot& s) { return s.export_status && !s.export_status->running; },
      "the export finish", timeout_ms);
}

// For conditions outside the engine's snapshots (a fake server's request count, a
// thread's result): checks `condition` every 5 ms until it holds; false at the hang guard.
inline bool eventually(const std::function<bool()>& condition, int timeout_ms = kHangGuardMs) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace blockify::test
