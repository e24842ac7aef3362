#pragma once
// Where Blockify keeps its files. The only place that knows the OS conventions
// (XDG on Linux; the same layout under the home folder elsewhere for now).
#include <filesystem>

namespace blockify::platform {

// $XDG_DATA_HOME/blockify (default ~/.local/share/blockify); created on demand.
std::filesystem::path data_dir();
// $XDG_CONFIG_HOME/blockify (default ~/.config/blockify); created on demand.
std::filesystem::path config_dir();
// $BLOCKIFY_DB when set, else data_dir()/blockify.db.
std::filesystem::path default_database_path();
// The log an engine on `database` writes: "blockify.log" in the database's folder.
std::filesystem::path log_file_for(const std::filesystem::path& database);

}  // namespace blockify::platform
