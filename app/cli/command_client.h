#pragma once
// How a command-line process applies a command and reads the database.
//
// A command always goes through the database's commands table, under a request id: the
// engine that owns the database applies it — the running app or `blockify run`, else a
// short-lived engine of this process that processes nothing. Sending the same request id
// again (after a timeout) waits for the first sending instead of applying it twice.
#include <filesystem>
#include <memory>
#include <string>

#include "engine/core/commands.h"

namespace blockify::store {
class JobStore;
}

namespace blockify::cli {

// Waits up to `timeout_ms` for the command to be applied.
CommandResult apply_command(const std::filesystem::path& database, const Command& command,
                            const std::string& request_id, int timeout_ms = 10000);

// A fresh request id (32 hex digits) for a command sent without --request-id.
std::string new_request_id();

// Opens the database for a command that only reads. Behind a running engine it is opened
// read-only and never migrated; with no engine running it is created or upgraded first
// (under the single-engine lock, so no engine can start half-way through).
std::unique_ptr<store::JobStore> open_for_reading(const std::filesystem::path& database);

}  // namespace blockify::cli
