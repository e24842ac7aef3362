#pragma once
// The engine: one thread that alone owns job state, the SQLite store and scheduling,
// plus a pool of workers that run the pipeline. Everyone else talks to it by posting
// commands and reading immutable snapshots.
//
// Folder engine/core/: the engine thread. Its loop and units of work, commands, worker
// events, the scheduler, the views and snapshots it publishes, settings, and the worker
// pool it owns. Everything in it runs on the engine thread except what says "Any
// thread" (posting, reading a snapshot); Clang's -Wthread-safety checks it through the
// engine_thread_ role (engine_impl.h).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>

#include "engine/core/command_ticket.h"
#include "engine/core/commands.h"
#include "engine/core/snapshot.h"

namespace blockify {}  // namespace blockify
struct sqlite3;
namespace blockify {

struct EngineOptions {
  std::filesystem::path database;
  // Workers running jobs; -1 = cores − 1 (at least 1). 0 = never start jobs (the
  // command line uses this to apply a command without processing the queue).
  int workers = -1;
  // Watch the commands table so other processes' commands are applied here.
  bool watch_command_table = true;
  // Log file beside the database; empty = "<database folder>/blockify.log".
  std::filesystem::path log_file;
  // Time a cancelled worker may take before the job is settled anyway (Cancelled, with
  // the worker finishing in the background); keeps every cancel under half a second.
  int cancel_grace_ms = 400;
  // Called on the engine thread after each publish (e.g. glfwPostEmptyEvent, so an idle
  // window that sleeps in glfwWaitEvents wakes up to draw the new snapshot). Must not block.
  std::function<void()> on_publish;
  // Benchmarks only: called on the engine thread after each snapshot was published, with
  // what the publish cost (every view refreshed, the job table, the snapshot itself) and
  // how many jobs changed since the previous one.
  std::function<void(std::chrono::nanoseconds cost, size_t jobs_changed)> on_publish_cost;
  // Tests only: called on the worker thread before each file of a job starts (after the
  // previous file's results were posted), and before the runner checks for a cancel. A
  // test blocks in it to hold a job "still running" at a known file, deterministically.
  std::function<void(int64_t job_id, int64_t file_id)> before_file;
  // Tests only: called on the engine's own SQLite connection once it is open (a test
  // counts the work each transition does through sqlite3_trace_v2).
  std::function<void(sqlite3*)> on_database_open;
  // Tests only: called on the background thread that hashes inputs for "what changed
  // since the failure", before it hashes `file`. A test blocks in it to hold a file
  // "still being checked" while it watches the engine go on.
  std::function<void(const std::filesystem::path& file)> before_hash;
};

class EngineImpl;

// Thrown by Engine's constructor when another engine already processes the database; the
// sentence names the process that holds it.
class DatabaseInUse : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Engine {
 public:
  // Opens the database (migrating it), recovers jobs interrupted by a crash, and starts
  // the engine thread and workers. Throws std::runtime_error with a sentence when the
  // database cannot be opened.
  explicit Engine(EngineOptions options);
  ~Engine();  // stops workers (cancelling running jobs' work without changing their status)
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The latest published snapshot. Never blocks on the engine or SQLite.
  SnapshotPtr snapshot() const;

  // Queues a command; `done` (optional) runs on the engine thread with the result.
  void post(Command command, CommandCallback done = {});
  // Queues a command and returns a future of its result.
  std::future<CommandResult> submit(Command command);
  // Queues a command and returns its ticket, answered like `done` above: a caller that
  // must not wait (the UI) reads it in a later frame.
  Ticket post_with_ticket(Command command);

  // Blocks until no job is Pending or Processing (or the timeout passes); true if idle.
  bool wait_until_idle(int timeout_ms);
  // Blocks until a snapshot newer than `version` is published; returns it.
  SnapshotPtr wait_for_snapshot(uint64_t version, int timeout_ms);

 private:
  std::unique_ptr<EngineImpl> impl_;
};

}  // namespace blockify
