#pragma once
// A real engine on a temporary database whose settings point at an in-process fake
// OpenAI-compatible server on 127.0.0.1, with retries made fast enough for tests.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/engine.h"
#include "engine/core/settings.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/fake_openai_server.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {

// Request retries in tens of milliseconds, automatic job retries in a fraction of a
// second: the behaviour of the defaults, at test speed.
inline std::map<std::string, std::string> fast_endpoint_settings(const FakeOpenAiServer& server) {
  return {{"endpoint.url", server.url()},
          {"endpoint.ingest_model", "test-ingest"},
          {"endpoint.distill_model", "test-distill"},
          {"endpoint.timeout_s", "10"},
          {"retry.request_base_s", "0.05"},
          {"retry.request_cap_s", "5"},
          {"retry.auto_base_s", "0.2"}};
}

// Stores `values` in the database at `db` the way `blockify settings set` does.
inline void store_settings(const std::filesystem::path& db,
                           const std::map<std::string, std::string>& values) {
  store::JobStore store(db);
  // Not a structured binding: clang 14 cannot capture one in REQUIRE_MESSAGE's lambda.
  for (const auto& setting : values)
    REQUIRE_MESSAGE(settings::set(store, setting.first, setting.second).empty(), setting.first);
}

inline bool log_mentions(store::JobStore& store, int64_t job_id, const std::string& text) {
  for (const auto& e : store.load_events(job_id))
    if (e.message.find(text) != std::string::npos) return true;
  return false;
}

// The model a request to /chat/completions asked for.
inline std::string model_of(const FakeOpenAiServer::Request& request) {
  return nlohmann::json::parse(request.body).value("model", "");
}

// One IdeaBlock element as a model writes it.
inline std::string ideablock_xml(const std::string& name, const std::string& answer,
                                 const std::string& tags = "IMPORTANT",
                                 const std::string& keywords = "retry") {
  return "<ideablock>\n  <name>" + name + "</name>\n  <critical_question>What is " + name +
         "?</critical_question>\n  <trusted_answer>" + answer + "</trusted_answer>\n  <tags>" + tags +
         "</tags>\n  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>\n"
         "  <keywords>" +
         keywords + "</keywords>\n</ideablock>\n";
}

// The fake server, a temporary folder and an engine with one worker whose settings were
// stored before it started (the engine reads them when a job starts).
struct EndpointEngine {
  FakeOpenAiServer server;
  TempDir dir;
  std::unique_ptr<Engine> engine;

  std::filesystem::path db() const { return dir / "blockify.db"; }

  // `overrides` replace or add to fast_endpoint_settings().
  void start(const std::map<std::string, std::string>& overrides = {}) {
    auto values = fast_endpoint_settings(server);
    for (const auto& [key, value] : overrides) values[key] = value;
    store_settings(db(), values);
    EngineOptions options = engine_options(db());
    options.watch_command_table = false;
    // A cancelled job becomes Cancelled when its worker stops, not when a grace period
    // runs out: tests of cancel then show the worker really stopped.
    options.cancel_grace_ms = kHangGuardMs * 2;
    engine = std::make_unique<Engine>(options);
  }

  int64_t create(const std::vector<std::string>& files, JobConfig config = {}) {
    config.backend = Backend::OpenAI;
    auto r = engine->submit(CreateJob{"Endpoint job", "endpoint", config, files}).get();
    REQUIRE(r.ok());
    return r.job_id;
  }

  // Runs a job with the offline blockifier (no model makes its IdeaBlocks; they are
  // embedded when embeddings.model is set) into `dataset`, to Completed, over `texts`,
  // each written to a file of its own: <prefix>0.md, <prefix>1.md, ...
  int64_t run_offline(const std::string& name, const std::string& dataset, const std::string& prefix,
                      const std::vector<std::string>& texts) {
    std::vector<std::string> files;
    for (size_t i = 0; i < texts.size(); ++i)
      files.push_back(dir.write(prefix + std::to_string(i) + ".md", texts[i]).string());
    JobConfig config;
    config.backend = Backend::Offline;
    auto r = engine->submit(CreateJob{name, dataset, config, files}).get();
    REQUIRE(r.ok());
    wait_for_status(*engine, r.job_id, JobStatus::Completed);
    return r.job_id;
  }
};

}  // namespace blockify::test
