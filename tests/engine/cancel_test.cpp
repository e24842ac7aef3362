// Cancel reaches Cancelled without finishing the job's work: a many-file job stops
// between files and never runs distill; a job reading 200,000-deep HTML is cancelled
// like any other; and a Cancelled job keeps no file marked processing. The tests wait on
// conditions (with a generous hang guard); the time a cancel took is reported, not
// asserted — `scripts/bench` is where timing belongs.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

const char* kParagraph =
    "Blockify turns documents into IdeaBlocks. Each IdeaBlock holds one idea with a critical question and a "
    "trusted answer. A job that fails can be retried from the jobs table with one click.\n\n";

EngineOptions options_for(const TempDir& dir) {
  EngineOptions o;
  o.database = dir / "blockify.db";
  o.workers = 1;
  return o;
}

// The job's row once `ready` holds for it (fails after a 60 s hang guard).
template <typename Ready>
Job wait_for(Engine& engine, int64_t id, Ready ready, const char* what) {
  auto deadline = Clock::now() + std::chrono::seconds(60);
  SnapshotPtr snap = engine.snapshot();
  for (;;) {
    for (size_t i = 0; i < snap->jobs.slots(); ++i) {
      const auto& row = snap->jobs.at(i);
      if (row && row->id == id && ready(*row)) return *row;
    }
    if (Clock::now() > deadline) {
      FAIL("job " << id << " never became " << what);
      return {};
    }
    snap = engine.wait_for_snapshot(snap->version, 200);
  }
}

void check_nothing_left_processing(const TempDir& dir, int64_t id) {
  store::JobStore reader(dir / "blockify.db");
  for (const auto& file : reader.load_files(id)) {
    CAPTURE(file.path);
    CHECK(file.status != FileStatus::Processing);
  }
}

}  // namespace

TEST_CASE("a 600-file job cancelled early stops between files, runs no distill, and leaves no file processing") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 40; ++i) text += kParagraph;
  std::vector<std::string> files;
  for (int i = 0; i < 600; ++i) files.push_back(dir.write("note" + std::to_string(i) + ".md", text).string());
  int64_t id = 0;
  {
    Engine engine(options_for(dir));
    auto created = engine.submit(CreateJob{"Notes", "notes", JobConfig{}, files}).get();
    REQUIRE(created.ok());
    id = created.job_id;
    wait_for(engine, id, [](const Job& j) { return j.files_done >= 20; }, "20 files in");
    auto asked = Clock::now();
    REQUIRE(engine.submit(CancelJob{id}).get().ok());
    Job cancelled = wait_for(engine, id, [](const Job& j) { return j.status == JobStatus::Cancelled; }, "Cancelled");
    MESSAGE("cancel took " << std::chrono::duration<double, std::milli>(Clock::now() - asked).count() << " ms at "
                           << cancelled.files_done << " of 600 files");
    CHECK(cancelled.files_done < 600);
  }
  store::JobStore reader(dir / "blockify.db");
  for (const auto& event : reader.load_events(id)) {
    CAPTURE(event.message);
    CHECK(event.message.find("Distill") == std::string::npos);
  }
  check_nothing_left_processing(dir, id);
}

TEST_CASE("a job reading HTML nested 200,000 deep is cancelled like any other") {
  TempDir dir;
  std::string tower = "<html><body>";
  for (int i = 0; i < 200'000; ++i) tower += "<div>";
  tower += "The deepest words.";
  for (int i = 0; i < 200'000; ++i) tower += "</div>";
  tower += "</body></html>";
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i) files.push_back(dir.write("tower" + std::to_string(i) + ".html", tower).string());
  int64_t id = 0;
  {
    Engine engine(options_for(dir));
    auto created = engine.submit(CreateJob{"Towers", "towers", JobConfig{}, files}).get();
    REQUIRE(created.ok());
    id = created.job_id;
    wait_for(engine, id, [](const Job& j) { return j.status == JobStatus::Processing; }, "Processing");
    auto asked = Clock::now();
    REQUIRE(engine.submit(CancelJob{id}).get().ok());
    Job cancelled = wait_for(engine, id, [](const Job& j) { return j.status == JobStatus::Cancelled; }, "Cancelled");
    MESSAGE("cancel of the deep-HTML job took " << std::chrono::duration<double, std::milli>(Clock::now() - asked).count()
                                                << " ms");
    CHECK(cancelled.finished_at > 0);
  }
  check_nothing_left_processing(dir, id);
}
