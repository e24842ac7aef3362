// Engine figures for the spine:
//  1. Retry posted → Processing observed in a snapshot (median, p99 over 100 retries).
//  2. Snapshot publish cost with 100,000 jobs of which 10 changed.
// Prints figures; not a pass/fail test.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "engine/core/engine.h"
#include "engine/core/job_table.h"

using namespace blockify;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
  double median, p99, min, max;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  return {at(0.5), at(0.99), v.front(), v.back()};
}

const Job* find_row(const Snapshot& s, int64_t id) {
  for (size_t i = s.jobs.slots(); i-- > 0;)
    if (s.jobs.at(i) && s.jobs.at(i)->id == id) return s.jobs.at(i).get();
  return nullptr;
}

JobStatus wait_status(Engine& engine, int64_t id, std::initializer_list<JobStatus> wanted) {
  SnapshotPtr snap = engine.snapshot();
  for (;;) {
    if (const Job* j = find_row(*snap, id))
      for (JobStatus w : wanted)
        if (j->status == w) return w;
    snap = engine.wait_for_snapshot(snap->version, 1000);
  }
}

void bench_retry_latency() {
  auto dir = std::filesystem::temp_directory_path() / ("blockify-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    // A document big enough that Processing lasts a while, so the bench observes it.
    std::ofstream out(dir / "doc.md");
    for (int i = 0; i < 4000; ++i)
      out << "Paragraph " << i << " explains how a retry restarts the job with the same configuration.\n\n";
  }
  EngineOptions options;
  options.database = dir / "bench.db";
  options.workers = 1;
  Engine engine(options);
  auto created = engine.submit(CreateJob{"bench", "bench", {}, {(dir / "doc.md").string()}}).get();
  int64_t id = created.job_id;
  wait_status(engine, id, {JobStatus::Completed});
  std::vector<double> latencies_ms;
  for (int i = 0; i < 105; ++i) {        // the first 5 warm up and are not counted
    engine.submit(CancelJob{id}).get();  // Completed → refused; Processing → Cancelling
    // Make the job retryable: cancel it while Pending/Processing, or it is Completed.
    auto snap = engine.snapshot();
    if (find_row(*snap, id)->status == JobStatus::Completed) {
      // Completed jobs cannot be retried; delete and recreate one that we cancel at once.
      engine.submit(DeleteJob{id, true}).get();
      id = engine.submit(CreateJob{"bench", "bench", {}, {(dir / "doc.md").string()}}).get().job_id;
      engine.submit(CancelJob{id}).get();
    }
    wait_status(engine, id, {JobStatus::Cancelled});
    auto t0 = Clock::now();
    engine.post(RetryJob{id});
    wait_status(engine, id, {JobStatus::Processing, JobStatus::Completed});
    if (i >= 5) latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  Stats s = stats(latencies_ms);
  std::printf(
      "retry posted -> Processing observed: median %.3f ms, p99 %.3f ms (min %.3f, max %.3f) over %zu "
      "retries\n",
      s.median, s.p99, s.min, s.max, latencies_ms.size());
  std::filesystem::remove_all(dir);
}

void bench_publish_cost() {
  JobTableBuilder builder;
  for (int64_t i = 1; i <= 100000; ++i) {
    Job j;
    j.id = i;
    j.name = "job " + std::to_string(i);
    j.dataset = "dataset";
    builder.append(std::make_shared<const Job>(std::move(j)));
  }
  std::vector<JobTable> keep;  // published tables stay alive like the UI's snapshot would
  keep.push_back(builder.publish());
  std::mt19937 rng(7);
  std::vector<double> costs_us;
  for (int round = 0; round < 1000; ++round) {
    auto t0 = Clock::now();
    for (int k = 0; k < 10; ++k) {
      size_t slot = rng() % builder.slots();
      auto copy = std::make_shared<Job>(*builder.at(slot));
      copy->progress += 0.01;
      builder.set(slot, std::move(copy));
    }
    JobTable t = builder.publish();
    costs_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    keep.back() = std::move(t);
  }
  Stats s = stats(costs_us);
  std::printf(
      "snapshot publish, 100,000 jobs, 10 changed: median %.1f us, p99 %.1f us (min %.1f, max %.1f) over %zu "
      "rounds\n",
      s.median, s.p99, s.min, s.max, costs_us.size());
}

}  // namespace

int main() {
  bench_publish_cost();
  bench_retry_latency();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
