// The SQLite store on real files: schema created from an empty file, rows round-trip,
// a database from a newer build is refused, and deleting a job removes its results.
#include "engine/store/job_store.h"

#include <doctest/doctest.h>

#include "engine/store/schema.h"
#include "tests/support/old_schema.h"
#include "tests/support/sample_blocks.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::TempDir;

TEST_CASE("an empty file is migrated to the current schema with WAL and foreign keys") {
  TempDir dir;
  auto path = dir.write("empty.db", "");
  store::JobStore s(path);
  CHECK(s.db().user_version() == store::kSchemaVersion);
  auto mode = s.db().prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  auto fk = s.db().prepare("PRAGMA foreign_keys");
  REQUIRE(fk.step());
  CHECK(fk.integer(0) == 1);
}

TEST_CASE("a job, its files, attempts, events and blocks round-trip") {
  TempDir dir;
  store::JobStore s(dir / "t.db");
  Job job;
  job.name = "Q3 manuals";
  job.dataset = "manuals";
  job.config.chunk_size = 3000;
  job.config.mode = JobMode::ChunkOnly;
  job.status = JobStatus::Failed;
  job.stage = Stage::Blockify;
  job.progress = 0.4;
  job.stage_progress = {1, 1, 0.25f, 0, 0};
  job.attempt = 2;
  job.created_at = 1000;
  job.error = {"FILE_NOT_FOUND", "a.pdf was not found.", "Restore or replace /x/a.pdf, then retry."};
  job.next_kind = AttemptKind::Resume;
  s.insert_job(job);
  REQUIRE(job.id > 0);

  JobFile f;
  f.job_id = job.id;
  f.path = "/x/a.pdf";
  f.status = FileStatus::Failed;
  f.error = job.error;
  s.insert_file(f, 0);
  f.encoding = "WINDOWS-1252 (detected)";
  s.update_file(f);

  Attempt a;
  a.job_id = job.id;
  a.number = 1;
  a.kind = AttemptKind::Fresh;
  a.outcome = AttemptOutcome::Failed;
  a.error = job.error;
  a.failed_stage = Stage::Extract;
  s.insert_attempt(a);
  s.add_event(job.id, 5, "error", "a.pdf was not found.");

  IdeaBlock b = blockify::example_ideablock();
  b.trusted_answer = "It restarts.";
  b.keywords = {"retry", "job"};
  b.file_id = f.id;
  std::vector<IdeaBlock> blocks{b};
  s.insert_blocks(job.id, job.dataset, 1, blocks);

  store::JobStore again(dir / "t.db");
  auto loaded = again.load_job(job.id);
  REQUIRE(loaded);
  CHECK(loaded->name == "Q3 manuals");
  CHECK(loaded->config.chunk_size == 3000);
  CHECK(loaded->config.mode == JobMode::ChunkOnly);
  CHECK(loaded->status == JobStatus::Failed);
  CHECK(loaded->stage == Stage::Blockify);
  CHECK(loaded->stage_progress[2] == doctest::Approx(0.25));
  CHECK(loaded->error.hint == "Restore or replace /x/a.pdf, then retry.");
  CHECK(loaded->next_kind == AttemptKind::Resume);
  auto files = again.load_files(job.id);
  REQUIRE(files.size() == 1);
  CHECK(files[0].status == FileStatus::Failed);
  CHECK(files[0].encoding == "WINDOWS-1252 (detected)");
  auto attempts = again.load_attempts(job.id);
  REQUIRE(attempts.size() == 1);
  CHECK(attempts[0].failed_stage == Stage::Extract);
  CHECK(again.load_events(job.id).at(0).message == "a.pdf was not found.");
  auto stored = again.load_job_blocks(job.id);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].entities == b.entities);
  CHECK(stored[0].tags == b.tags);
  // A job registers its dataset; the totals count the job and its representative block.
  auto datasets = again.list_datasets();
  REQUIRE(datasets.size() == 1);
  CHECK(datasets[0].name == "manuals");
  CHECK(datasets[0].jobs == 1);
  CHECK(datasets[0].blocks == 1);

  again.delete_job(job.id);
  CHECK(again.load_job_blocks(job.id).empty());
  CHECK(again.load_files(job.id).empty());
  CHECK(again.load_attempts(job.id).empty());
}

TEST_CASE("a version 3 database gains the files' encoding column, empty for files read before") {
  TempDir dir;
  {
    store::JobStore s(dir / "old.db");
    Job job;
    job.name = "old";
    s.insert_job(job);
    JobFile f;
    f.job_id = job.id;
    f.path = "/x/a.txt";
    s.insert_file(f, 0);
    // What a build before schema 4 left on disk.
    s.db().exec(test::kDropSchema5);
    s.db().exec("ALTER TABLE job_files DROP COLUMN encoding");
    s.db().set_user_version(3);
  }
  store::JobStore again(dir / "old.db");
  CHECK(again.db().user_version() == store::kSchemaVersion);
  auto jobs = again.load_files(1);
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0].path == "/x/a.txt");
  CHECK(jobs[0].encoding.empty());
}

TEST_CASE("a database written by a newer build is refused with a sentence") {
  TempDir dir;
  {
    sql::Database db(dir / "new.db");
    db.set_user_version(store::kSchemaVersion + 1);
  }
  try {
    store::JobStore s(dir / "new.db");
    FAIL("opened a newer database");
  } catch (const sql::StoreError& e) {
    CHECK(std::string(e.what()).find("newer Blockify") != std::string::npos);
  }
}

TEST_CASE("settings and queued commands persist") {
  TempDir dir;
  store::JobStore s(dir / "t.db");
  s.set_setting("endpoint.url", "http://127.0.0.1:9/v1");
  CHECK(s.setting("endpoint.url").value() == "http://127.0.0.1:9/v1");
  int64_t id = s.queue_command(R"({"op":"retry","id":1})", "request-1", 1);
  auto taken = s.take_queued_commands();
  REQUIRE(taken.size() == 1);
  CHECK(taken[0].id == id);
  CHECK(s.take_queued_commands().empty());
  CHECK_FALSE(s.command_result(id));
  s.finish_command(id, 4, R"({"message":"no"})");
  CHECK(s.command_result(id)->first == 4);
}

TEST_CASE("a command sent again under its request id is queued once, and a reader never upgrades the file") {
  TempDir dir;
  {
    store::JobStore s(dir / "t.db");
    const std::string request = R"({"op":"retry","id":1,"request_id":"r-42"})";
    int64_t first = s.queue_command(request, "r-42", 1);
    int64_t again = s.queue_command(request, "r-42", 2);
    CHECK(again == first);
    int64_t other = s.queue_command(R"({"op":"retry","id":1,"request_id":"r-43"})", "r-43", 3);
    CHECK(other != first);
    CHECK(s.take_queued_commands().size() == 2);
    s.finish_command(first, 0, R"({"message":"ok"})");
    CHECK(s.queue_command(request, "r-42", 4) == first);  // done: the sender reads the first answer
    s.db().set_user_version(3);                           // as if written by an older Blockify
  }
  try {
    store::JobStore reader(dir / "t.db", store::JobStore::Access::kRead);
    FAIL("a reader opened a database with an older schema");
  } catch (const sql::StoreError& e) {
    CHECK(std::string(e.what()).find("older Blockify") != std::string::npos);
  }
  sql::Database raw(dir / "t.db", true);
  CHECK(raw.user_version() == 3);
}
