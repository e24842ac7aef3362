#include "app/cli/cli.h"

#include "app/cli/cli_context.h"
#include "app/cli/terminal_text.h"
#include "app/cli/version.h"
#include "engine/platform/paths.h"

namespace blockify::cli {
namespace {

// `blockify a.pdf docs/` (also the desktop launcher's `blockify %F`): the files open in
// the New job form. A word that is neither a command nor a file is most likely a
// mistyped command, so it is a usage error rather than a form with a missing file.
bool open_files(const std::vector<std::string>& files, Invocation& inv) {
  for (const auto& file : files) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      std::cerr << "\"" << file << "\" is neither a blockify command nor an existing file; "
                << "see `blockify --help`.\n";
      inv.exit_code = 2;
      return false;
    }
    inv.open_files.push_back(std::filesystem::absolute(file, ec).lexically_normal().string());
  }
  return true;
}

}  // namespace

std::filesystem::path Context::database() const {
  return db_option.empty() ? platform::default_database_path() : std::filesystem::path(db_option);
}

const std::string& Context::request_id() {
  if (!request_id_option.empty()) return request_id_option;
  if (made_up_request_id_.empty()) made_up_request_id_ = new_request_id();
  return made_up_request_id_;
}

Invocation run(int argc, char** argv) {
  Invocation inv;
  Context ctx;
  CLI::App app{"Blockify Desktop: turn documents into IdeaBlocks and manage the jobs that do it.",
               "blockify"};
  app.set_version_flag(
      "--version", [] { return version_text(); }, "Print the version and the libraries' versions, then exit");
  app.add_option("--db", ctx.db_option,
                 "Database file (default: $BLOCKIFY_DB or ~/.local/share/blockify/blockify.db)");
  app.add_option("--request-id", ctx.request_id_option,
                 "Names this command so that sending it again (after a timeout) applies it once, not twice");
  std::vector<std::string> files;
  app.add_option("files", files, "Documents or folders to open in the New job form (starts the window)");
  app.require_subcommand(0, 1);
  add_job_commands(app, ctx);
  add_run_command(app, ctx);
  add_dataset_commands(app, ctx);
  add_settings_commands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    inv.exit_code = app.exit(e);
    if (inv.exit_code != 0) inv.exit_code = 2;
    return inv;
  } catch (const std::exception& e) {
    std::cerr << terminal_text(e.what()) << "\n";
    inv.exit_code = 1;
    return inv;
  }
  inv.database = ctx.database();
  inv.launch_gui = app.get_subcommands().empty();
  if (inv.launch_gui && !open_files(files, inv)) return inv;
  inv.exit_code = ctx.exit_code;
  return inv;
}

}  // namespace blockify::cli
