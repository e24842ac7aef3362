// The engine when its database fails: a damaged file is refused at startup and left as it
// was; a full disk (a small tmpfs, when the tests run as root) stops the engine with a
// sentence, shows no false success, answers commands with the cause, and resumes by
// itself once space returns. A read-only or newer database is refused with its own sentence.
#include <sys/mount.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "engine/store/schema.h"
#include "engine/store/sqlite.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A tmpfs of `size` mounted at `dir` for the test's lifetime; not mounted when the tests
// do not run as root.
class SmallDisk {
 public:
  SmallDisk(const std::filesystem::path& dir, const std::string& size) : dir_(dir) {
    std::filesystem::create_directories(dir);
    mounted_ = ::geteuid() == 0 && ::mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  bool grow(const std::string& size) {
    return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
  }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
};

}  // namespace

TEST_CASE("a damaged database is refused at startup with its path and advice, and left unchanged") {
  TempDir dir;
  std::string junk(4096, '\0');
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 7919) % 251);
  auto path = dir.write("blockify.db", junk);
  try {
    Engine engine(engine_options(path, 0));
    FAIL("a damaged database was opened");
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    CHECK(what.find(path.string()) != std::string::npos);
    CHECK(what.find("is damaged") != std::string::npos);
    CHECK(what.find("backup") != std::string::npos);
  }
  CHECK(read_all(path) == junk);
}

TEST_CASE(
    "a full disk stops the engine with a sentence, shows no false success, and resumes when space returns") {
  TempDir dir;
  SmallDisk disk(dir / "disk", "1m");
  if (!disk.mounted()) {
    MESSAGE("skipped: mounting a small tmpfs needs root");
    return;
  }
  // A document large enough that its blocks cannot fit on a 1 MB disk.
  std::string text;
  for (int i = 0; text.size() < 3'000'000; ++i)
    text += "Paragraph " + std::to_string(i) +
            " explains how a failed job is retried with one click and why "
            "cancelling keeps the partial results that were already produced.\n\n";
  auto document = dir.write("big.txt", text);

  EngineOptions o = engine_options(dir / "disk" / "blockify.db");
  o.log_file = dir / "blockify.log";  // the log is not what fills the disk here
  o.watch_command_table = false;
  Engine engine(o);
  auto created = engine.submit(CreateJob{"big", "d", {}, {document.string()}}).get();
  REQUIRE(created.ok());

  bool showed_completed = false;
  auto halted = wait_for_snapshot_where(
      engine,
      [&](const Snapshot& s) {
        if (auto j = job_in(s, created.job_id); j && j->status == JobStatus::Completed)
          showed_completed = true;
        return !s.halted.empty() || showed_completed;
      },
      "the engine stop on the full disk");
  CHECK_FALSE(showed_completed);
  CHECK(halted->halted.find("is full") != std::string::npos);
  CHECK(halted->halted.find(o.database.string()) != std::string::npos);

  // Commands are answered with the cause, not left waiting.
  auto refused = engine.submit(RetryJob{created.job_id, AttemptKind::Fresh}).get();
  CHECK(refused.code == ResultCode::Failure);
  CHECK(refused.message == halted->halted);

  REQUIRE(disk.grow("256m"));
  Job done = wait_for_status(engine, created.job_id, JobStatus::Completed, 120000);
  CHECK(done.blocks > 0);
  CHECK(engine.snapshot()->halted.empty());
}

TEST_CASE(
    "a database written by a newer Blockify is refused at startup with that sentence, not a generic one") {
  TempDir dir;
  auto path = dir / "blockify.db";
  {
    sql::Database db(path);
    db.set_user_version(store::kSchemaVersion + 1);
  }
  try {
    Engine engine(engine_options(path, 0));
    FAIL("a newer database was opened");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("newer Blockify") != std::string::npos);
    CHECK(std::string(e.what()).find("update Blockify") != std::string::npos);
  }
  sql::Database after(path, true);
  CHECK(after.user_version() == store::kSchemaVersion + 1);
}

TEST_CASE(
    "a read-only database is refused with a sentence that says why and what to do, and left unchanged") {
  TempDir dir;
  auto folder = dir / "shelf";
  auto path = folder / "blockify.db";
  std::string saved_before;
  {
    // A real database with one job, closed cleanly (no -wal or -shm left beside it).
    Engine engine(engine_options(path, 0));
    REQUIRE(engine.submit(CreateJob{"kept", "d", {}, {dir.write("a.txt", "text").string()}}).get().ok());
  }
  saved_before = read_all(path);
  // Read-only as the machine allows: a read-only mount when the tests run as root (root
  // writes through file modes), otherwise a folder without write permission.
  SmallDisk disk(dir / "ro", "8m");
  std::filesystem::path read_only_path;
  std::string expected;
  if (disk.mounted()) {
    std::filesystem::copy_file(path, dir / "ro" / "blockify.db");
    REQUIRE(::mount("tmpfs", (dir / "ro").c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0);
    read_only_path = dir / "ro" / "blockify.db";
    expected = "mounted read-only";
  } else {
    std::filesystem::permissions(folder,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    read_only_path = path;
    expected = "is read-only for your user";
  }
  try {
    Engine engine(engine_options(read_only_path));
    FAIL("a read-only database was opened for work");
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    CHECK(what.find(read_only_path.string()) != std::string::npos);
    CHECK(what.find(expected) != std::string::npos);
    CHECK(what.find("--db") != std::string::npos);  // what to do
  }
  // A reader (the command line's job list) gets the same sentence.
  try {
    store::JobStore reader(read_only_path, store::JobStore::Access::kRead);
    reader.load_jobs();
  } catch (const sql::StoreError& e) {
    CHECK(std::string(e.what()).find(expected) != std::string::npos);
  }
  CHECK(read_all(read_only_path) == saved_before);
  if (!disk.mounted()) std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
}
