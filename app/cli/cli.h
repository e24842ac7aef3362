#pragma once
// The command line: `blockify job ...`, `blockify run`, `blockify dataset ...`,
// `blockify settings ...`. Same engine as the GUI, no window.
//
// Folder app/cli/: the command line. It runs on the main thread of a `blockify` process:
// it reads the database read-only, queues commands for the engine that owns it through
// the commands table, or runs an engine of its own (`blockify run`).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace blockify::cli {

struct Invocation {
  bool launch_gui = false;              // no subcommand given
  std::vector<std::string> open_files;  // absolute paths to open in the New job form
  std::filesystem::path database;       // --db, $BLOCKIFY_DB, or the default
  int exit_code = 0;                    // when a subcommand ran
};

// Parses and runs a subcommand. Exit codes: 0 ok, 2 usage, 3 not found, 4 refused by
// the state machine, 1 anything else. Errors go to stderr in one sentence.
Invocation run(int argc, char** argv);

}  // namespace blockify::cli
