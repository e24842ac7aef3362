// Cancel reaches Cancelled without finishing the job's work: a many-file job stops
// between files and never runs distill; a job reading 200,000-deep HTML is cancelled
// like any other; and a Cancelled job keeps no file marked processing. The tests wait on
// conditions (with a generous hang guard); the time a cancel took is reported, not
// asserted — `scripts/bench` is where timing belongs.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/file_gate.h"
#include "tests/support/sample_text.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kParagraph = kSampleManual + "\n\n";

// Many-file jobs: a hang guard twice the suite's usual one.
constexpr int kCancelHangGuardMs = 2 * kHangGuardMs;

// Writes `count` files <prefix>0.md, <prefix>1.md, ... of `paragraphs` sample paragraphs
// each; returns their paths.
std::vector<std::string> write_files(const TempDir& dir, const std::string& prefix, int count,
                                     int paragraphs) {
  std::string text;
  for (int i = 0; i < paragraphs; ++i) text += kParagraph;
  std::vector<std::string> files;
  for (int i = 0; i < count; ++i)
    files.push_back(dir.write(prefix + std::to_string(i) + ".md", text).string());
  return files;
}

void check_nothing_left_processing(const TempDir& dir, int64_t id) {
  store::JobStore reader(dir / "blockify.db");
  for (const auto& file : reader.load_files(id)) {
    CAPTURE(file.path);
    CHECK(file.status != FileStatus::Processing);
  }
}

}  // namespace

TEST_CASE(
    "a 600-file job cancelled early stops between files, runs no distill, and leaves no file processing") {
  TempDir dir;
  std::vector<std::string> files = write_files(dir, "note", 600, 40);
  int64_t id = 0;
  {
    Engine engine(engine_options(dir / "blockify.db"));
    auto created = engine.submit(CreateJob{"Notes", "notes", JobConfig{}, files}).get();
    REQUIRE(created.ok());
    id = created.job_id;
    wait_for_job(
        engine, id, [](const Job& j) { return j.files_done >= 20; }, "be 20 files in", kCancelHangGuardMs);
    auto asked = Clock::now();
    REQUIRE(engine.submit(CancelJob{id}).get().ok());
    Job cancelled = wait_for_status(engine, id, JobStatus::Cancelled, kCancelHangGuardMs);
    MESSAGE("cancel took " << std::chrono::duration<double, std::milli>(Clock::now() - asked).count()
                           << " ms at " << cancelled.files_done << " of 600 files");
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
  for (int i = 0; i < 40; ++i)
    files.push_back(dir.write("tower" + std::to_string(i) + ".html", tower).string());
  int64_t id = 0;
  {
    Engine engine(engine_options(dir / "blockify.db"));
    auto created = engine.submit(CreateJob{"Towers", "towers", JobConfig{}, files}).get();
    REQUIRE(created.ok());
    id = created.job_id;
    wait_for_status(engine, id, JobStatus::Processing, kCancelHangGuardMs);
    auto asked = Clock::now();
    REQUIRE(engine.submit(CancelJob{id}).get().ok());
    Job cancelled = wait_for_status(engine, id, JobStatus::Cancelled, kCancelHangGuardMs);
    MESSAGE("cancel of the deep-HTML job took "
            << std::chrono::duration<double, std::milli>(Clock::now() - asked).count() << " ms");
    CHECK(cancelled.finished_at > 0);
  }
  check_nothing_left_processing(dir, id);
}

TEST_CASE(
    "a worker that does not stop within the grace time: the job is Cancelled anyway and restarts only once "
    "it stopped") {
  // The gate holds the worker before the job's second file, deaf to the cancel, for as
  // long as the test wants: the slow parser the grace time is there for.
  TempDir dir;
  std::vector<std::string> files = write_files(dir, "part", 3, 6);
  FileGate gate(1);
  EngineOptions options = engine_options(dir / "blockify.db");
  options.workers = 2;  // a free worker, so only the stopping run can hold the retry back
  options.cancel_grace_ms = 50;
  options.before_file = gate.hook();
  int64_t id = 0;
  {
    Engine engine(options);
    auto created = engine.submit(CreateJob{"Slow", "slow", JobConfig{}, files}).get();
    REQUIRE(created.ok());
    id = created.job_id;
    REQUIRE(gate.wait_until_held());
    REQUIRE(engine.submit(CancelJob{id}).get().ok());
    Job cancelled = blockify::test::wait_for_status(engine, id, JobStatus::Cancelled);
    CHECK(cancelled.files_done == 1);             // the first file's results are kept
    CHECK(engine.snapshot()->workers_busy == 1);  // the worker is still in its file, and counted

    // A retry is accepted but waits for the old run: two more passes later it has not started.
    REQUIRE(engine.submit(RetryJob{id, AttemptKind::Resume}).get().ok());
    engine.submit(FocusJob{id, 0}).get();
    engine.submit(FocusJob{id, 0}).get();
    CHECK(blockify::test::current_job(engine, id).status == JobStatus::Pending);

    gate.release();  // the old worker sees the cancel and stops; its late events are dropped
    Job done = blockify::test::wait_for_status(engine, id, JobStatus::Completed);
    CHECK(done.files_done == 3);
  }
  // The attempt was settled by the grace time, and each of the three (identical) files
  // has its blocks once: nothing from the abandoned run was stored beside the retry's.
  store::JobStore reader(dir / "blockify.db");
  bool settled = false;
  for (const auto& event : reader.load_events(id))
    settled |= event.message.find("had not stopped") != std::string::npos;
  CHECK(settled);
  std::map<int64_t, int> per_file;
  for (const auto& b : reader.load_job_blocks(id)) per_file[b.file_id]++;
  REQUIRE(per_file.size() == 3);
  CHECK(per_file.begin()->second > 0);
  for (const auto& [file, count] : per_file) CHECK(count == per_file.begin()->second);
  check_nothing_left_processing(dir, id);
}
