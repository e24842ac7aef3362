// Endpoint throughput: chunks per minute through blockify_via_endpoint against an
// in-process fake server that answers each request after ~50 ms with 3 IdeaBlocks, at 1,
// 4 and 16 parallel requests. Shows whether the client adds overhead beyond the model's
// own latency and whether parallel requests scale.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "engine/pipeline/endpoint/endpoint.h"
// The fake server is our own test support code; benches only link blockify_engine.
#include "tests/support/fake_openai_server.cpp"

namespace {

using blockify::EndpointSettings;
using blockify::test::FakeOpenAiServer;
using Clock = std::chrono::steady_clock;

constexpr int kRuns = 3;

std::string three_blocks() {
  std::string xml = "Here are the blocks:\n";
  for (int i = 1; i <= 3; ++i) {
    xml += "<ideablock>\n  <name>Idea " + std::to_string(i) +
           "</name>\n"
           "  <critical_question>What does idea " +
           std::to_string(i) +
           " say?</critical_question>\n"
           "  <trusted_answer>It says something worth keeping about the document &amp; its "
           "context.</trusted_answer>\n"
           "  <tags>IMPORTANT, PROCESS</tags>\n"
           "  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>\n"
           "  <keywords>idea, bench, throughput</keywords>\n</ideablock>\n";
  }
  return xml;
}

std::string sample_chunk() {
  std::string chunk;
  while (chunk.size() < 2000) chunk += "A job that failed can be retried from the job row with one click. ";
  return chunk;
}

struct RunResult {
  double chunks_per_minute = 0;
  double mean_latency_ms = 0;
  int failures = 0;
};

RunResult run_once(const EndpointSettings& settings, int parallel, int chunks) {
  const std::string chunk = sample_chunk();
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  std::atomic<int64_t> latency_us{0};
  auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < parallel; ++w) {
    workers.emplace_back([&] {
      while (next.fetch_add(1) < chunks) {
        auto reply = blockify::blockify_via_endpoint(settings, chunk);
        if (!reply.error.empty() || reply.blocks.size() != 3) ++failures;
        latency_us += static_cast<int64_t>(reply.latency_s * 1e6);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return {chunks / seconds * 60.0, latency_us.load() / 1000.0 / chunks, failures.load()};
}

void report(const char* label, const EndpointSettings& settings, int parallel, int chunks) {
  std::vector<RunResult> runs;
  for (int r = 0; r < kRuns; ++r) runs.push_back(run_once(settings, parallel, chunks));
  std::sort(runs.begin(), runs.end(),
            [](const RunResult& a, const RunResult& b) { return a.chunks_per_minute < b.chunks_per_minute; });
  int failures = 0;
  for (const auto& run : runs) failures += run.failures;
  std::printf(
      "%-22s parallel=%2d chunks/run=%4d  median %8.0f chunks/min  (min %8.0f, max %8.0f)  "
      "mean latency %6.1f ms  failures %d\n",
      label, parallel, chunks, runs[kRuns / 2].chunks_per_minute, runs.front().chunks_per_minute,
      runs.back().chunks_per_minute, runs[kRuns / 2].mean_latency_ms, failures);
}

}  // namespace

int main() {
  FakeOpenAiServer server;
  auto response = FakeOpenAiServer::chat_reply(three_blocks(), 300);
  response.delay = std::chrono::milliseconds(50);
  server.set_default(response);
  EndpointSettings settings;
  settings.url = server.url();
  settings.api_key = "sk-bench";
  settings.timeout_s = 30;

  std::printf("endpoint_bench: fake server at %s, 2,000-character chunks, %d runs each, median shown\n",
              server.url().c_str(), kRuns);
  for (int parallel : {1, 4, 16}) report("50 ms server delay", settings, parallel, 40 * parallel);

  // Without the delay the figure is the client's own per-request cost (HTTP + JSON + XML).
  auto instant = FakeOpenAiServer::chat_reply(three_blocks(), 300);
  server.set_default(instant);
  report("no server delay", settings, 1, 400);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
