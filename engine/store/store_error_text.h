#pragma once
// Database failures in the product's words. Every StoreError's what() is already the
// sentence a user reads (sql::store_failure_sentence, defined here, is the one place that
// writes them); these say what the engine does about one.
#include "engine/store/sqlite.h"

namespace blockify::store {

// True when the error means the database cannot take writes at all (full disk, read-only
// file, I/O error, damaged file): the engine stops taking work until it can write again.
bool stops_the_engine(const sql::StoreError& error);

// True for a file that is not a database or is damaged.
bool is_damaged(const sql::StoreError& error);

}  // namespace blockify::store
