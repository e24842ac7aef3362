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
inline void store_settings(const std::filesystem::path& db, const std::map<std::string, std::string>& values) {
  store::JobStore store(db);
  for (const auto& [key, value] : values) REQUIRE_MESSAGE(settings::set(store, key, value).empty(), key);
}

// The job's row in the latest snapshot that satisfies `ready`; fails the test at the deadline.
inline Job wait_for_job(Engine& engine, int64_t id, const std::function<bool(const Job&)>& ready,
                        const std::string& what, int timeout_ms = 10000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  SnapshotPtr snap = engine.snapshot();
  for (;;) {
    for (size_t i = 0; i < snap->jobs.slots(); ++i) {
      const auto& row = snap->jobs.at(i);
      if (row && row->id == id && ready(*row)) return *row;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      FAIL("job " << id << " never became " << what);
      return {};
    }
    snap = engine.wait_for_snapshot(snap->version, 100);
  }
}

inline Job wait_for_status(Engine& engine, int64_t id, JobStatus status, int timeout_ms = 10000) {
  return wait_for_job(
      engine, id, [status](const Job& j) { return j.status == status; }, display_name(status), timeout_ms);
}

// Polls `condition` every 10 ms until it holds or `timeout_ms` passes; returns it.
inline bool eventually(const std::function<bool()>& condition, int timeout_ms = 5000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
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
                                 const std::string& tags = "IMPORTANT", const std::string& keywords = "retry") {
  return "<ideablock>\n  <name>" + name + "</name>\n  <critical_question>What is " + name +
         "?</critical_question>\n  <trusted_answer>" + answer + "</trusted_answer>\n  <tags>" + tags +
         "</tags>\n  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>\n"
         "  <keywords>" + keywords + "</keywords>\n</ideablock>\n";
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
    EngineOptions options;
    options.database = db();
    options.workers = 1;
    options.watch_command_table = false;
    engine = std::make_unique<Engine>(options);
  }

  int64_t create(const std::vector<std::string>& files, JobConfig config = {}) {
    config.backend = Backend::OpenAI;
    auto r = engine->submit(CreateJob{"Endpoint job", "endpoint", config, files}).get();
    REQUIRE(r.ok());
    return r.job_id;
  }
};

}  // namespace blockify::test
