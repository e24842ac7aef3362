#include "engine/store/store_error_text.h"

namespace blockify::store {
namespace {

int primary(const sql::StoreError& error) { return error.code() & 0xff; }

}  // namespace

bool is_damaged(const sql::StoreError& error) {
  int code = primary(error);
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

bool stops_the_engine(const sql::StoreError& error) {
  switch (primary(error)) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return true;
    default:
      return false;
  }
}

std::string describe_store_error(const sql::StoreError& error, const std::filesystem::path& database) {
  const std::string db = database.string();
  // SQLite's own words for the code ("database or disk is full"); error.what() is already a
  // whole sentence (engine/store/sqlite.cpp) and would not read well in parentheses.
  const std::string detail = sqlite3_errstr(error.code());
  switch (primary(error)) {
    case SQLITE_FULL:
      return "Could not save: the disk holding " + db + " is full. Free space, then retry.";
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return "Could not save: " + db +
             " is read-only. Make it and its folder writable (or open another database with --db), then start "
             "Blockify again.";
    case SQLITE_IOERR:
      return "Could not save: the disk holding " + db + " reported an input/output error (" + detail +
             "). Check the disk, then start Blockify again.";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return db + " is damaged (" + detail +
             "). Blockify changed nothing in it; restore it from a backup, or move it aside to start with an "
             "empty database.";
    case SQLITE_CANTOPEN:
      return "Could not open " + db + " (" + detail + "). Check that its folder exists and is writable.";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "Could not save: another program holds " + db + " locked. Close it, then retry.";
    default:
      return "Could not save to " + db + ": " + detail + ".";
  }
}

}  // namespace blockify::store
