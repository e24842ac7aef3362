#pragma once
// How a command-line process applies a command: through the engine that owns the
// database (via its commands table) when one is running, else through a short-lived
// engine of its own that processes nothing.
#include <filesystem>

#include "engine/core/commands.h"

namespace blockify::cli {

// Waits up to `timeout_ms` for a running engine to apply a queued command.
CommandResult apply_command(const std::filesystem::path& database, const Command& command, int timeout_ms = 10000);

}  // namespace blockify::cli
