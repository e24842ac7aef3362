// Whole-job throughput with the OpenAI-compatible backend: chunks per minute from
// CreateJob to Completed, through the real engine (extract, chunk, 16 requests in flight,
// storing blocks, MinHash + distill through the model, dataset), against an in-process
// fake server that answers every request after 50 ms. The client-only figure is in
// endpoint_bench; the gap between the two is what the engine adds around the requests.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/core/engine.h"
#include "engine/core/settings.h"
#include "engine/pipeline/text/chunk.h"
#include "engine/pipeline/extract/extract.h"
#include "engine/store/job_store.h"
// The fake server is our own test support code; benches only link blockify_engine.
#include "tests/support/fake_openai_server.cpp"

namespace {

using blockify::test::FakeOpenAiServer;
using Clock = std::chrono::steady_clock;

constexpr int kRuns = 3;
constexpr int kParallel = 16;
constexpr auto kServerDelay = std::chrono::milliseconds(50);
constexpr int kTargetChunks = 400;
constexpr int kSmallFiles = 160;

std::string word(std::mt19937& rng) {
  static const char* syllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "fe"};
  std::string w;
  int n = 2 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) w += syllables[rng() % 12];
  return w;
}

std::string sentence(std::mt19937& rng, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) s += (i ? " " : "") + word(rng);
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + ".";
}

// Paragraphs of ~1,800 characters: one chunk each at the default 2,000-character size.
std::string document(int paragraphs, unsigned seed) {
  std::mt19937 rng(seed);
  std::string text;
  for (int p = 0; p < paragraphs; ++p) {
    std::string para;
    while (para.size() < 1800) para += sentence(rng, 12) + " ";
    text += para + "\n\n";
  }
  return text;
}

std::string block_xml(const std::string& name, const std::string& answer) {
  return "<ideablock>\n  <name>" + name + "</name>\n  <critical_question>What about " + name +
         "?</critical_question>\n  <trusted_answer>" + answer +
         "</trusted_answer>\n  <tags>IMPORTANT</tags>\n"
         "  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>\n"
         "  <keywords>bench, throughput</keywords>\n</ideablock>\n";
}

// Three distinct ideas per chunk; every tenth chunk also repeats one common idea, so
// distill has a cluster to send to the model as a real document would.
FakeOpenAiServer::Response ingest_reply(int chunk, std::mt19937& rng) {
  std::string xml = "Here are the blocks:\n";
  for (int i = 0; i < 3; ++i)
    xml += block_xml("Idea " + std::to_string(chunk) + "." + std::to_string(i), sentence(rng, 25));
  if (chunk % 10 == 0)
    xml += block_xml("Retry Policy", "A failed job restarts from the beginning with the same configuration.");
  auto response = FakeOpenAiServer::chat_reply(xml, 300);
  response.delay = kServerDelay;
  return response;
}

struct RunResult {
  double seconds = 0;
  int64_t blocks = 0, blocks_before = 0;
  size_t requests = 0;
  size_t distill_requests = 0;
  bool completed = false;
};

// Writes `docs` as Markdown files into `dir`; returns their paths.
std::vector<std::string> write_files(const std::filesystem::path& dir, const std::vector<std::string>& docs) {
  std::vector<std::string> paths;
  for (size_t i = 0; i < docs.size(); ++i) {
    auto path = dir / ("doc" + std::to_string(i) + ".md");
    std::ofstream(path) << docs[i];
    paths.push_back(path.string());
  }
  return paths;
}

// Chunks as the job will count them (extracted, then chunked at the default size), so
// the server's script holds exactly one ingest reply per chunk and every later request
// (distill) gets the merged reply.
int count_chunks(const std::vector<std::string>& paths) {
  int chunks = 0;
  for (const auto& path : paths) {
    auto extracted = blockify::extract_file(path);
    chunks +=
        static_cast<int>(blockify::chunk_text(extracted.text, blockify::ChunkOptions{2000, 200}).size());
  }
  return chunks;
}

RunResult run_once(FakeOpenAiServer& server, const std::filesystem::path& dir,
                   const std::vector<std::string>& docs, int* chunks_out) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto files = write_files(dir, docs);
  const int chunks = count_chunks(files);
  *chunks_out = chunks;
  {
    blockify::store::JobStore store(dir / "blockify.db");
    blockify::settings::set(store, "endpoint.url", server.url());
    blockify::settings::set(store, "endpoint.parallel", std::to_string(kParallel));
    blockify::settings::set(store, "endpoint.timeout_s", "30");
  }
  std::mt19937 rng(11);
  for (int c = 0; c < chunks; ++c) server.push(ingest_reply(c, rng));
  size_t requests_before = server.request_count();

  blockify::EngineOptions options;
  options.database = dir / "blockify.db";
  options.workers = 1;
  blockify::Engine engine(options);
  auto start = Clock::now();
  blockify::JobConfig config;
  config.backend = blockify::Backend::OpenAI;
  auto created = engine.submit(blockify::CreateJob{"bench", "bench", config, files}).get();
  RunResult result;
  auto snap = engine.snapshot();
  for (;;) {
    snap = engine.wait_for_snapshot(snap->version, 100);
    const blockify::Job* job = nullptr;
    for (size_t i = 0; i < snap->jobs.slots(); ++i)
      if (snap->jobs.at(i) && snap->jobs.at(i)->id == created.job_id) job = snap->jobs.at(i).get();
    if (job && !blockify::is_active(job->status)) {
      result.completed = job->status == blockify::JobStatus::Completed;
      result.blocks = job->blocks;
      result.blocks_before = job->blocks_before_distill;
      if (!result.completed)
        std::printf("  job ended %s: %s\n", display_name(job->status), job->error.message.c_str());
      break;
    }
    if (Clock::now() - start > std::chrono::seconds(50)) {
      std::printf("  job did not finish within 50 s\n");
      break;
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  auto requests = server.requests();
  result.requests = requests.size() - requests_before;
  for (size_t i = requests_before; i < requests.size(); ++i)
    result.distill_requests +=
        requests[i].body.find("\"model\":\"blockify-distill\"") != std::string::npos ? 1 : 0;
  return result;
}

void report(const char* label, FakeOpenAiServer& server, const std::filesystem::path& dir,
            const std::vector<std::string>& docs) {
  std::vector<double> per_minute;
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  std::printf("%s: %zu Markdown file(s), %.0f KB\n", label, docs.size(), bytes / 1024.0);
  for (int r = 0; r < kRuns; ++r) {
    int chunks = 0;
    RunResult run = run_once(server, dir, docs, &chunks);
    double cpm = chunks / run.seconds * 60.0;
    per_minute.push_back(cpm);
    std::printf(
        "  run %d: %d chunks %s in %.2f s, %lld IdeaBlocks (%lld before distill), %zu requests (%zu distill)"
        "  %7.0f chunks/min\n",
        r + 1, chunks, run.completed ? "Completed" : "NOT completed", run.seconds,
        static_cast<long long>(run.blocks), static_cast<long long>(run.blocks_before), run.requests,
        run.distill_requests, cpm);
  }
  std::sort(per_minute.begin(), per_minute.end());
  std::printf("  whole job: median %.0f chunks/min (min %.0f, max %.0f)\n", per_minute[kRuns / 2],
              per_minute.front(), per_minute.back());
}

}  // namespace

int main() {
  FakeOpenAiServer server;
  // Distill requests (after every chunk) get one merged block, after the same delay.
  auto merged = FakeOpenAiServer::chat_reply(
      block_xml("Retry Policy", "Every failed job restarts from the beginning with its configuration."), 100);
  merged.delay = kServerDelay;
  server.set_default(merged);
  auto dir = std::filesystem::temp_directory_path() / ("endpoint_job_bench_" + std::to_string(::getpid()));

  std::printf(
      "endpoint_job_bench: whole jobs, endpoint.parallel=%d, fake server replies after %lld ms, %d runs; "
      "ceiling %d x 1 chunk / 50 ms = %.0f chunks/min\n",
      kParallel, static_cast<long long>(kServerDelay.count()), kRuns, kParallel,
      kParallel * 60.0 / (kServerDelay.count() / 1000.0));
  report("one large document", server, dir, {document(kTargetChunks, 7)});
  // Many small files: a chunk or two each, as a folder of notes would be.
  std::vector<std::string> notes;
  for (int i = 0; i < kSmallFiles; ++i) notes.push_back(document(1, 100 + static_cast<unsigned>(i)));
  report("many one-chunk files", server, dir, notes);
  std::filesystem::remove_all(dir);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
