// Re-embed through the real engine, against a fake embeddings server on 127.0.0.1: a
// changed model marks the dataset stale, the ReEmbedDataset command queues a job of its
// own that gives every block a vector of the new model and clears the flag, a cancel
// mid-way keeps the vectors made so far and Resume sends only the rest, refusals are
// sentences, and the Datasets view's rows and the SearchDataset command show the result.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>

#include "tests/support/engine_endpoint_fixture.h"
#include "tests/support/fake_embeddings.h"
#include "tests/support/sample_text.h"

using namespace blockify;
using namespace blockify::test;

namespace {

constexpr int kDims = 16;

// Three files on different subjects, two paragraphs each: nothing for Distill to merge.
std::vector<std::string> handbook_files() {
  return {kOfficePolicies[0] +
              "\n\nNew employees receive a laptop on their first day. The laptop is configured by the "
              "service desk in advance.",
          kOfficePolicies[1] +
              "\n\nThe cafeteria serves lunch from noon until two. Vegetarian dishes are marked with a "
              "green leaf on the menu.",
          kOfficePolicies[2] +
              "\n\nSecurity incidents are reported to the security team at once. The team answers "
              "within fifteen minutes."};
}

int64_t run_offline_job(EndpointEngine& e, const std::string& dataset, const std::string& prefix) {
  return e.run_offline("Handbook", dataset, prefix, handbook_files());
}

size_t embeddings_requests(const FakeOpenAiServer& server) {
  size_t n = 0;
  for (const auto& r : server.requests()) n += r.path == "/v1/embeddings";
  return n;
}

std::optional<DatasetRow> row_of(const Snapshot& s, const std::string& dataset) {
  if (!s.datasets) return std::nullopt;
  for (const auto& d : s.datasets->datasets)
    if (d.name == dataset) return d;
  return std::nullopt;
}

DatasetRow wait_for_row(Engine& engine, const std::string& dataset,
                        const std::function<bool(const DatasetRow&)>& ready, const std::string& what) {
  auto snap = wait_for_snapshot_where(
      engine,
      [&](const Snapshot& s) {
        auto row = row_of(s, dataset);
        return row && ready(*row);
      },
      "dataset " + dataset + " " + what);
  return row_of(*snap, dataset).value_or(DatasetRow{});
}

// Every representative block of the dataset, and how many have a vector of `dims` floats.
std::pair<size_t, size_t> dataset_blocks_and_vectors(const std::filesystem::path& db,
                                                     const std::string& dataset) {
  store::JobStore reader(db);
  auto blocks = reader.load_dataset_blocks(dataset);
  size_t with_vector = 0;
  for (const auto& b : blocks) with_vector += reader.block_vector(b.id).size() == static_cast<size_t>(kDims);
  return {blocks.size(), with_vector};
}

}  // namespace

TEST_CASE("after a model change the dataset is stale; Re-embed gives every block a vector of the new model") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start({{"embeddings.model", "model-a"}, {"embeddings.batch", "2"}});
  run_offline_job(e, "handbook", "first");
  store_settings(e.db(), {{"embeddings.model", "model-b"}});
  run_offline_job(e, "handbook", "second");  // embeds nothing: the dataset's vectors are model-a's
  DatasetRow stale = wait_for_row(
      *e.engine, "handbook", [](const DatasetRow& d) { return d.vectors_stale; }, "be marked stale");
  CHECK(stale.vector_model == "model-a");
  CHECK(stale.vectors > 0);
  CHECK(stale.vectors < stale.blocks);  // the second job's blocks have none
  const size_t requests_before = embeddings_requests(e.server);

  auto queued = e.engine->submit(ReEmbedDataset{"handbook"}).get();
  REQUIRE(queued.ok());
  CHECK(queued.message == "Queued Re-embed of \"handbook\" as job " + std::to_string(queued.job_id) + ".");
  Job done = wait_for_status(*e.engine, queued.job_id, JobStatus::Completed);
  CHECK(done.name == "Re-embed handbook");
  CHECK(done.config.mode == JobMode::ReEmbed);

  auto [blocks, with_vector] = dataset_blocks_and_vectors(e.db(), "handbook");
  REQUIRE(blocks >= 4);
  CHECK(with_vector == blocks);
  CHECK(done.chunks_done == static_cast<int64_t>(blocks));  // blocks embedded of total, as job show prints it
  CHECK(done.chunks_total == static_cast<int64_t>(blocks));
  CHECK(embeddings_requests(e.server) - requests_before == (blocks + 1) / 2);
  auto requests = e.server.requests();
  for (size_t i = requests.size() - (blocks + 1) / 2; i < requests.size(); ++i)
    CHECK(model_of(requests[i]) == "model-b");

  store::JobStore reader(e.db());
  auto vectors = reader.dataset_vectors("handbook");
  CHECK(vectors.model == "model-b");
  CHECK(vectors.dimensions == kDims);
  CHECK_FALSE(vectors.stale);
  CHECK(vectors.count == static_cast<int64_t>(blocks));
  CHECK(log_mentions(reader, done.id, "Dropped the vectors"));

  DatasetRow row = wait_for_row(
      *e.engine, "handbook",
      [&](const DatasetRow& d) {
        return !d.vectors_stale && d.vector_model == "model-b" && d.reembed_job == 0;
      },
      "show the new model");
  CHECK(row.vectors == static_cast<int64_t>(blocks));
  CHECK(row.vector_dimensions == kDims);
}

TEST_CASE(
    "a Re-embed cancelled mid-way keeps its vectors, and Resume sends only the blocks still without one") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start({{"embeddings.model", "model-a"}, {"embeddings.batch", "1"}});
  run_offline_job(e, "handbook", "first");
  store_settings(e.db(), {{"embeddings.model", "model-b"}});
  // From now on: the first request is answered, the second is held until the test ends.
  auto calls = std::make_shared<std::atomic<int>>(0);
  e.server.answer_from_request("/embeddings", [calls](const FakeOpenAiServer::Request& request) {
    if (++*calls == 2) {
      FakeOpenAiServer::Response held = FakeOpenAiServer::error_reply(500, "never sent");
      held.held = true;
      return held;
    }
    return bag_of_words_embeddings(request, kDims);
  });
  const size_t inputs_before = embedded_inputs(e.server);

  auto queued = e.engine->submit(ReEmbedDataset{"handbook"}).get();
  REQUIRE(queued.ok());
  const int64_t id = queued.job_id;
  REQUIRE(e.server.wait_until_held(1));
  Job embedding = wait_for_job(
      *e.engine, id, [](const Job& j) { return j.chunks_done == 1; }, "embed its first block");
  CHECK(embedding.stage == Stage::Embed);
  const int64_t total = embedding.chunks_total;
  REQUIRE(total >= 3);
  REQUIRE(e.engine->submit(CancelJob{id}).get().ok());
  wait_for_status(*e.engine, id, JobStatus::Cancelled);
  CHECK(e.server.held_count() == 1);  // stopped without the reply

  {
    store::JobStore reader(e.db());
    auto vectors = reader.dataset_vectors("handbook");
    CHECK(vectors.model == "model-b");
    CHECK(vectors.count == 1);  // model-a's vectors were dropped; the first new one is kept
    CHECK(vectors.stale);       // until every block has one
  }
  const size_t sent_before_resume = embedded_inputs(e.server);
  CHECK(sent_before_resume - inputs_before == 2);  // the answered request and the held one

  REQUIRE(e.engine->submit(RetryJob{id, AttemptKind::Resume}).get().ok());
  Job done = wait_for_status(*e.engine, id, JobStatus::Completed);
  CHECK(done.chunks_done == total);
  CHECK(embedded_inputs(e.server) - sent_before_resume ==
        static_cast<size_t>(total - 1));  // not the kept one
  auto [blocks, with_vector] = dataset_blocks_and_vectors(e.db(), "handbook");
  CHECK(with_vector == blocks);
  store::JobStore reader(e.db());
  CHECK_FALSE(reader.dataset_vectors("handbook").stale);
  CHECK(log_mentions(reader, id,
                     "1 of " + std::to_string(total) + " IdeaBlocks already have a vector of model-b"));
}

TEST_CASE("Re-embed is refused with a sentence without a model, for a missing dataset, and while one runs") {
  EndpointEngine e;
  FakeOpenAiServer::Response held = FakeOpenAiServer::error_reply(500, "never sent");
  held.held = true;
  e.start();
  run_offline_job(e, "handbook", "first");

  auto no_model = e.engine->submit(ReEmbedDataset{"handbook"}).get();
  CHECK(no_model.code == ResultCode::Refused);
  CHECK(no_model.message.find("embeddings.model is empty") != std::string::npos);

  store_settings(e.db(), {{"embeddings.model", "model-b"}});
  auto missing = e.engine->submit(ReEmbedDataset{"nothing-here"}).get();
  CHECK(missing.code == ResultCode::NotFound);
  CHECK(missing.message == "There is no dataset \"nothing-here\".");

  e.server.push(held);
  auto first = e.engine->submit(ReEmbedDataset{"handbook"}).get();
  REQUIRE(first.ok());
  REQUIRE(e.server.wait_until_held(1));
  auto again = e.engine->submit(ReEmbedDataset{"handbook"}).get();
  CHECK(again.code == ResultCode::Refused);
  CHECK(again.message.find("already job " + std::to_string(first.job_id)) != std::string::npos);
  DatasetRow row = wait_for_row(
      *e.engine, "handbook", [](const DatasetRow& d) { return d.reembed_job != 0; }, "show its Re-embed job");
  CHECK(row.reembed_job == first.job_id);
  REQUIRE(e.engine->submit(CancelJob{first.job_id}).get().ok());
  wait_for_status(*e.engine, first.job_id, JobStatus::Cancelled);

  auto create =
      e.engine->submit(CreateJob{"Sneaky", "handbook", JobConfig{JobMode::ReEmbed}, {"a.txt"}}).get();
  CHECK(create.code == ResultCode::Usage);
}

TEST_CASE("the SearchDataset command publishes the block a question is about first, with its job") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start({{"embeddings.model", "model-a"}});
  int64_t job = run_offline_job(e, "handbook", "first");
  store::JobStore reader(e.db());
  auto blocks = reader.load_dataset_blocks("handbook");
  REQUIRE(blocks.size() >= 3);
  const IdeaBlock wanted = blocks[blocks.size() / 2];

  auto done = [](const Snapshot& s) { return s.dataset_search && !s.dataset_search->running; };
  REQUIRE(e.engine->submit(SearchDataset{"handbook", embedding_text(wanted), true, 5}).get().ok());
  auto snap = wait_for_snapshot_where(*e.engine, done, "finish the search by meaning");
  const DatasetSearchView& meaning = *snap->dataset_search;
  CHECK(meaning.dataset == "handbook");
  CHECK(meaning.by_meaning);
  CHECK_FALSE(meaning.is_error);
  REQUIRE_FALSE(meaning.hits.empty());
  CHECK(meaning.hits[0].block.id == wanted.id);
  CHECK(meaning.hits[0].job_id == job);

  // By words: the one block that mentions the cafeteria.
  REQUIRE(e.engine->submit(SearchDataset{"handbook", "cafeteria", false, 5}).get().ok());
  snap = wait_for_snapshot_where(
      *e.engine, [&](const Snapshot& s) { return done(s) && s.dataset_search->query == "cafeteria"; },
      "finish the search by words");
  CHECK_FALSE(snap->dataset_search->by_meaning);
  REQUIRE_FALSE(snap->dataset_search->hits.empty());
  const IdeaBlock& hit = snap->dataset_search->hits[0].block;
  CHECK_MESSAGE(embedding_text(hit).find("afeteria") != std::string::npos, embedding_text(hit));
  CHECK(hit.source_file.find("first1.md") != std::string::npos);
  CHECK(snap->dataset_search->hits[0].job_id == job);
}

TEST_CASE("a browsed dataset page carries each block's job") {
  EndpointEngine e;
  e.start();
  int64_t job = run_offline_job(e, "handbook", "first");
  REQUIRE(e.engine->submit(BrowseDataset{"handbook", "", 0}).get().ok());
  auto snap = wait_for_snapshot_where(
      *e.engine,
      [](const Snapshot& s) {
        return s.datasets && s.datasets->browsed == "handbook" && !s.datasets->blocks.empty();
      },
      "publish the page");
  for (const auto& b : snap->datasets->blocks) CHECK(b.job_id == job);
}
