#include "engine/platform/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/platform/mutex.h"

namespace blockify::platform {
namespace {

using FileIdentity = std::pair<dev_t, ino_t>;

// Descriptors not holding a lock, by file, ready for the next try_acquire. Closing them
// instead would release SQLite's POSIX locks of this process on the same file.
Mutex g_spare_mutex;
std::map<FileIdentity, std::vector<int>> g_spare_fds GUARDED_BY(g_spare_mutex);

FileIdentity identity_of(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {0, 0};
  return {st.st_dev, st.st_ino};
}

// A spare descriptor of the file `database` names, or -1. Opening a new one and closing
// it would release this process's POSIX locks on the file, so spares are looked up first.
int take_spare(const std::filesystem::path& database) {
  struct stat named {};
  if (::stat(database.c_str(), &named) != 0) return -1;
  MutexLock lock(g_spare_mutex);
  auto it = g_spare_fds.find({named.st_dev, named.st_ino});
  while (it != g_spare_fds.end() && !it->second.empty()) {
    int spare = it->second.back();
    it->second.pop_back();
    struct stat st {};
    // A deleted file's inode number can come back for a new file: check it still has a name.
    if (::fstat(spare, &st) == 0 && st.st_nlink > 0) return spare;
    ::close(spare);  // its file is gone, so no lock of ours can hang on it
  }
  return -1;
}

void park(int fd) {
  FileIdentity id = identity_of(fd);
  MutexLock lock(g_spare_mutex);
  g_spare_fds[id].push_back(fd);
}

// "blockify run", "blockify job create", "blockify" (the window): the holder's own command.
std::string command_of(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::stringstream split(raw);
  for (std::string arg; std::getline(split, arg, '\0');) args.push_back(arg);
  if (args.empty()) return {};
  std::string text = std::filesystem::path(args[0]).filename().string();
  int words = 0;
  for (size_t i = 1; i < args.size() && words < 2; ++i) {
    if (args[i] == "--db") {
      ++i;
      continue;
    }
    if (args[i].empty() || args[i][0] == '-') continue;
    text += " " + args[i];
    ++words;
  }
  return text;
}

}  // namespace

std::string describe_lock_holder(const std::filesystem::path& database) {
  struct stat st {};
  if (::stat(database.c_str(), &st) != 0) return "another process";
  char wanted[64];
  std::snprintf(wanted, sizeof wanted, "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  // Lines look like "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF".
  std::ifstream locks("/proc/locks");
  for (std::string line; std::getline(locks, line);) {
    std::istringstream fields(line);
    std::string number, kind, mode, access, file;
    long pid = 0;
    if (!(fields >> number >> kind)) continue;
    if (kind == "->") continue;  // a waiter, not a holder
    if (!(fields >> mode >> access >> pid >> file)) continue;
    if (kind != "FLOCK" || file != wanted) continue;
    std::string command = command_of(pid);
    return "process " + std::to_string(pid) + (command.empty() ? "" : " (" + command + ")");
  }
  return "another process";
}

std::unique_ptr<InstanceLock> InstanceLock::try_acquire(const std::filesystem::path& database,
                                                        const std::string& role, std::string* holder) {
  (void)role;  // the holder is told from the system's lock table, which names the command
  int fd = take_spare(database);
  if (fd < 0) fd = ::open(database.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  // A read-only database can still be locked; opening it for writing is SQLite's business.
  if (fd < 0 && (errno == EACCES || errno == EROFS)) fd = ::open(database.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    if (holder) {
      *holder =
          "nobody (the database " + database.string() + " cannot be opened: " + std::strerror(error) + ")";
    }
    return nullptr;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    park(fd);
    if (holder) *holder = describe_lock_holder(database);
    return nullptr;
  }
  return std::unique_ptr<InstanceLock>(new InstanceLock(fd));
}

InstanceLock::~InstanceLock() {
  ::flock(fd_, LOCK_UN);
  park(fd_);
}

}  // namespace blockify::platform
