// Distill through the endpoint in a real engine job, against a fake server on 127.0.0.1:
// MinHash clusters go to the distill model (in groups of at most 20) and its reply becomes
// the merged block; a failed distill request keeps the local merge; cancel still works.
#include <doctest/doctest.h>

#include "engine/pipeline/text/chunk.h"
#include "tests/support/engine_endpoint_fixture.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// `count` paragraphs of about 800 characters: one chunk each at chunk size 1000 (with room
// for the 100-character overlap).
std::string paragraphs(int count) {
  std::string text;
  for (int p = 0; p < count; ++p) {
    std::string para = "Section " + std::to_string(p) + " explains the retry flow.";
    while (para.size() < 800)
      para += " A failed job restarts from the beginning with the same configuration.";
    text += para + "\n\n";
  }
  return text;
}

JobConfig small_chunks() {
  JobConfig config;
  config.chunk_size = 1000;
  config.overlap_percent = 10;
  return config;
}

size_t chunk_count(const std::string& text) { return chunk_text(text, ChunkOptions{1000, 100}).size(); }

// The same idea from every chunk: MinHash puts all of them in one cluster.
const FakeOpenAiServer::Response kSameIdea = FakeOpenAiServer::chat_reply(
    ideablock_xml("Retry Policy", "A failed job restarts from the beginning with the same configuration.",
                  "IMPORTANT", "retry, job"));

const FakeOpenAiServer::Response kMergedIdea = FakeOpenAiServer::chat_reply(ideablock_xml(
    "Retry Policy (merged)", "Every failed job restarts from the beginning, keeping its configuration.",
    "IMPORTANT, MERGED", "retry, restart"));

// A job of two chunks that say the same thing (MinHash clusters their blocks), the server
// answering `distill` to every request after them; starts the engine and the job.
int64_t start_twice_said_job(EndpointEngine& e, const FakeOpenAiServer::Response& distill) {
  std::string text = paragraphs(2);
  REQUIRE(chunk_count(text) == 2);
  e.server.push(kSameIdea);
  e.server.push(kSameIdea);
  e.server.set_default(distill);
  e.start();
  return e.create({e.dir.write("twice.md", text).string()}, small_chunks());
}

int blocks_in(const FakeOpenAiServer::Request& request) {
  auto user = nlohmann::json::parse(request.body)["messages"][1]["content"].get<std::string>();
  int n = 0;
  for (size_t pos = user.find("<ideablock>"); pos != std::string::npos;
       pos = user.find("<ideablock>", pos + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("near-identical blocks from two chunks are merged through the distill model") {
  EndpointEngine e;
  int64_t id = start_twice_said_job(e, kMergedIdea);  // the third request is the distill request

  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.blocks == 1);
  CHECK(done.blocks_before_distill == 2);

  auto requests = e.server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(model_of(requests[2]) == "test-distill");
  CHECK(blocks_in(requests[2]) == 2);

  store::JobStore reader(e.db());
  auto blocks = reader.load_job_blocks(id);
  REQUIRE(blocks.size() == 2);
  const IdeaBlock& rep = blocks[0].merged_into == 0 ? blocks[0] : blocks[1];
  const IdeaBlock& other = blocks[0].merged_into == 0 ? blocks[1] : blocks[0];
  CHECK(other.merged_into == rep.id);
  CHECK(rep.name == "Retry Policy (merged)");
  CHECK(rep.critical_question == "What is Retry Policy (merged)?");
  CHECK(rep.trusted_answer == "Every failed job restarts from the beginning, keeping its configuration.");
  CHECK(rep.tags == std::vector<std::string>{"IMPORTANT", "MERGED"});
  CHECK(rep.keywords == std::vector<std::string>{"retry", "restart"});
  CHECK(other.name == "Retry Policy");  // the merged-away block keeps what the chunk said
  auto dataset = reader.load_dataset_blocks("endpoint");
  REQUIRE(dataset.size() == 1);
  CHECK(dataset[0].name == "Retry Policy (merged)");
}

TEST_CASE("a distill request that fails for good keeps the local merge and warns in the job's log") {
  EndpointEngine e;
  int64_t id =
      start_twice_said_job(e, FakeOpenAiServer::error_reply(404, "The model test-distill does not exist"));

  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.blocks == 1);  // MinHash still merged the two
  CHECK(done.error.empty());
  store::JobStore reader(e.db());
  auto shown = reader.load_dataset_blocks("endpoint");
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].name == "Retry Policy");
  CHECK(
      log_mentions(reader, id, "The distill model did not merge 2 similar IdeaBlocks like \"Retry Policy\""));
  CHECK(log_mentions(reader, id, "Their local merge was kept."));
}

TEST_CASE("a cluster of more than 20 blocks goes to the distill model in groups of at most 20") {
  EndpointEngine e;
  std::string text = paragraphs(26);
  size_t chunks = chunk_count(text);
  REQUIRE(chunks > 20);
  REQUIRE(chunks <= 40);
  for (size_t i = 0; i < chunks; ++i) e.server.push(kSameIdea);
  e.server.set_default(kMergedIdea);
  e.start();
  int64_t id = e.create({e.dir.write("many.md", text).string()}, small_chunks());

  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  auto requests = e.server.requests();
  REQUIRE(requests.size() == chunks + 2);
  int sent = 0;
  for (size_t i = chunks; i < requests.size(); ++i) {
    CHECK(model_of(requests[i]) == "test-distill");
    CHECK(blocks_in(requests[i]) <= 20);
    sent += blocks_in(requests[i]);
  }
  CHECK(sent == static_cast<int>(chunks));
  CHECK(done.blocks == 2);  // one merged block per group
  store::JobStore reader(e.db());
  for (const auto& b : reader.load_dataset_blocks("endpoint")) CHECK(b.name == "Retry Policy (merged)");
}

TEST_CASE("cancel while the distill model is answering settles the job as Cancelled without its reply") {
  EndpointEngine e;
  auto held = kMergedIdea;
  held.held = true;  // the distill reply never comes while the test looks
  int64_t id = start_twice_said_job(e, held);

  REQUIRE(e.server.wait_until_held(1));
  CHECK(model_of(e.server.requests().back()) == "test-distill");
  REQUIRE(e.engine->submit(CancelJob{id}).get().ok());
  wait_for_status(*e.engine, id, JobStatus::Cancelled);
  CHECK(e.server.held_count() == 1);  // the worker gave up the request; it did not wait for it
  store::JobStore reader(e.db());
  auto blocks = reader.load_job_blocks(id);
  CHECK(blocks.size() == 2);  // partial results kept, nothing half-merged
  for (const auto& b : blocks) CHECK(b.name == "Retry Policy");
}
