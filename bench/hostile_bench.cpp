// Hostile inputs, timed: extraction of HTML nested 25,000 to 400,000 <div>s deep (the
// time must grow linearly with the depth, and stay under 2 s at 200,000), and the time
// from Cancel to Cancelled for a job of 40 such pages and for a 600-file job.
//
// Usage: hostile_bench [runs]   (default 5)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/pipeline/extract/extract.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string tower(int depth) {
  std::string html = "<html><body>";
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += "The deepest words.";
  for (int i = 0; i < depth; ++i) html += "</div>";
  return html + "</body></html>";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Runs a job over `files`, cancels it once `ready` holds for its row, and returns the
// milliseconds from the cancel to Cancelled.
template <typename Ready>
double cancel_latency(const fs::path& dir, const std::vector<std::string>& files, Ready ready) {
  fs::remove(dir / "bench.db");
  fs::remove(dir / "bench.db-wal");
  fs::remove(dir / "bench.db-shm");
  blockify::EngineOptions options;
  options.database = dir / "bench.db";
  options.workers = 1;
  blockify::Engine engine(options);
  auto created = engine.submit(blockify::CreateJob{"Bench", "bench", blockify::JobConfig{}, files}).get();
  int64_t id = created.job_id;
  auto find = [&](const blockify::Snapshot& snap) -> const blockify::Job* {
    for (size_t i = 0; i < snap.jobs.slots(); ++i)
      if (const auto& row = snap.jobs.at(i); row && row->id == id) return row.get();
    return nullptr;
  };
  auto snap = engine.snapshot();
  while (!find(*snap) || !ready(*find(*snap))) snap = engine.wait_for_snapshot(snap->version, 200);
  auto asked = Clock::now();
  engine.submit(blockify::CancelJob{id}).get();
  while (!find(*snap) || find(*snap)->status != blockify::JobStatus::Cancelled)
    snap = engine.wait_for_snapshot(snap->version, 200);
  return ms_since(asked);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  std::printf("deep HTML extraction (median of %d runs):\n", runs);
  for (int depth : {25'000, 50'000, 100'000, 200'000, 400'000}) {
    const std::string html = tower(depth);
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
      auto start = Clock::now();
      blockify::ExtractResult result = blockify::extract_bytes("tower.html", html);
      times.push_back(ms_since(start));
      if (!result.ok()) std::printf("  unexpected failure: %s\n", result.error.message.c_str());
    }
    std::printf("  depth %7d (%4.1f MB): %8.1f ms\n", depth, static_cast<double>(html.size()) / (1 << 20),
                median(times));
  }

  fs::path dir = fs::temp_directory_path() / ("hostile_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::vector<std::string> towers, notes;
  const std::string page = tower(200'000);
  for (int i = 0; i < 40; ++i) {
    towers.push_back((dir / ("tower" + std::to_string(i) + ".html")).string());
    std::ofstream(towers.back()) << page;
  }
  std::string note;
  for (int i = 0; i < 40; ++i)
    note += "Blockify turns documents into IdeaBlocks; a failed job can be retried.\n\n";
  for (int i = 0; i < 600; ++i) {
    notes.push_back((dir / ("note" + std::to_string(i) + ".md")).string());
    std::ofstream(notes.back()) << note;
  }
  std::vector<double> deep, many;
  for (int r = 0; r < runs; ++r) {
    deep.push_back(cancel_latency(
        dir, towers, [](const blockify::Job& j) { return j.status == blockify::JobStatus::Processing; }));
    many.push_back(cancel_latency(dir, notes, [](const blockify::Job& j) { return j.files_done >= 100; }));
  }
  std::printf("Cancel -> Cancelled, 40 pages 200,000 deep: median %.0f ms (max %.0f)\n", median(deep),
              *std::max_element(deep.begin(), deep.end()));
  std::printf("Cancel -> Cancelled, 600-file job at 100 files: median %.0f ms (max %.0f)\n", median(many),
              *std::max_element(many.begin(), many.end()));
  fs::remove_all(dir);
  return 0;
}
