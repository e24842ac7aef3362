#pragma once
// Work run in a forked child process, for what a test must measure or do on its own: a
// case's peak memory, a lock taken by a second process, a read as another user. The
// child sends its report back through a pipe.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <string>

namespace blockify::test {

// How the child ended and what it reported.
struct ChildReport {
  std::string text;
  bool reaped = false;  // waitpid returned its end
  bool exited = false;  // it exited (rather than died of a signal)
  int exit_code = -1;   // its exit status when it exited
};

// Runs `work` in a forked child and returns the text it returned. The child exits 0 once
// all of its text was written, 1 when the write fell short; `work` may end the child
// itself with another code (_exit) to say why it could not report.
inline ChildReport run_in_child(const std::function<std::string()>& work) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    std::string report = work();
    ssize_t written = ::write(fds[1], report.data(), report.size());
    ::_exit(written == static_cast<ssize_t>(report.size()) ? 0 : 1);
  }
  ::close(fds[1]);
  ChildReport result;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    result.text.append(buffer, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  result.reaped = ::waitpid(child, &status, 0) == child;
  result.exited = WIFEXITED(status);
  if (result.exited) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace blockify::test
