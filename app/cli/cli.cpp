#include "app/cli/cli.h"

#include "app/cli/cli_context.h"
#include "app/cli/terminal_text.h"
#include "app/cli/version.h"
#include "engine/platform/paths.h"

namespace blockify::cli {

std::filesystem::path Context::database() const {
  return db_option.empty() ? platform::default_database_path() : std::filesystem::path(db_option);
}

Invocation run(int argc, char** argv) {
  Invocation inv;
  Context ctx;
  CLI::App app{"Blockify Desktop: turn documents into IdeaBlocks and manage the jobs that do it.", "blockify"};
  app.set_version_flag("--version", version());
  app.add_option("--db", ctx.db_option, "Database file (default: $BLOCKIFY_DB or ~/.local/share/blockify/blockify.db)");
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
  inv.exit_code = ctx.exit_code;
  return inv;
}

}  // namespace blockify::cli
