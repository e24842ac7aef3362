#include "engine/store/store_error_text.h"

#include "engine/platform/files.h"

namespace blockify {
namespace {

int primary(int code) { return code & 0xff; }

// Why a database (or the WAL and shared-memory files SQLite keeps beside it) cannot be
// written, and what to do, when the file system can tell: empty when it cannot.
struct NotWritable {
  std::string why;
  std::string advice;
};

NotWritable why_not_writable(const std::filesystem::path& file) {
  std::error_code ec;
  const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
  const std::string beside = " (Blockify writes the database and its -wal and -shm files beside it)";
  const std::string elsewhere = "choose another database with --db, then retry.";
  if (!std::filesystem::is_directory(folder, ec))
    return {"its folder " + folder.string() + " does not exist", "Create the folder, or " + elsewhere};
  if (platform::on_read_only_mount(folder))
    return {"it is on a file system mounted read-only" + beside,
            "Copy it to a writable folder and open the copy with --db, or " + elsewhere};
  if (!platform::may_write(folder))
    return {"its folder " + folder.string() + " is read-only for your user" + beside,
            "Give your user write access to the folder, or " + elsewhere};
  if (std::filesystem::exists(file, ec) && !platform::may_write(file))
    return {"the file is read-only for your user", "Give your user write access to it, or " + elsewhere};
  return {};
}

}  // namespace

namespace sql {

std::string store_failure_sentence(const std::filesystem::path& file, int code,
                                   const std::string& sqlite_words) {
  const std::string db = file.string();
  switch (primary(code)) {
    case SQLITE_FULL:
      return "Could not save: the disk holding " + db + " is full. Free space there, then retry.";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_CANTOPEN: {
      const bool opening = primary(code) == SQLITE_CANTOPEN;
      NotWritable reason = why_not_writable(file);
      if (reason.why.empty() && opening)
        return "Could not open " + db + " (" + sqlite_words +
               "). Check that its folder exists and that your user may write there, then retry.";
      if (reason.why.empty())
        reason = {"it is read-only",
                  "Make it and its folder writable, or choose another database with --db, then retry."};
      return std::string(opening ? "Could not open " : "Could not save to ") + db + ": " + reason.why + ". " +
             reason.advice;
    }
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return db + " is damaged (" + sqlite_words +
             "). Blockify changed nothing in it; restore it from a backup, or move it aside to start with an "
             "empty "
             "database.";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "Could not save: another program holds " + db + " locked. Close it, then retry.";
    case SQLITE_IOERR:
      return "Could not save: the disk holding " + db + " reported an input/output error (" + sqlite_words +
             "). Check the disk and its free space, then retry.";
    case SQLITE_NOMEM:
      return "The database " + db + " ran out of memory. Close other programs to free memory, then retry.";
    default:
      return "The database " + db + " failed: " + sqlite_words +
             ". Check the log file beside the database, then retry.";
  }
}

}  // namespace sql

namespace store {

bool is_damaged(const sql::StoreError& error) {
  int code = primary(error.code());
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

bool stops_the_engine(const sql::StoreError& error) {
  switch (primary(error.code())) {
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

}  // namespace store
}  // namespace blockify
