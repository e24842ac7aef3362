#pragma once
// Sentences for database failures: what happened to which file, and what to do. The
// engine shows these in its banner, answers commands with them and `run` exits with them.
#include <filesystem>
#include <string>

#include "engine/store/sqlite.h"

namespace blockify::store {

// "Could not save: the disk holding /x/blockify.db is full. Free space, then retry."
std::string describe_store_error(const sql::StoreError& error, const std::filesystem::path& database);

// True when the error means the database cannot take writes at all (full disk, read-only
// file, I/O error, damaged file): the engine stops taking work until it can write again.
bool stops_the_engine(const sql::StoreError& error);

// True for a file that is not a database or is damaged.
bool is_damaged(const sql::StoreError& error);

}  // namespace blockify::store
