// Jobs with the OpenAI-compatible backend through the real engine, against a fake server
// on 127.0.0.1: blocks arrive in the dataset, transient faults heal inside the job or by
// an automatic retry of the job, permanent ones fail it with the right code and hint,
// cancel interrupts a request in flight, and the API key never reaches a log.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "tests/support/engine_endpoint_fixture.h"
#include "tests/support/sample_text.h"

using namespace blockify;
using namespace blockify::test;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kTwoBlocks = "Here are the blocks:\n" +
                               ideablock_xml("Retry Policy",
                                             "A failed job restarts with one click &amp; keeps its "
                                             "configuration.",
                                             "IMPORTANT, PROCESS", "retry, job") +
                               ideablock_xml("Cancel Speed", "Cancel settles in well under a second.",
                                             "PERFORMANCE", "cancel, latency") +
                               "Hope this helps.";

const FakeOpenAiServer::Response kTwoBlocksReply = FakeOpenAiServer::chat_reply(kTwoBlocks);

// Starts `e` with `retry_settings` against an endpoint that is down (nothing listens on
// its port: every request is refused) and creates a job over the sample manual.
int64_t job_against_down_endpoint(EndpointEngine& e, std::map<std::string, std::string> retry_settings) {
  retry_settings["endpoint.url"] = "http://127.0.0.1:" + std::to_string(unused_local_port()) + "/v1";
  e.start(retry_settings);
  return e.create({e.dir.write("manual.md", kSampleManual).string()});
}

}  // namespace

TEST_CASE("an openai job completes with the blocks the endpoint returned, stored with every field") {
  EndpointEngine e;
  e.server.set_default(kTwoBlocksReply);
  e.start();
  auto file = e.dir.write("manual.md", kSampleManual);
  int64_t id = e.create({file.string()});

  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.blocks == 2);
  CHECK(done.files_done == 1);
  CHECK(done.error.empty());

  store::JobStore reader(e.db());
  auto blocks = reader.load_job_blocks(id);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].name == "Retry Policy");
  CHECK(blocks[0].critical_question == "What is Retry Policy?");
  CHECK(blocks[0].trusted_answer == "A failed job restarts with one click & keeps its configuration.");
  CHECK(blocks[0].tags == std::vector<std::string>{"IMPORTANT", "PROCESS"});
  CHECK(blocks[0].keywords == std::vector<std::string>{"retry", "job"});
  REQUIRE(blocks[0].entities.size() == 1);
  CHECK(blocks[0].entities[0] == Entity{"BLOCKIFY", "PRODUCT"});
  CHECK(blocks[0].source_file == file.string());
  CHECK(blocks[1].name == "Cancel Speed");
  CHECK(blocks[1].merged_into == 0);

  // One chunk, one request to the ingest model carrying the chunk; two different ideas
  // need no distill request.
  auto requests = e.server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].path == "/v1/chat/completions");
  CHECK(model_of(requests[0]) == "test-ingest");
  CHECK(requests[0].body.find("retried from the jobs table") != std::string::npos);
}

TEST_CASE("a 429 with Retry-After heals inside the job, and the job's log records the retry") {
  EndpointEngine e;
  e.server.set_default(kTwoBlocksReply);
  e.server.push(FakeOpenAiServer::error_reply(429, "Rate limit reached", {{"Retry-After", "1"}}));
  // The second try is held by the server, so the countdown stays up until the test looks.
  auto held = kTwoBlocksReply;
  held.held = true;
  e.server.push(held);
  e.start();
  auto t0 = Clock::now();
  int64_t id = e.create({e.dir.write("manual.md", kSampleManual).string()});
  e.engine->post(FocusJob{id});

  // The detail panel shows the countdown while the job keeps running.
  auto snap = wait_for_snapshot_where(
      *e.engine,
      [](const Snapshot& s) {
        return s.detail && s.detail->auto_retry_note == "chunk 1: retrying in 1 s (try 2 of 5)";
      },
      "the retry countdown in the detail");
  CHECK(job_in(*snap, id).value_or(Job{}).status == JobStatus::Processing);
  REQUIRE(e.server.wait_until_held(1));
  // Meanwhile the detail shows the file processing, at the stage that waits on the model.
  wait_for_snapshot_where(
      *e.engine,
      [](const Snapshot& s) {
        return s.detail && s.detail->files.size() == 1 &&
               s.detail->files[0].status == FileStatus::Processing &&
               s.detail->files[0].stage == Stage::Blockify;
      },
      "the file processing at Blockify in the detail");
  // A lower bound only: the second try came no sooner than the server asked.
  CHECK(Clock::now() - t0 >= std::chrono::milliseconds(1000));
  e.server.release_held();
  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.blocks == 2);
  CHECK(e.server.request_count() == 2);
  store::JobStore reader(e.db());
  CHECK(reader.load_attempts(id).size() == 1);  // healed without failing the job
  CHECK(log_mentions(reader, id, "chunk 1: retrying in 1 s (try 2 of 5)"));
}

TEST_CASE("two 500 replies then a success complete the job in its first attempt") {
  EndpointEngine e;
  e.server.set_default(kTwoBlocksReply);
  e.server.push(FakeOpenAiServer::error_reply(500, "Internal error"));
  e.server.push(FakeOpenAiServer::error_reply(500, "Internal error"));
  e.start();
  int64_t id = e.create({e.dir.write("manual.md", kSampleManual).string()});

  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.blocks == 2);
  CHECK(e.server.request_count() == 3);
  store::JobStore reader(e.db());
  auto attempts = reader.load_attempts(id);
  REQUIRE(attempts.size() == 1);
  CHECK(attempts[0].outcome == AttemptOutcome::Completed);
  CHECK(log_mentions(reader, id, "(try 3 of 5)"));
}

TEST_CASE("the files of a job share endpoint.parallel requests in flight") {
  EndpointEngine e;
  // Every reply is held until the test releases them: the requests in flight pile up.
  auto held = kTwoBlocksReply;
  held.held = true;
  e.server.set_default(held);
  e.start({{"endpoint.parallel", "4"}});
  std::vector<std::string> files;
  for (int i = 0; i < 8; ++i)
    files.push_back(e.dir.write("note" + std::to_string(i) + ".md", kSampleManual).string());
  int64_t id = e.create(files);

  // Four requests at once (eight one-chunk files one after another would send one).
  REQUIRE(e.server.wait_until_held(4));
  e.server.release_held();
  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.files_done == 8);
  int ingest = 0;
  for (const auto& r : e.server.requests()) ingest += model_of(r) == "test-ingest" ? 1 : 0;
  CHECK(ingest == 8);  // one per file (distill requests follow, for the eight identical replies)
  // Never more than endpoint.parallel, although eight files were ready to send.
  CHECK(e.server.peak_in_flight() == 4);
}

TEST_CASE("a reply slower than the request timeout is retried and the job completes") {
  EndpointEngine e;
  e.server.set_default(kTwoBlocksReply);
  auto never = kTwoBlocksReply;
  never.held = true;  // not answered within the timeout, however slow the machine is
  e.server.push(never);
  e.start({{"endpoint.timeout_s", "1"}});
  int64_t id = e.create({e.dir.write("manual.md", kSampleManual).string()});

  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.blocks == 2);
  CHECK(e.server.request_count() == 2);
  store::JobStore reader(e.db());
  CHECK(reader.load_attempts(id).size() == 1);
  CHECK(log_mentions(reader, id, "chunk 1: retrying in"));
}

TEST_CASE("a 401 fails the job with AUTH and the API key hint, and it is not retried automatically") {
  EndpointEngine e;
  e.server.set_default(FakeOpenAiServer::error_reply(401, "Invalid API key"));
  e.start();
  int64_t id = e.create({e.dir.write("manual.md", kSampleManual).string()});

  Job failed = wait_for_status(*e.engine, id, JobStatus::Failed);
  CHECK(failed.error.code == "AUTH");
  CHECK(failed.error.hint == "Check the API key in Settings.");
  CHECK(failed.error.message.find("HTTP 401") != std::string::npos);
  CHECK(failed.failed_stage == Stage::Blockify);
  CHECK(e.server.request_count() == 1);  // a permanent error is not retried at request level either
  // An automatic retry is decided when the attempt fails: the job would be Pending with a
  // retry time instead of Failed.
  CHECK(failed.retry_at == 0);
  store::JobStore reader(e.db());
  CHECK(reader.load_attempts(id).size() == 1);
}

TEST_CASE(
    "an endpoint that stays down fails the job as TRANSIENT, which is then queued for an automatic retry") {
  EndpointEngine e;
  // An hour away: the countdown stays up however long the test takes to look at it.
  int64_t id = job_against_down_endpoint(
      e, {{"retry.request_tries", "2"}, {"retry.auto_attempts", "1"}, {"retry.auto_base_s", "3600"}});
  e.engine->post(FocusJob{id});

  // The failed attempt re-queues the job at once: Pending with a countdown in the detail.
  auto snap = wait_for_snapshot_where(
      *e.engine,
      [id](const Snapshot& s) {
        auto row = job_in(s, id);
        return row && row->status == JobStatus::Pending && row->retry_at > 0 && s.detail &&
               s.detail->auto_retry_note.find("(automatic attempt 1 of 1)") != std::string::npos;
      },
      "Pending with an automatic retry countdown");
  Job waiting = *job_in(*snap, id);
  CHECK(waiting.error.code == "TRANSIENT");
  store::JobStore reader(e.db());
  auto attempts = reader.load_attempts(id);
  REQUIRE(attempts.size() == 1);
  CHECK(attempts[0].outcome == AttemptOutcome::Failed);
  CHECK(attempts[0].error.code == "TRANSIENT");
  CHECK(attempts[0].error.message.find("refused") != std::string::npos);
  // Half to all of retry.auto_base_s (capped at 10 minutes) after the failure: jitter 0.5–1.0.
  CHECK(waiting.retry_at >= attempts[0].finished_at + 300 * 1000);
  CHECK(waiting.retry_at <= attempts[0].finished_at + 600 * 1000 + 1000);
  CHECK(log_mentions(reader, id, "automatic attempt 1 of 1"));
}

TEST_CASE("the automatic retry of a TRANSIENT failure runs, and the last one allowed leaves the job Failed") {
  EndpointEngine e;
  int64_t id = job_against_down_endpoint(
      e, {{"retry.request_tries", "2"}, {"retry.auto_attempts", "1"}, {"retry.auto_base_s", "0.01"}});

  // The automatic attempt runs, fails the same way, and that was the last one allowed.
  Job failed = wait_for_job(
      *e.engine, id, [](const Job& j) { return j.status == JobStatus::Failed && j.attempt == 2; },
      "Failed after its automatic attempt");
  CHECK(failed.error.code == "TRANSIENT");
  CHECK(failed.retry_at == 0);
  store::JobStore reader(e.db());
  auto attempts = reader.load_attempts(id);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[0].outcome == AttemptOutcome::Failed);
  CHECK(attempts[1].kind == AttemptKind::Automatic);
  CHECK(attempts[1].outcome == AttemptOutcome::Failed);
  CHECK(log_mentions(reader, id, "automatic attempt 1 of 1"));
}

TEST_CASE("with retry.auto_attempts 0 a transient failure stays Failed") {
  EndpointEngine e;
  int64_t id = job_against_down_endpoint(e, {{"retry.request_tries", "1"}, {"retry.auto_attempts", "0"}});

  Job failed = wait_for_status(*e.engine, id, JobStatus::Failed);
  CHECK(failed.error.code == "TRANSIENT");
  CHECK(failed.retry_at == 0);  // Failed, not Pending with a retry time
  store::JobStore reader(e.db());
  CHECK(reader.load_attempts(id).size() == 1);
}

TEST_CASE("cancel during a reply in flight settles the job as Cancelled without waiting for the reply") {
  EndpointEngine e;
  auto held = kTwoBlocksReply;
  held.held = true;  // the reply never comes while the test looks
  e.server.set_default(held);
  e.start();
  int64_t id = e.create({e.dir.write("manual.md", kSampleManual).string()});

  REQUIRE(e.server.wait_until_held(1));
  REQUIRE(e.engine->submit(CancelJob{id}).get().ok());
  // The engine's cancel grace is out of reach here (see EndpointEngine), so Cancelled
  // means the worker itself gave up the request.
  Job cancelled = wait_for_status(*e.engine, id, JobStatus::Cancelled);
  CHECK(cancelled.finished_at > 0);
  CHECK(e.server.held_count() == 1);  // still unanswered: the cancel did not wait for it
  CHECK(e.server.request_count() == 1);
}

TEST_CASE(
    "a reply without well-formed IdeaBlock XML fails the file with BAD_MODEL_OUTPUT and logs the reply") {
  EndpointEngine e;
  e.server.set_default(
      FakeOpenAiServer::chat_reply("Sure! <ideablock><name>Broken block<trusted_answer>No end"));
  e.start();
  auto file = e.dir.write("manual.md", kSampleManual);
  int64_t id = e.create({file.string()});

  Job failed = wait_for_status(*e.engine, id, JobStatus::Failed);
  CHECK(failed.error.code == "BAD_MODEL_OUTPUT");
  store::JobStore reader(e.db());
  auto files = reader.load_files(id);
  REQUIRE(files.size() == 1);
  CHECK(files[0].status == FileStatus::Failed);
  CHECK(files[0].error.code == "BAD_MODEL_OUTPUT");
  CHECK(log_mentions(reader, id, "the model replied: Sure! <ideablock><name>Broken block"));
  CHECK(failed.retry_at == 0);  // a model's bad output does not heal by itself
  CHECK(reader.load_attempts(id).size() == 1);
}

TEST_CASE("the API key appears in no log line, event, job error or attempt error") {
  const std::string key = "sk-llmjobs-UNMISTAKABLE-4f7c2e91";
  REQUIRE(setenv("BLOCKIFY_API_KEY", key.c_str(), 1) == 0);
  std::vector<int64_t> ids;
  std::filesystem::path log_file;
  {
    EndpointEngine e;
    e.server.set_default(kTwoBlocksReply);
    e.start();
    log_file = e.dir / "blockify.log";
    auto file = e.dir.write("manual.md", kSampleManual).string();
    e.server.push(FakeOpenAiServer::error_reply(429, "Slow down, " + key, {{"Retry-After", "0"}}));
    ids.push_back(e.create({file}));
    wait_for_status(*e.engine, ids.back(), JobStatus::Completed);
    // Real servers echo the rejected key back; the engine must not keep it.
    e.server.set_default(FakeOpenAiServer::error_reply(401, "Incorrect API key provided: " + key));
    ids.push_back(e.create({file}));
    wait_for_status(*e.engine, ids.back(), JobStatus::Failed);

    auto requests = e.server.requests();
    REQUIRE(!requests.empty());
    CHECK(requests[0].headers["authorization"] == "Bearer " + key);  // the key was really used

    store::JobStore reader(e.db());
    for (int64_t id : ids) {
      auto job = reader.load_job(id);
      REQUIRE(job);
      for (const auto* text : {&job->error.message, &job->error.hint})
        CHECK(text->find(key) == std::string::npos);
      for (const auto& a : reader.load_attempts(id)) {
        CHECK(a.error.message.find(key) == std::string::npos);
        CHECK(a.error.hint.find(key) == std::string::npos);
      }
      for (const auto& f : reader.load_files(id)) CHECK(f.error.message.find(key) == std::string::npos);
      for (const auto& ev : reader.load_events(id)) CHECK(ev.message.find(key) == std::string::npos);
    }
    CHECK(reader.load_job(ids.back())->error.code == "AUTH");
    e.engine.reset();  // flushes and closes the log
    std::ifstream in(log_file);
    REQUIRE(in);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
      ++lines;
      CHECK_MESSAGE(line.find(key) == std::string::npos, line);
      CHECK(line.find("4f7c2e91") == std::string::npos);
    }
    CHECK(lines > 0);
  }
  unsetenv("BLOCKIFY_API_KEY");
}
