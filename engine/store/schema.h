#pragma once
// The database schema and its migrations, keyed by PRAGMA user_version.
#include "engine/store/sqlite.h"

namespace blockify::store {

inline constexpr int kSchemaVersion = 5;

// Brings an empty or older database up to kSchemaVersion inside one transaction.
// A database newer than this build is refused with a sentence saying so.
void migrate(sql::Database& db);
// For a read-only connection: throws sql::StoreError with a sentence unless the file has
// exactly this build's schema (a reader never upgrades a database another process owns).
void check_schema(sql::Database& db);

}  // namespace blockify::store
