#pragma once
// Makes sure two engines never process one database at once: an exclusive advisory lock
// on "<database>.lock", released when the holder exits (or crashes).
#include <filesystem>
#include <memory>
#include <string>

namespace blockify::platform {

class InstanceLock {
 public:
  // Takes the lock, or returns null and sets `holder` to a description of who has it
  // ("process 1234 (blockify gui)").
  static std::unique_ptr<InstanceLock> try_acquire(const std::filesystem::path& database, const std::string& role,
                                                   std::string* holder = nullptr);
  ~InstanceLock();
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace blockify::platform
