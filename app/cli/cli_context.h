#pragma once
// Shared pieces of the subcommands.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <initializer_list>
#include <string>
#include <vector>

#include "app/cli/command_client.h"
#include "app/cli/terminal_text.h"
#include "engine/core/commands.h"

namespace blockify::cli {

struct Context {
  std::string db_option;          // --db as given
  std::string request_id_option;  // --request-id as given
  int exit_code = 0;
  // --db, else $BLOCKIFY_DB, else the default location.
  std::filesystem::path database() const;
  // --request-id, else one made up for this run (printed if the command times out).
  const std::string& request_id();

 private:
  std::string made_up_request_id_;
};

// Accepts exactly the names the engine gives `values` (their to_string), so the command
// line restates no name the engine keeps; --help and the error list them.
template <typename E, typename Values = std::initializer_list<E>>
CLI::Validator one_of(const Values& values) {
  std::vector<std::string> names;
  for (E value : values) names.emplace_back(to_string(value));
  return CLI::IsMember(names);
}

// Prints a result: its message to stdout when ok, else to stderr; returns the exit code.
inline int report(const CommandResult& r) {
  if (r.ok()) {
    if (!r.message.empty()) std::cout << terminal_text(r.message) << "\n";
  } else {
    std::cerr << terminal_text(r.message) << "\n";
  }
  return static_cast<int>(r.code);
}

void add_job_commands(CLI::App& app, Context& ctx);
void add_run_command(CLI::App& app, Context& ctx);
void add_dataset_commands(CLI::App& app, Context& ctx);
void add_settings_commands(CLI::App& app, Context& ctx);

}  // namespace blockify::cli
