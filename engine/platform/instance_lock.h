#pragma once
// Makes sure two engines never process one database at once. The lock is an exclusive
// advisory lock (flock) on the database file itself, so every name that reaches the same
// file — a symlink, a hard link, "./" or "//" in the path, a bind mount — meets the same
// lock; it is released when the holder exits (or crashes).
//
// flock locks live apart from the POSIX record locks SQLite takes on the same file, but
// closing any descriptor of a file drops the process's POSIX locks on it. So descriptors
// opened here are never closed while the process runs: they are kept per file and reused.
#include <filesystem>
#include <memory>
#include <string>

namespace blockify::platform {

class InstanceLock {
 public:
  // Takes the lock (creating the database file, 0600, when it does not exist yet), or
  // returns null and sets `holder` to a description of who has it
  // ("process 1234 (blockify run)"). `role` names this process in that description
  // ("engine", "command"), as seen by a second process.
  static std::unique_ptr<InstanceLock> try_acquire(const std::filesystem::path& database,
                                                   const std::string& role, std::string* holder = nullptr);
  ~InstanceLock();
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_;
};

// Who holds the lock on the file `database` names, from the system's lock table
// ("process 1234 (blockify run)"); "another process" when that cannot be told.
std::string describe_lock_holder(const std::filesystem::path& database);

}  // namespace blockify::platform
