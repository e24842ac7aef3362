// A command's ticket through the real engine on a temporary database: answered on the
// engine thread only after the command's unit of work committed and its snapshot was
// published, with the new job's id or the sentence of a refusal.
#include "engine/core/command_ticket.h"

#include <doctest/doctest.h>

#include <future>
#include <mutex>

#include "engine/core/engine.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// What the engine showed when it published a snapshot listing the watched job.
struct AtPublish {
  std::mutex mutex;
  Engine* engine = nullptr;
  Ticket ticket;
  bool listed = false;  // a snapshot listed the job the ticket is for
  bool pending_when_listed = false;
  bool on_disk_when_listed = false;
};

// An engine that applies commands and runs no job: only the commands are under test.
EngineOptions commands_only(const TempDir& dir) {
  EngineOptions options;
  options.database = dir / "blockify.db";
  options.workers = 0;
  return options;
}

}  // namespace

TEST_CASE("a Create's ticket gets the new job's id after its unit of work is committed and published") {
  TempDir dir;
  auto file = dir.write("q3.md", "Quarterly notes.");
  AtPublish seen;
  EngineOptions options = commands_only(dir);
  // Runs on the engine thread after each publish; reads the database through a connection
  // of its own, as another process would.
  options.on_publish = [&seen, db = options.database] {
    std::lock_guard lock(seen.mutex);
    if (!seen.engine || !seen.ticket || seen.listed) return;
    SnapshotPtr snap = seen.engine->snapshot();
    for (size_t i = 0; i < snap->jobs.slots(); ++i) {
      const auto& row = snap->jobs.at(i);
      if (!row || row->name != "Q3 notes") continue;
      seen.listed = true;
      seen.pending_when_listed = seen.ticket->pending();
      store::JobStore reader(db, store::JobStore::Access::kRead);
      seen.on_disk_when_listed = reader.load_job(row->id).has_value();
    }
  };
  Engine engine(options);
  {
    std::lock_guard lock(seen.mutex);
    seen.engine = &engine;
  }

  // Hold the engine thread in the answer of a first command until the ticket is in place,
  // so the Create is applied in a later unit that on_publish watches from its start.
  std::promise<void> entered, gate;
  std::shared_future<void> opened = gate.get_future().share();
  engine.post(FocusJob{}, [&entered, opened](const CommandResult&) {
    entered.set_value();
    opened.wait();
  });
  entered.get_future().wait();
  Ticket ticket = engine.post_with_ticket(CreateJob{"Q3 notes", "quarterly", {}, {file.string()}});
  CHECK(ticket->pending());
  {
    std::lock_guard lock(seen.mutex);
    seen.ticket = ticket;
  }
  gate.set_value();

  // Commands are answered in the order they were posted: once this one is, so is the ticket.
  REQUIRE(engine.submit(FocusJob{}).get().ok());
  const CommandResult* result = ticket->result();
  REQUIRE(result != nullptr);
  CHECK(result->ok());
  REQUIRE(result->job_id > 0);
  Job created = current_job(engine, result->job_id);
  CHECK(created.name == "Q3 notes");
  CHECK(created.dataset == "quarterly");

  std::lock_guard lock(seen.mutex);
  REQUIRE(seen.listed);
  CHECK(seen.pending_when_listed);  // published first, answered after
  CHECK(seen.on_disk_when_listed);  // committed before it was published
  seen.engine = nullptr;
}

TEST_CASE("a refused command's ticket carries the engine's sentence") {
  TempDir dir;
  Engine engine(commands_only(dir));
  Ticket ticket = engine.post_with_ticket(CreateJob{"Q3 notes", "quarterly", {}, {}});
  Ticket retry = engine.post_with_ticket(RetryJob{4242, AttemptKind::Fresh});
  REQUIRE(engine.submit(FocusJob{}).get().ok());
  REQUIRE(ticket->result() != nullptr);
  CHECK_FALSE(ticket->result()->ok());
  CHECK(ticket->result()->message == "A job needs at least one file.");
  CHECK(ticket->result()->job_id == 0);
  REQUIRE(retry->result() != nullptr);
  CHECK(retry->result()->code == ResultCode::NotFound);
  CHECK(retry->result()->message.find("4242") != std::string::npos);
}

TEST_CASE("a ticket keeps its first answer") {
  CommandTicket ticket;
  CHECK(ticket.pending());
  CHECK(ticket.result() == nullptr);
  ticket.answer({ResultCode::Ok, "Created job 3.", 3});
  ticket.answer({ResultCode::Failure, "Blockify is shutting down; the command was not applied.", 0});
  REQUIRE(ticket.result() != nullptr);
  CHECK(ticket.result()->job_id == 3);
  CHECK(ticket.result()->message == "Created job 3.");
}
