// The embeddings client against a fake OpenAI-compatible server on 127.0.0.1: requests
// in batches, vectors back in input order, the same key handling, error classes, retries
// and cancel as chat requests, and the embeddings.* settings.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "engine/core/settings.h"
#include "engine/pipeline/endpoint/embeddings.h"
#include "tests/support/fake_embeddings.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::FakeOpenAiServer;

namespace {

const std::string kApiKey = "sk-embed-SECRET-51c2";

EndpointSettings endpoint_for(const FakeOpenAiServer& server) {
  EndpointSettings settings;
  settings.url = server.url();
  settings.api_key = kApiKey;
  settings.timeout_s = 10;
  return settings;
}

EmbeddingSettings embeddings_of(const std::string& model, int batch = 64) {
  EmbeddingSettings e;
  e.model = model;
  e.batch = batch;
  return e;
}

BackoffPolicy fast_retries() {
  BackoffPolicy policy;
  policy.base_s = 0.01;
  policy.cap_s = 0.05;
  policy.max_tries = 5;
  return policy;
}

std::vector<std::string> texts(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i)
    out.push_back("text number " + std::to_string(i) + " about topic" + std::to_string(i));
  return out;
}

}  // namespace

TEST_CASE("a batch of texts comes back as one vector each, in input order, from POST {url}/embeddings") {
  FakeOpenAiServer server;
  test::serve_bag_of_words(server, 16);
  auto reply = embed_via_endpoint(endpoint_for(server), embeddings_of("nomic-embed"), texts(3));
  REQUIRE(reply.error.empty());
  REQUIRE(reply.vectors.size() == 3);
  for (size_t i = 0; i < 3; ++i) CHECK(reply.vectors[i] == test::bag_of_words_vector(texts(3)[i], 16));
  CHECK(reply.prompt_tokens == 15);  // five words each
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].path == "/v1/embeddings");
  CHECK(requests[0].headers["authorization"] == "Bearer " + kApiKey);
  auto body = nlohmann::json::parse(requests[0].body);
  CHECK(body["model"] == "nomic-embed");
  CHECK(body["input"].size() == 3);
  CHECK_FALSE(body.contains("dimensions"));  // sent only when set
}

TEST_CASE("embeddings.url replaces the endpoint's URL, and embeddings.dimensions is sent when set") {
  FakeOpenAiServer chat, embed;
  test::serve_bag_of_words(embed, 32);
  EndpointSettings endpoint = endpoint_for(chat);
  EmbeddingSettings e = embeddings_of("m");
  e.url = embed.url();
  e.dimensions = 8;
  auto reply = embed_via_endpoint(endpoint, e, texts(2));
  REQUIRE(reply.error.empty());
  CHECK(reply.vectors[0].size() == 8);
  CHECK(chat.request_count() == 0);
  CHECK(nlohmann::json::parse(embed.requests()[0].body)["dimensions"] == 8);
}

TEST_CASE("texts go in batches of embeddings.batch: requests = ceil(texts / batch)") {
  FakeOpenAiServer server;
  test::serve_bag_of_words(server, 8);
  size_t stored = 0;
  auto result = embed_texts(
      texts(10), endpoint_for(server), embeddings_of("m", 4), fast_retries(), CancelToken(),
      [&](const EmbeddedBatch& batch) {
        CHECK(batch.first == stored);
        stored += batch.vectors.size();
        CHECK(batch.requests == static_cast<int64_t>((stored + 3) / 4));
      },
      nullptr);
  REQUIRE(result.error.empty());
  CHECK(server.request_count() == 3);
  CHECK(result.requests == 3);
  CHECK(stored == 10);
  CHECK(result.vectors.size() == 10);
  CHECK(result.vectors[9] == test::bag_of_words_vector(texts(10)[9], 8));
  CHECK(result.tokens == 50);
}

TEST_CASE("a 429 and a 500 heal by themselves with the retry shown, and every vector still arrives") {
  FakeOpenAiServer server;
  test::serve_bag_of_words(server, 8);
  server.push(FakeOpenAiServer::error_reply(429, "slow down", {{"Retry-After", "0"}}));
  server.push(FakeOpenAiServer::error_reply(500, "oops"));
  std::vector<std::string> notes;
  auto result = embed_texts(texts(5), endpoint_for(server), embeddings_of("m", 5), fast_retries(),
                            CancelToken(), nullptr, [&](const std::string& note) { notes.push_back(note); });
  REQUIRE(result.error.empty());
  CHECK(result.requests == 3);
  CHECK(result.vectors[4].size() == 8);
  REQUIRE(notes.size() >= 2);
  CHECK(notes[0].find("embeddings batch 1: retrying in") == 0);
  CHECK(notes.back().empty());
}

TEST_CASE("401 fails AUTH after one request, never retried, and the key never appears in the message") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(401, "bad key " + kApiKey));
  auto result = embed_texts(texts(3), endpoint_for(server), embeddings_of("m"), fast_retries(), CancelToken(),
                            nullptr, nullptr);
  CHECK(result.error.code == error_code::kAuth);
  CHECK_FALSE(result.transient);
  CHECK(server.request_count() == 1);
  CHECK(result.error.message.find(kApiKey) == std::string::npos);
  CHECK(result.error.message.find("Embeddings batch 1") == 0);
}

TEST_CASE("404 is MODEL_NOT_FOUND; a reply with the wrong count or length of vectors is BAD_MODEL_OUTPUT") {
  FakeOpenAiServer server;
  server.push(FakeOpenAiServer::error_reply(404, "model 'nope' not found"));
  auto missing = embed_via_endpoint(endpoint_for(server), embeddings_of("nope"), texts(1));
  CHECK(missing.error.code == error_code::kModelNotFound);

  CHECK(read_embeddings(200, R"({"data":[{"index":0,"embedding":[1,2]}]})", "u", 2, 0).error.code ==
        error_code::kBadModelOutput);
  CHECK(read_embeddings(200, R"({"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[1]}]})", "u",
                        2, 0)
            .error.code == error_code::kBadModelOutput);
  CHECK(read_embeddings(200, R"({"data":[{"index":0,"embedding":[1,2]}]})", "u", 1, 3).error.code ==
        error_code::kBadModelOutput);
  CHECK(read_embeddings(200, "not json", "u", 1, 0).error.code == error_code::kBadModelOutput);
  // Listed out of order: "index" puts each vector back in its place.
  auto swapped = read_embeddings(
      200, R"({"data":[{"index":1,"embedding":[0,1]},{"index":0,"embedding":[1,0]}]})", "u", 2, 0);
  REQUIRE(swapped.error.empty());
  CHECK(swapped.vectors[0] == std::vector<float>{1, 0});
}

TEST_CASE("cancel while a batch is in flight returns promptly, cancelled, with the batches before it kept") {
  FakeOpenAiServer server;
  test::serve_bag_of_words(server, 8);
  server.push(test::bag_of_words_embeddings({"POST", "/v1/embeddings", {}, R"({"input":["a","b"]})"}, 8));
  FakeOpenAiServer::Response held = FakeOpenAiServer::error_reply(500, "never seen");
  held.held = true;
  server.push(held);
  EndpointSettings endpoint = endpoint_for(server);
  endpoint.timeout_s = 600;
  CancelToken cancel;
  size_t stored = 0;
  EmbedTextsResult result;
  {
    // Cancels once the second batch is really in flight at the server.
    std::jthread canceller([&server, &cancel] {
      if (server.wait_until_held(1)) cancel.cancel();
    });
    result = embed_texts(
        texts(6), endpoint, embeddings_of("m", 2), fast_retries(), cancel,
        [&](const EmbeddedBatch& batch) { stored += batch.vectors.size(); }, nullptr);
  }
  CHECK(result.cancelled);
  CHECK(stored == 2);
  CHECK(server.held_count() == 1);  // returned without the reply, long before any timeout
  CHECK(server.request_count() == 2);
}

TEST_CASE("embeddings settings: off by default, checked when set") {
  test::TempDir dir;
  store::JobStore store(dir / "s.db");
  auto e = settings::embedding_settings(store);
  CHECK_FALSE(e.enabled());
  CHECK(e.batch == 64);
  CHECK(e.dimensions == 0);
  CHECK(e.url.empty());
  CHECK(settings::set(store, "embeddings.batch", "0").find("1 to 2048") != std::string::npos);
  CHECK(settings::set(store, "embeddings.url", "ftp://x").find("http") != std::string::npos);
  CHECK(settings::set(store, "embeddings.dimensions", "abc").find("whole number") != std::string::npos);
  CHECK(settings::set(store, "embeddings.model", "nomic-embed-text").empty());
  CHECK(settings::set(store, "embeddings.dimensions", "256").empty());
  CHECK(settings::set(store, "embeddings.dimensions", "").empty());
  e = settings::embedding_settings(store);
  CHECK(e.enabled());
  CHECK(e.model == "nomic-embed-text");
  CHECK(e.dimensions == 0);
  CHECK(settings::settings_fingerprint(store, Backend::Offline).find("embeddings.model=nomic-embed-text") !=
        std::string::npos);
}
