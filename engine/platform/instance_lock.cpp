#include "engine/platform/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <string>

namespace blockify::platform {

std::unique_ptr<InstanceLock> InstanceLock::try_acquire(const std::filesystem::path& database, const std::string& role,
                                                        std::string* holder) {
  std::string lock_path = database.string() + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (holder) *holder = "nobody (the lock file " + lock_path + " cannot be created)";
    return nullptr;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (holder) {
      char buf[256] = {};
      ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
      *holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string("another process");
    }
    ::close(fd);
    return nullptr;
  }
  std::string who = "process " + std::to_string(::getpid()) + " (blockify " + role + ")";
  if (::ftruncate(fd, 0) == 0) {
    ssize_t written = ::pwrite(fd, who.data(), who.size(), 0);
    (void)written;  // the description is informative only
  }
  return std::unique_ptr<InstanceLock>(new InstanceLock(fd));
}

InstanceLock::~InstanceLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace blockify::platform
