#pragma once
// Where Blockify keeps its files. The only place that knows the OS conventions
// (XDG on Linux; the same layout under the home folder elsewhere for now).
//
// Everything Blockify creates is private to its user: folders 0700 and files 0600,
// whatever the umask, since jobs, blocks, logs and the API key describe private documents.
//
// Folder engine/platform/: everything that differs by operating system. Data and config
// paths, the single-engine lock, file calls (free space, private files, syncing), opening
// files with the desktop, the install layout, and the annotated mutex and thread
// annotations. Any thread may call them.
#include <filesystem>
#include <string>

namespace blockify::platform {

// $XDG_DATA_HOME/blockify (default ~/.local/share/blockify); created on demand, 0700.
std::filesystem::path data_dir();
// $XDG_CONFIG_HOME/blockify (default ~/.config/blockify); created on demand, 0700.
std::filesystem::path config_dir();
// $BLOCKIFY_DB when set, else data_dir()/blockify.db.
std::filesystem::path default_database_path();
// The log an engine on `database` writes: "blockify.log" in the database's folder.
std::filesystem::path log_file_for(const std::filesystem::path& database);

// Creates `dir` and any missing parents, each new one 0700 (folders that already exist
// keep their permissions). False with `error` set when it could not.
bool create_private_directories(const std::filesystem::path& dir, std::string* error = nullptr);

// Makes a file Blockify created readable and writable by its owner only (0600).
void make_private(const std::filesystem::path& file);

// Replaces `file` with `content`, the file 0600 from its first byte (never briefly
// readable by others). False with `error` set when it could not.
bool write_private_file(const std::filesystem::path& file, const std::string& content,
                        std::string* error = nullptr);

}  // namespace blockify::platform
