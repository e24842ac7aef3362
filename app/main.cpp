// `blockify`: with a subcommand, the command line; without one, the GUI.
#include "app/cli/cli.h"

#ifdef BLOCKIFY_WITH_GUI
#include "app/gui/gui_app.h"
#endif

#include <iostream>

int main(int argc, char** argv) {
  auto inv = blockify::cli::run(argc, argv);
  if (!inv.launch_gui || inv.exit_code != 0) return inv.exit_code;
#ifdef BLOCKIFY_WITH_GUI
  return blockify::gui::run_gui({inv.database, inv.open_files});
#else
  std::cerr << "This build has no GUI; use a subcommand (blockify --help).\n";
  return 2;
#endif
}
