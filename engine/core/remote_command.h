#pragma once
// Commands that travel through the database's commands table, from a command-line
// process to the engine that owns the database, as JSON.
#include <optional>
#include <string>

#include "engine/core/commands.h"

namespace blockify {

std::string remote_command_json(const Command& command);
// Null (and `error` set to a usage result) when the JSON is not a command.
std::optional<Command> parse_remote_command(const std::string& json, CommandResult* error);
std::string remote_result_json(const CommandResult& result);
CommandResult parse_remote_result(int exit_code, const std::string& json);

}  // namespace blockify
