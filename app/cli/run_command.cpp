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

void print_row(const Job& row, std::map<int64_t, JobStatus>& seen) {
  auto it = seen.find(row.id);
  if (it != seen.end() && it->second == row.status) return;
  std::cout << "job " << row.id << " (" << terminal_text(row.name) << "): " << display_name(row.status);
  if (row.status == JobStatus::Failed) std::cout << " — " << terminal_text(row.error.message);
  if (row.status == JobStatus::Completed) std::cout << " — " << row.blocks << " IdeaBlocks";
  std::cout << std::endl;
  seen[row.id] = row.status;
}

// Prints one line per status change, so a script or a person can follow along. Only the
// table's chunks that changed since `before` (the previous snapshot, kept alive so its
// chunk pointers stay meaningful) are read: a publish costs what changed, not 100,000 rows.
void print_changes(const Snapshot& snap, const Snapshot* before, std::map<int64_t, JobStatus>& seen) {
  if (before && before->table_version == snap.table_version) return;  // no row added or changed status
  for (size_t c = 0; c < snap.jobs.chunk_count(); ++c) {
    if (before && c < before->jobs.chunk_count() && before->jobs.chunk(c) == snap.jobs.chunk(c)) continue;
    for (const JobRow& row : *snap.jobs.chunk(c))
      if (row) print_row(*row, seen);
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
      print_changes(*snap, nullptr, seen);
      while (!g_stop && std::cout) {
        SnapshotPtr before = snap;
        snap = engine.wait_for_snapshot(snap->version, 200);
        if (snap != before) print_changes(*snap, before.get(), seen);
        if (!snap->halted.empty()) {
          // The database cannot be written: say why and stop, rather than wait forever.
          std::cerr << terminal_text(snap->halted) << "\n";
          ctx.exit_code = 1;
          return;
        }
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
