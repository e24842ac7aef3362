// "What changed since the failure" hashes same-size inputs off the engine thread: the
// detail says the file is being checked while its hash is held at a gate the test
// controls, the engine goes on applying commands and running jobs meanwhile, and the
// comparison arrives once the gate opens. Each file is hashed once per (size, mtime).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// The input the failed attempt read; an edit keeps its size (R becomes r).
const char* kText =
    "Reading a large input again takes time. Rather than block, Blockify hashes it on a background "
    "thread.\n\n"
    "Results come back as a task the engine applies, and the detail is published again.";

// Plugged into EngineOptions::before_hash: holds the first hash until released, lets the
// rest through, and records the name of every file hashed.
class HashGate {
 public:
  ~HashGate() { release(); }

  std::function<void(const std::filesystem::path&)> hook() const {
    return [state = state_](const std::filesystem::path& file) {
      std::unique_lock lock(state->mutex);
      state->hashed.push_back(file.filename().string());
      state->changed.notify_all();
      // Hang guard: a test that forgets to release fails on its own checks, never hangs.
      state->changed.wait_for(lock, std::chrono::seconds(60), [&] { return state->released; });
    };
  }
  bool wait_until_held() const {
    std::unique_lock lock(state_->mutex);
    return state_->changed.wait_for(lock, std::chrono::seconds(30), [&] { return !state_->hashed.empty(); });
  }
  void release() const {
    std::lock_guard lock(state_->mutex);
    state_->released = true;
    state_->changed.notify_all();
  }
  std::vector<std::string> hashed() const {
    std::lock_guard lock(state_->mutex);
    return state_->hashed;
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    bool released = false;
    std::vector<std::string> hashed;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// a.md's state in the detail of job `id`, if that detail is published and names it.
std::optional<InputState> state_of_a(const Snapshot& s, int64_t id) {
  if (!s.detail || s.detail->job.id != id) return std::nullopt;
  for (const auto& c : s.detail->changes.inputs)
    if (std::filesystem::path(c.path).filename() == "a.md") return c.state;
  return std::nullopt;
}

// A job that failed on a missing file after reading a.md; the engine's hashing held by
// the gate. The gate opens before the engine stops, so a failed check cannot hang it.
struct FailedJob {
  TempDir dir;
  HashGate gate;
  std::unique_ptr<Engine> engine;
  int64_t id = 0;

  FailedJob() {
    auto a = dir.write("a.md", kText);
    EngineOptions o;
    o.database = dir / "t.db";
    o.workers = 1;
    o.before_hash = gate.hook();
    engine = std::make_unique<Engine>(o);
    id = engine->submit(CreateJob{"changes", "c", {}, {a.string(), (dir / "gone.md").string()}}).get().job_id;
    wait_for_status(*engine, id, JobStatus::Failed);
  }
  ~FailedJob() {
    gate.release();
    engine.reset();
  }

  SnapshotPtr wait_for_a(InputState state, const std::string& what) {
    return wait_for_snapshot_where(
        *engine, [&](const Snapshot& s) { return state_of_a(s, id) == state; }, what);
  }
};

}  // namespace

TEST_CASE("a same-size input is checked off the engine thread: checking while held, the engine goes on") {
  FailedJob f;
  REQUIRE(f.engine->submit(FocusJob{f.id, 0}).get().ok());
  auto snap = f.wait_for_a(InputState::Checking, "a.md being checked");
  REQUIRE(f.gate.wait_until_held());
  CHECK(snap->detail->changes.checked);
  // Not "nothing changed" while an input is still being compared.
  CHECK_FALSE(snap->detail->changes.nothing_changed);

  // With the hash held, the engine thread still applies commands and runs jobs.
  auto b = f.dir.write("b.md",
                       std::string(kText) + "\n\nA second job while the first one's input is being hashed.");
  CommandResult created = f.engine->submit(CreateJob{"meanwhile", "m", {}, {b.string()}}).get();
  REQUIRE(created.ok());
  wait_for_status(*f.engine, created.job_id, JobStatus::Completed);
  REQUIRE(f.engine->submit(FocusJob{f.id, 0}).get().ok());  // compared again: still held, not hashed twice
  CHECK(state_of_a(*f.engine->snapshot(), f.id) == InputState::Checking);
  CHECK(f.gate.hashed() == std::vector<std::string>{"a.md"});

  // The gate opens: the hash comes back and the engine publishes the comparison.
  f.gate.release();
  snap = f.wait_for_a(InputState::Unchanged, "a.md found unchanged");
  CHECK(snap->detail->changes.nothing_changed);
  CHECK(f.gate.hashed() == std::vector<std::string>{"a.md"});
}

TEST_CASE("an input is hashed once per size and modification time; a same-size edit is found modified") {
  FailedJob f;
  f.gate.release();
  REQUIRE(f.engine->submit(FocusJob{f.id, 0}).get().ok());
  f.wait_for_a(InputState::Unchanged, "a.md found unchanged");
  // Compared again with nothing touched: the cached hash answers at once.
  REQUIRE(f.engine->submit(FocusJob{f.id, 0}).get().ok());
  CHECK(state_of_a(*f.engine->snapshot(), f.id) == InputState::Unchanged);
  CHECK(f.gate.hashed() == std::vector<std::string>{"a.md"});

  // Same size, other content, a later modification time: hashed again, and modified.
  std::string edited = kText;
  std::replace(edited.begin(), edited.end(), 'R', 'r');
  REQUIRE(edited.size() == std::string(kText).size());
  auto a = f.dir.write("a.md", edited);
  std::filesystem::last_write_time(a, std::filesystem::last_write_time(a) + std::chrono::seconds(10));
  REQUIRE(f.engine->submit(FocusJob{f.id, 0}).get().ok());
  auto snap = f.wait_for_a(InputState::Modified, "a.md found modified");
  CHECK_FALSE(snap->detail->changes.nothing_changed);
  CHECK(f.gate.hashed() == std::vector<std::string>{"a.md", "a.md"});
}
