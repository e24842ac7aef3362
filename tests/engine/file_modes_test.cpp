// Everything Blockify creates is private whatever the umask: after a normal run under
// umask 022 the database, its WAL and shared-memory files, the log, the key file and an
// export are 0600, and the folders it created are 0700. Settings that could leak a
// secret are refused: a key variable not named BLOCKIFY_*, an endpoint URL with
// user:pass@, no host, or control characters.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "engine/core/engine.h"
#include "engine/core/settings.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  INFO(path.string() << " should exist");
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

struct Umask {
  explicit Umask(mode_t mask) : old(::umask(mask)) {}
  ~Umask() { ::umask(old); }
  mode_t old;
};

// Sets an environment variable for one scope.
struct ScopedEnv {
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_) {
      ::setenv(name_, old_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  const char* name_;
  std::string old_;
  bool had_ = false;
};

}  // namespace

TEST_CASE("after a normal run under umask 022 every file Blockify made is 0600 and its folders 0700") {
  TempDir dir;
  Umask mask(022);
  ScopedEnv config("XDG_CONFIG_HOME", (dir / "config").string());
  const fs::path data = dir / "data" / "nested";
  auto file = dir.write(
      "manual.md",
      "Blockify turns documents into IdeaBlocks.\n\nEach IdeaBlock holds one idea with a question.");
  {
    Engine engine(engine_options(data / "blockify.db"));
    auto created = engine.submit(CreateJob{"Manual", "manuals", JobConfig{}, {file.string()}}).get();
    REQUIRE(created.ok());
    REQUIRE(engine.wait_until_idle(60000));
    REQUIRE(engine.submit(SaveApiKey{"sk-test-1234"}).get().ok());
    REQUIRE(engine.submit(ExportDataset{"manuals", ExportFormat::Jsonl, (dir / "manuals.jsonl").string()})
                .get()
                .ok());
    SnapshotPtr snap = wait_for_export(engine, 2 * kHangGuardMs);
    REQUIRE(snap->export_status);
    REQUIRE_FALSE(snap->export_status->is_error);

    // While the engine runs, SQLite's companions exist.
    CHECK(mode_of(data / "blockify.db") == 0600);
    CHECK(mode_of(data / "blockify.db-wal") == 0600);
    CHECK(mode_of(data / "blockify.db-shm") == 0600);
  }
  CHECK(mode_of(data / "blockify.db") == 0600);
  CHECK(mode_of(data / "blockify.log") == 0600);
  CHECK(mode_of(dir / "config" / "blockify" / "api_key") == 0600);
  CHECK(mode_of(dir / "manuals.jsonl") == 0600);
  CHECK(mode_of(dir / "data") == 0700);
  CHECK(mode_of(data) == 0700);
  CHECK(mode_of(dir / "config" / "blockify") == 0700);
  for (const auto& entry : fs::directory_iterator(data)) {
    CAPTURE(entry.path());
    CHECK(mode_of(entry.path()) == 0600);
  }
}

TEST_CASE("a database can only name a BLOCKIFY_ variable for the key") {
  TempDir dir;
  store::JobStore store(dir / "blockify.db");
  CHECK_FALSE(settings::set(store, "endpoint.api_key_env", "AWS_SECRET_ACCESS_KEY").empty());
  CHECK_FALSE(settings::set(store, "endpoint.api_key_env", "BLOCKIFY_").empty());
  CHECK(settings::set(store, "endpoint.api_key_env", "BLOCKIFY_TEAM_KEY").empty());

  // A value written into the database behind the rule's back is not obeyed.
  ScopedEnv secret("AWS_SECRET_ACCESS_KEY", "aws-secret-value");
  ScopedEnv ours("BLOCKIFY_API_KEY", "blockify-key-value");
  store.set_setting("endpoint.api_key_env", "AWS_SECRET_ACCESS_KEY");
  CHECK(settings::endpoint_settings(store).api_key == "blockify-key-value");
}

TEST_CASE("endpoint.url must be http(s)://host[:port][/path], without userinfo or control characters") {
  for (const char* good : {"http://127.0.0.1:8080/v1", "https://api.example.com/v1", "http://localhost",
                           "http://[::1]:8000/v1", "HTTPS://gpu-cluster.internal:443/openai/v1"}) {
    CAPTURE(good);
    CHECK(settings::check_endpoint_url(good).empty());
  }
  for (const char* bad :
       {"http://", "http:///v1", "ftp://host/v1", "http://user:pass@host/v1", "http://host:0/v1",
        "http://host:99999/v1", "http://host:port/v1", "http://ho st/v1", "http://host/v1\r\nX-Evil: 1",
        "http://host/v1\x1b[31m", "127.0.0.1:8080"}) {
    CAPTURE(bad);
    CHECK_FALSE(settings::check_endpoint_url(bad).empty());
  }
  TempDir dir;
  store::JobStore store(dir / "blockify.db");
  std::string why = settings::set(store, "endpoint.url", "http://user:secret@host/v1");
  CHECK(why.find("user") != std::string::npos);
  CHECK(why.find("secret") == std::string::npos);  // the refusal does not repeat the password
  CHECK(settings::get(store, "endpoint.url") == "http://127.0.0.1:8080/v1");
}

TEST_CASE("endpoint.max_reply_mb sets the reply cap, within 1 to 4096 MB") {
  TempDir dir;
  store::JobStore store(dir / "blockify.db");
  CHECK(settings::endpoint_settings(store).max_reply_bytes == 16ll << 20);
  CHECK(settings::set(store, "endpoint.max_reply_mb", "2").empty());
  CHECK(settings::endpoint_settings(store).max_reply_bytes == 2ll << 20);
  CHECK_FALSE(settings::set(store, "endpoint.max_reply_mb", "0").empty());
  CHECK_FALSE(settings::set(store, "endpoint.max_reply_mb", "lots").empty());
}
