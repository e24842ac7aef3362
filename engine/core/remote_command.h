#pragma once
// Commands that travel through the database's commands table, from a command-line
// process to the engine that owns the database, as JSON.
#include <optional>
#include <string>

#include "engine/core/commands.h"

namespace blockify {

// `request_id` (when not empty) names this sending of the command: the commands table keeps
// one row per request id, so a command sent again after a timeout is applied once.
std::string remote_command_json(const Command& command, const std::string& request_id = "");
// Null (and `error` set to a usage result) when the JSON is not a command.
std::optional<Command> parse_remote_command(const std::string& json, CommandResult* error);
std::string remote_result_json(const CommandResult& result);
CommandResult parse_remote_result(int exit_code, const std::string& json);

}  // namespace blockify
