// `blockify run [--until-idle]`: the engine without a window, processing the queue.
#include <csignal>
#include <map>

#include "app/cli/cli_context.h"
#include "app/cli/terminal_text.h"
#include "engine/core/engine.h"

namespace blockify::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

// Prints one line per status change, so a script or a person can follow along.
void print_changes(const Snapshot& snap, std::map<int64_t, JobStatus>& seen) {
  for (size_t i = 0; i < snap.jobs.slots(); ++i) {
    const auto& row = snap.jobs.at(i);
    if (!row) continue;
    auto it = seen.find(row->id);
    if (it != seen.end() && it->second == row->status) continue;
    std::cout << "job " << row->id << " (" << terminal_text(row->name) << "): " << display_name(row->status);
    if (row->status == JobStatus::Failed) std::cout << " — " << terminal_text(row->error.message);
    if (row->status == JobStatus::Completed) std::cout << " — " << row->blocks << " IdeaBlocks";
    std::cout << std::endl;
    seen[row->id] = row->status;
  }
}

}  // namespace

void add_run_command(CLI::App& app, Context& ctx) {
  auto* run = app.add_subcommand("run", "Run the engine without a window and process the queue");
  auto until_idle = std::make_shared<bool>(false);
  auto workers = std::make_shared<int>(-1);
  run->add_flag("--until-idle", *until_idle, "Exit once no job is Pending or Processing");
  run->add_option("--workers", *workers, "Worker threads (default: cores − 1, at least 1)");
  run->callback([&ctx, until_idle, workers] {
    // SIGTERM, SIGINT and a closed output (`blockify run | head -1`) all end the loop
    // below; the engine then stops at its next safe point, and jobs that were running are
    // resumed at the next start, exactly as after a crash. A broken pipe is noticed as a
    // failed write rather than a signal that would kill the engine mid-transaction.
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGPIPE, SIG_IGN);
    EngineOptions options;
    options.database = ctx.database();
    options.workers = *workers == 0 ? 1 : *workers;
    try {
      Engine engine(options);
      std::map<int64_t, JobStatus> seen;
      SnapshotPtr snap = engine.snapshot();
      print_changes(*snap, seen);
      while (!g_stop && std::cout) {
        snap = engine.wait_for_snapshot(snap->version, 200);
        print_changes(*snap, seen);
        bool busy = snap->count(JobStatus::Processing) + snap->count(JobStatus::Cancelling) > 0;
        bool waiting = snap->count(JobStatus::Pending) > 0;
        if (*until_idle && !busy && !waiting) break;
      }
      ctx.exit_code = 0;
    } catch (const std::exception& e) {
      std::cerr << terminal_text(e.what()) << "\n";
      ctx.exit_code = 1;
    }
  });
}

}  // namespace blockify::cli
