#include "engine/platform/desktop_open.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

extern char** environ;

namespace blockify::platform {

std::string open_in_desktop(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return path.string() + " does not exist yet; it is created when Blockify first writes to it.";
  std::string target = path.string();
  char program[] = "xdg-open";
  char* argv[] = {program, target.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program, nullptr, nullptr, argv, environ);
  if (rc != 0)
    return "Could not start xdg-open to show " + target + ": " + std::strerror(rc) +
           ". Install xdg-utils or open the path yourself.";
  // xdg-open may run for as long as the program it starts: reap it off the UI thread so
  // it leaves no zombie and the caller never waits.
  std::thread([pid] {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }).detach();
  return {};
}

}  // namespace blockify::platform
