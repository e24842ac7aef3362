// Retry modes beyond the spec: Resume keeps completed files and their blocks, Failed
// files only redoes just the failures, and the plain Retry stays a clean full restart.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

const char* kText =
    "Retry policy for Blockify jobs. A failed job keeps its partial results so nothing is lost.\n\n"
    "Resume redoes only what failed or never ran, which saves hours on large document sets.";

// Block ids per source file path.
std::map<std::string, std::set<int64_t>> block_ids(const std::filesystem::path& db, int64_t job) {
  store::JobStore s(db);
  std::map<int64_t, std::string> path_of;
  for (const auto& f : s.load_files(job)) path_of[f.id] = std::filesystem::path(f.path).filename().string();
  std::map<std::string, std::set<int64_t>> out;
  for (const auto& b : s.load_job_blocks(job)) out[path_of[b.file_id]].insert(b.id);
  return out;
}

// Focuses the job and waits for the first detail whose "what changed since the failure"
// is checked, every input's hash in.
SnapshotPtr focus_until_changes_checked(Engine& engine, int64_t id) {
  engine.submit(FocusJob{id, 0}).get();
  return wait_for_detail(
      engine, id,
      [](const JobDetail& d) {
        return d.changes.checked &&
               std::none_of(d.changes.inputs.begin(), d.changes.inputs.end(),
                            [](const InputChange& c) { return c.state == InputState::Checking; });
      },
      "the changes checked (every input's hash in)");
}

struct FailedJob {
  TempDir dir;
  std::unique_ptr<Engine> engine;
  int64_t id = 0;
  std::map<std::string, std::set<int64_t>> before;

  FailedJob() {
    auto a = dir.write("a.md", kText);
    auto b =
        dir.write("b.md", std::string(kText) + "\n\nA second file about cancellation and partial results.");
    engine = std::make_unique<Engine>(engine_options(dir / "t.db"));
    id = engine->submit(CreateJob{"modes", "modes", {}, {a.string(), b.string(), (dir / "c.md").string()}})
             .get()
             .job_id;
    wait_for_status(*engine, id, JobStatus::Failed);
    before = block_ids(dir / "t.db", id);
    // After the failure: c.md is restored, and a.md is edited. A mode that keeps a.md's
    // results must not read it again (its blocks keep their ids).
    dir.write("c.md", "Restored notes about exports and datasets.\n\nExports are written atomically.");
    dir.write("a.md", "Completely different text about GPUs and inference clusters.");
  }
};

}  // namespace

TEST_CASE("resume keeps completed files' blocks and processes only the failed file") {
  FailedJob f;
  REQUIRE(f.before.count("a.md"));
  REQUIRE(f.before.count("b.md"));
  REQUIRE(f.engine->submit(RetryJob{f.id, AttemptKind::Resume}).get().ok());
  Job done = wait_for_status(*f.engine, f.id, JobStatus::Completed);
  CHECK(done.files_done == 3);
  auto after = block_ids(f.dir / "t.db", f.id);
  CHECK(after["a.md"] == f.before["a.md"]);  // not extracted again
  CHECK(after["b.md"] == f.before["b.md"]);
  CHECK_FALSE(after["c.md"].empty());
  store::JobStore s(f.dir / "t.db");
  auto attempts = s.load_attempts(f.id);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[1].kind == AttemptKind::Resume);
}

TEST_CASE("retry failed files only redoes the failed file") {
  FailedJob f;
  REQUIRE(f.engine->submit(RetryJob{f.id, AttemptKind::FailedFiles}).get().ok());
  wait_for_status(*f.engine, f.id, JobStatus::Completed);
  auto after = block_ids(f.dir / "t.db", f.id);
  CHECK(after["a.md"] == f.before["a.md"]);
  CHECK(after["b.md"] == f.before["b.md"]);
  CHECK_FALSE(after["c.md"].empty());
}

TEST_CASE("the plain retry is a clean full restart: every file is read again") {
  FailedJob f;
  REQUIRE(f.engine->submit(RetryJob{f.id, AttemptKind::Fresh}).get().ok());
  wait_for_status(*f.engine, f.id, JobStatus::Completed);
  auto after = block_ids(f.dir / "t.db", f.id);
  std::vector<int64_t> common;
  std::set_intersection(after["a.md"].begin(), after["a.md"].end(), f.before["a.md"].begin(),
                        f.before["a.md"].end(), std::back_inserter(common));
  CHECK(common.empty());
  store::JobStore s(f.dir / "t.db");
  bool mentions_gpu = false;
  for (const auto& b : s.load_job_blocks(f.id))
    mentions_gpu |= b.trusted_answer.find("GPU") != std::string::npos;
  CHECK(mentions_gpu);  // the edited a.md was read
}

TEST_CASE("what changed since the failure: a restored file is reported, an untouched retry warns") {
  TempDir dir;
  auto a = dir.write("a.md", kText);
  Engine engine(engine_options(dir / "t.db"));
  int64_t id =
      engine.submit(CreateJob{"changes", "c", {}, {a.string(), (dir / "gone.md").string()}}).get().job_id;
  wait_for_status(engine, id, JobStatus::Failed);
  auto snap = focus_until_changes_checked(engine, id);
  CHECK(snap->detail->changes.nothing_changed);

  dir.write("gone.md", "Back again.");
  engine.submit(FocusJob{id, 0}).get();  // refocusing recomputes at once
  snap = wait_for_detail(
      engine, id, [](const JobDetail& d) { return !d.changes.nothing_changed; },
      "a change since the failure");
  const auto& changes = snap->detail->changes;
  CHECK_FALSE(changes.nothing_changed);
  bool restored = false;
  for (const auto& c : changes.inputs)
    restored |= c.path.find("gone.md") != std::string::npos && c.state == InputState::Restored;
  CHECK(restored);
}

TEST_CASE("a file can be replaced or removed while the job is Failed, not while it runs") {
  TempDir dir;
  auto a = dir.write("a.md", kText);
  auto replacement = dir.write("fixed.md", "The fixed document about retries.");
  Engine engine(engine_options(dir / "t.db"));
  int64_t id =
      engine.submit(CreateJob{"replace", "r", {}, {a.string(), (dir / "gone.md").string()}}).get().job_id;
  wait_for_status(engine, id, JobStatus::Failed);
  store::JobStore s(dir / "t.db");
  int64_t gone_id = 0;
  for (const auto& f : s.load_files(id))
    if (f.path.find("gone.md") != std::string::npos) gone_id = f.id;
  REQUIRE(engine.submit(ReplaceFile{id, gone_id, replacement.string()}).get().ok());
  REQUIRE(engine.submit(RetryJob{id, AttemptKind::FailedFiles}).get().ok());
  Job done = wait_for_status(engine, id, JobStatus::Completed);
  CHECK(done.files_failed == 0);
  auto removed = engine.submit(RemoveFile{id, gone_id}).get();
  CHECK(removed.code == ResultCode::Refused);  // Completed: files are locked
}

TEST_CASE("what changed since the failure names an endpoint setting changed after the failure") {
  TempDir dir;
  auto a = dir.write("a.md", kText);
  {
    store::JobStore s(dir / "t.db");
    s.set_setting("endpoint.url", "http://127.0.0.1:9/v1");  // nothing listens: refused
    s.set_setting("retry.request_tries", "1");
    s.set_setting("retry.auto_attempts", "0");
  }
  Engine engine(engine_options(dir / "t.db"));
  JobConfig config;
  config.backend = Backend::OpenAI;
  int64_t id = engine.submit(CreateJob{"llm", "llm", config, {a.string()}}).get().job_id;
  wait_for_status(engine, id, JobStatus::Failed);
  auto snap = focus_until_changes_checked(engine, id);
  CHECK(snap->detail->changes.nothing_changed);
  CHECK(snap->detail->changes.settings_changed.empty());

  REQUIRE(engine.submit(SetSetting{"endpoint.url", "http://127.0.0.1:8/v1"}).get().ok());
  engine.submit(FocusJob{id, 0}).get();
  snap = wait_for_detail(
      engine, id, [](const JobDetail& d) { return !d.changes.settings_changed.empty(); },
      "the changed setting");
  const auto& changes = snap->detail->changes;
  CHECK_FALSE(changes.nothing_changed);
  REQUIRE(changes.settings_changed.size() == 1);
  CHECK(changes.settings_changed[0] == "endpoint.url: http://127.0.0.1:9/v1 → http://127.0.0.1:8/v1");
}
