// One engine per database, by the file's identity: a second engine reaching the same
// file through a symlink, a hard link or a path with "./" and "//" is refused and told
// which process holds it; another process is refused the same way.
#include "engine/platform/instance_lock.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/core/engine.h"
#include "tests/support/child_process.h"
#include "tests/support/engine_options.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;
namespace fs = std::filesystem;

namespace {

// The sentence a second engine on `database` is refused with; empty when it started.
std::string second_engine_refusal(const fs::path& database) {
  try {
    Engine second(engine_options(database));
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return {};
}

// Tries the lock from a child process; returns what the child was told ("" = it got it).
std::string refusal_in_another_process(const fs::path& database) {
  ChildReport child = run_in_child([&] {
    std::string holder;
    auto lock = platform::InstanceLock::try_acquire(database, "engine", &holder);
    return lock ? std::string() : "refused: " + holder;
  });
  REQUIRE(child.reaped);
  REQUIRE(child.exited);
  CHECK(child.exit_code == 0);
  return child.text;
}

}  // namespace

TEST_CASE(
    "a second engine through a symlink, a hard link or a respelled path is refused and names the holder") {
  TempDir dir;
  fs::create_directories(dir / "other");
  const fs::path database = dir / "blockify.db";
  Engine first(engine_options(database));
  fs::create_symlink(database, dir / "alias.db");
  fs::create_hard_link(database, dir / "other" / "hard.db");
  const std::string pid = std::to_string(::getpid());

  for (const fs::path& name : {dir / "alias.db", dir / "other" / "hard.db",
                               fs::path(dir.path().string() + "//./blockify.db"), database}) {
    CAPTURE(name);
    std::string refusal = second_engine_refusal(name);
    CHECK(refusal.find("is already processing") != std::string::npos);
    CHECK(refusal.find("process " + pid) != std::string::npos);
  }
}

TEST_CASE("another process is refused the lock through a hard link, and gets it once the engine stops") {
  TempDir dir;
  const fs::path database = dir / "blockify.db";
  fs::create_directories(dir / "elsewhere");
  {
    Engine first(engine_options(database));
    fs::create_hard_link(database, dir / "elsewhere" / "same.db");
    std::string answer = refusal_in_another_process(dir / "elsewhere" / "same.db");
    CHECK(answer.find("refused: process " + std::to_string(::getpid())) == 0);
  }
  CHECK(refusal_in_another_process(dir / "elsewhere" / "same.db").empty());
}

TEST_CASE("the first engine keeps working after a second one was refused") {
  TempDir dir;
  const fs::path database = dir / "blockify.db";
  Engine first(engine_options(database));
  fs::create_symlink(database, dir / "alias.db");
  CHECK_FALSE(second_engine_refusal(dir / "alias.db").empty());
  auto file = dir.write("notes.md", "Blockify keeps one engine per database so jobs are processed once.");
  auto created = first.submit(CreateJob{"Notes", "notes", JobConfig{}, {file.string()}}).get();
  REQUIRE(created.ok());
  CHECK(first.wait_until_idle(60000));
  SnapshotPtr snap = first.snapshot();
  CHECK(snap->count(JobStatus::Completed) == 1);
}
