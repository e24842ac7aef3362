// The Embeddings stage of a job through the real engine, against a fake embeddings server
// on 127.0.0.1 (deterministic bag-of-words vectors): every IdeaBlock gets a vector in
// batches, transient faults heal, 401 fails the job once with AUTH, cancel stops the
// stage mid-way, Resume keeps the vectors already made, a changed model marks the
// dataset stale instead of mixing models, and Distill may use the vectors.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>

#include "engine/pipeline/text/distill.h"
#include "tests/support/engine_endpoint_fixture.h"
#include "tests/support/fake_embeddings.h"

using namespace blockify;
using namespace blockify::test;

namespace {

constexpr int kDims = 16;

// Six paragraphs on different subjects.
const char* kHandbook =
    "Backups run every night at two o'clock. Each backup is copied to a second building and kept for thirty "
    "days.\n\n"
    "New employees receive a laptop on their first day. The laptop is configured by the service desk in "
    "advance.\n\n"
    "Expense reports are due by the fifth of each month. Receipts must be attached as scanned images or PDF "
    "files.\n\n"
    "The cafeteria serves lunch from noon until two. Vegetarian dishes are marked with a green leaf on the "
    "menu.\n\n"
    "Visitors sign in at the reception desk and wear a badge. Badges are returned when the visitor "
    "leaves.\n\n"
    "Security incidents are reported to the security team at once. The team answers within fifteen minutes.";

// Settings for a job of the offline backend whose blocks are embedded by `server`.
std::map<std::string, std::string> embedding_settings(const std::string& model, int batch) {
  return {{"embeddings.model", model}, {"embeddings.batch", std::to_string(batch)}};
}

// Three copies of the handbook: several blocks per file, so a batch of 2 needs several
// requests (the copies' blocks are merged by Distill, after they were embedded).
int64_t create_offline_job(EndpointEngine& e, const std::string& dataset = "handbook") {
  JobConfig config;
  config.backend = Backend::Offline;
  std::vector<std::string> files;
  for (int i = 1; i <= 3; ++i)
    files.push_back(e.dir.write(dataset + std::to_string(i) + ".md", kHandbook).string());
  auto r = e.engine->submit(CreateJob{"Handbook", dataset, config, files}).get();
  REQUIRE(r.ok());
  return r.job_id;
}

size_t embeddings_requests(const FakeOpenAiServer& server) {
  size_t n = 0;
  for (const auto& r : server.requests()) n += r.path == "/v1/embeddings";
  return n;
}

// The job's blocks and how many of them have a vector of `dims` floats.
std::pair<size_t, size_t> blocks_and_vectors(const std::filesystem::path& db, int64_t job, int dims = kDims) {
  store::JobStore reader(db);
  auto blocks = reader.load_job_blocks(job);
  size_t with_vector = 0;
  for (const auto& b : blocks) with_vector += reader.block_vector(b.id).size() == static_cast<size_t>(dims);
  return {blocks.size(), with_vector};
}

// Serves bag-of-words vectors, except that the `nth` request (1-based) gets `special`.
void serve_with_nth(FakeOpenAiServer& server, int nth, FakeOpenAiServer::Response special) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  server.answer_from_request("/embeddings", [calls, nth, special](const FakeOpenAiServer::Request& request) {
    if (++*calls == nth) return special;
    return bag_of_words_embeddings(request, kDims);
  });
}

}  // namespace

TEST_CASE(
    "every IdeaBlock gets a vector after Blockify, in ceil(blocks / batch) requests, with the stage's "
    "figures") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start(embedding_settings("bow-embed", 2));
  int64_t id = create_offline_job(e);
  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.stage_progress[3] == doctest::Approx(1.0));  // the Embeddings segment of the timeline

  auto [blocks, with_vector] = blocks_and_vectors(e.db(), id);
  REQUIRE(blocks >= 4);
  CHECK(with_vector == blocks);
  CHECK(embeddings_requests(e.server) == (blocks + 1) / 2);
  CHECK(embedded_inputs(e.server) == blocks);

  store::JobStore reader(e.db());
  auto vectors = reader.dataset_vectors("handbook");
  CHECK(vectors.model == "bow-embed");
  CHECK(vectors.dimensions == kDims);
  CHECK_FALSE(vectors.stale);
  auto stage = reader.job_embeddings(id);
  REQUIRE(stage);
  CHECK(stage->blocks == static_cast<int64_t>(blocks));
  CHECK(stage->requests == static_cast<int64_t>((blocks + 1) / 2));
  CHECK(stage->tokens > 0);
  // The text embedded is the block's name, question and answer.
  auto first = reader.load_job_blocks(id).front();
  CHECK(reader.block_vector(first.id) == bag_of_words_vector(embedding_text(first), kDims));
}

TEST_CASE("without embeddings.model a job sends no embeddings request and its blocks have no vectors") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start();
  int64_t id = create_offline_job(e);
  wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(e.server.request_count() == 0);
  CHECK(blocks_and_vectors(e.db(), id).second == 0);
  store::JobStore reader(e.db());
  CHECK_FALSE(reader.job_embeddings(id));
}

TEST_CASE("a 429 and a 500 during the stage heal inside the job") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.server.push(FakeOpenAiServer::error_reply(429, "slow down", {{"Retry-After", "0"}}));
  e.server.push(FakeOpenAiServer::error_reply(500, "hiccup"));
  e.start(embedding_settings("bow-embed", 2));
  int64_t id = create_offline_job(e);
  wait_for_status(*e.engine, id, JobStatus::Completed);
  auto [blocks, with_vector] = blocks_and_vectors(e.db(), id);
  CHECK(with_vector == blocks);
  CHECK(embeddings_requests(e.server) == (blocks + 1) / 2 + 2);
  store::JobStore reader(e.db());
  CHECK(log_mentions(reader, id, "embeddings batch 1: retrying in"));
}

TEST_CASE("401 fails the job in the Embeddings stage with AUTH after one request, and it is not retried") {
  EndpointEngine e;
  e.server.push(FakeOpenAiServer::error_reply(401, "invalid api key"));
  e.start(embedding_settings("bow-embed", 2));
  int64_t id = create_offline_job(e);
  Job failed = wait_for_status(*e.engine, id, JobStatus::Failed);
  CHECK(failed.error.code == error_code::kAuth);
  CHECK(failed.failed_stage == Stage::Embed);
  CHECK(failed.retry_at == 0);  // permanent: no automatic retry
  CHECK(e.server.request_count() == 1);
  CHECK(failed.blocks > 0);  // the blocks are kept; only their vectors are missing
  CHECK(blocks_and_vectors(e.db(), id).second == 0);
}

TEST_CASE(
    "cancel while a batch is in flight settles the job Cancelled, keeping the vectors of earlier batches") {
  EndpointEngine e;
  FakeOpenAiServer::Response held = FakeOpenAiServer::error_reply(500, "never sent");
  held.held = true;
  serve_with_nth(e.server, 2, held);
  e.start(embedding_settings("bow-embed", 2));
  int64_t id = create_offline_job(e);
  REQUIRE(e.server.wait_until_held(1));
  wait_for_job(
      *e.engine, id, [](const Job& j) { return j.stage == Stage::Embed; }, "be embedding");
  REQUIRE(e.engine->submit(CancelJob{id}).get().ok());
  wait_for_status(*e.engine, id, JobStatus::Cancelled);
  CHECK(e.server.held_count() == 1);  // stopped without the reply
  CHECK(blocks_and_vectors(e.db(), id).second == 2);
}

TEST_CASE("Resume keeps the vectors already made and embeds only the rest") {
  EndpointEngine e;
  serve_with_nth(e.server, 2, FakeOpenAiServer::error_reply(401, "key revoked"));
  e.start(embedding_settings("bow-embed", 2));
  int64_t id = create_offline_job(e);
  wait_for_status(*e.engine, id, JobStatus::Failed);
  auto [blocks, kept] = blocks_and_vectors(e.db(), id);
  REQUIRE(kept == 2);
  const size_t sent_before = embedded_inputs(e.server);

  REQUIRE(e.engine->submit(RetryJob{id, AttemptKind::Resume}).get().ok());
  wait_for_status(*e.engine, id, JobStatus::Completed);
  auto [blocks_after, with_vector] = blocks_and_vectors(e.db(), id);
  CHECK(blocks_after == blocks);
  CHECK(with_vector == blocks);
  CHECK(embedded_inputs(e.server) - sent_before == blocks - 2);  // the first batch was not sent again
}

TEST_CASE("changing the model marks the dataset's vectors stale and never mixes two models in it") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start(embedding_settings("model-a", 8));
  int64_t first = create_offline_job(e);
  wait_for_status(*e.engine, first, JobStatus::Completed);
  store_settings(e.db(), {{"embeddings.model", "model-b"}});
  int64_t second = create_offline_job(e);
  wait_for_status(*e.engine, second, JobStatus::Completed);

  store::JobStore reader(e.db());
  auto vectors = reader.dataset_vectors("handbook");
  CHECK(vectors.stale);
  CHECK(vectors.model == "model-a");
  CHECK(blocks_and_vectors(e.db(), second).second == 0);
  CHECK(log_mentions(reader, second, "marked stale"));
  for (const auto& r : e.server.requests()) CHECK(model_of(r) == "model-a");
}

TEST_CASE("distill confirms LSH candidates by cosine when both blocks have vectors, by words otherwise") {
  std::vector<IdeaBlock> blocks(2);
  for (auto& b : blocks) {
    b.name = "Backup schedule";
    b.critical_question = "When do backups run?";
    b.trusted_answer =
        "Backups run every night at two o'clock and are kept for thirty days in a second building.";
  }
  blocks[0].id = 1;
  blocks[1].id = 2;
  auto words_only = blocks;
  CHECK(distill(words_only).clusters == 1);  // the same words: merged

  std::vector<std::vector<float>> vectors{{1, 0, 0}, {0, 1, 0}};  // the model says: different ideas
  DistillOptions options;
  options.vectors = &vectors;
  auto by_vectors = blocks;
  CHECK(distill(by_vectors, options).clusters == 2);
  vectors[1] = {0.99f, 0.05f, 0};
  by_vectors = blocks;
  CHECK(distill(by_vectors, options).clusters == 1);
}
