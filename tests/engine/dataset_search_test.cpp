// A dataset with vectors, made by a real job against the fake embeddings server: JSONL
// exports stream every row with its vector, XML stays as it was, and search by meaning
// finds the block a question is about first; without vectors search falls back to words
// and says so.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/jobs/dataset_search.h"
#include "engine/pipeline/export.h"
#include "tests/support/engine_endpoint_fixture.h"
#include "tests/support/fake_embeddings.h"
#include "tests/support/sample_text.h"

using namespace blockify;
using namespace blockify::test;

namespace {

constexpr int kDims = 64;

// Runs one offline job of the three office policies, a file each, into `dataset` (embedded
// when embeddings.model is set).
int64_t run_job(EndpointEngine& e, const std::string& dataset) {
  return e.run_offline("Policies", dataset, dataset, kOfficePolicies);
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ExportResult export_dataset(store::JobStore& store, const std::string& dataset, ExportFormat format,
                            const std::filesystem::path& out) {
  return export_stream(
      [&](const ExportVisit& visit) { store.for_each_dataset_block_with_vector(dataset, visit); }, dataset,
      format, out);
}

}  // namespace

TEST_CASE(
    "JSONL rows carry the vector of the dataset's dimension and the text it was made from; XML is "
    "unchanged") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start({{"embeddings.model", "bow"}});
  run_job(e, "policies");
  store::JobStore store(e.db());
  auto blocks = store.load_dataset_blocks("policies");
  REQUIRE_FALSE(blocks.empty());

  auto jsonl = e.dir / "policies.jsonl";
  ExportResult r = export_dataset(store, "policies", ExportFormat::Jsonl, jsonl);
  REQUIRE(r.ok());
  CHECK(r.blocks_written == blocks.size());
  std::ifstream in(jsonl);
  size_t rows = 0;
  for (std::string line; std::getline(in, line); ++rows) {
    auto row = nlohmann::json::parse(line);
    REQUIRE(row["vector"].size() == static_cast<size_t>(kDims));
    CHECK(row["text"] == embedding_text(blocks[rows]));
    CHECK(row["id"] == blocks[rows].id);
    CHECK(row["vector"].get<std::vector<float>>() ==
          bag_of_words_vector(embedding_text(blocks[rows]), kDims));
  }
  CHECK(rows == blocks.size());

  auto xml = e.dir / "policies.xml";
  REQUIRE(export_dataset(store, "policies", ExportFormat::Xml, xml).ok());
  CHECK(read_all(xml) == render_blocks(blocks, "policies", ExportFormat::Xml));
}

TEST_CASE("a streamed export of a dataset without vectors is the same file as before") {
  EndpointEngine e;
  e.start();
  run_job(e, "plain");
  store::JobStore store(e.db());
  auto blocks = store.load_dataset_blocks("plain");
  for (ExportFormat format : {ExportFormat::Jsonl, ExportFormat::Xml, ExportFormat::Markdown}) {
    auto out = e.dir / (std::string("plain.") + to_string(format));
    REQUIRE(export_dataset(store, "plain", format, out).ok());
    CHECK(read_all(out) == render_blocks(blocks, "plain", format));
  }
}

TEST_CASE("a streamed export stops before it would fill the disk and leaves the old file as it was") {
  EndpointEngine e;
  e.start();
  run_job(e, "full");
  store::JobStore store(e.db());
  auto out = e.dir.write("full.jsonl", "old export\n");
  // Room for the 1 MB margin and a few bytes more: the first block does not fit.
  ExportResult r = export_stream(
      [&](const ExportVisit& visit) { store.for_each_dataset_block_with_vector("full", visit); }, "full",
      ExportFormat::Jsonl, out, [](const std::filesystem::path&) { return int64_t{(1 << 20) + 10}; });
  CHECK(r.error.code == error_code::kDiskFull);
  CHECK(r.error.message.find("stopped before it would fill the disk") != std::string::npos);
  CHECK(read_all(out) == "old export\n");
}

TEST_CASE(
    "search by meaning returns the block a question is about first, embedded with the dataset's model") {
  EndpointEngine e;
  serve_bag_of_words(e.server, kDims);
  e.start({{"embeddings.model", "bow"}});
  int64_t job = run_job(e, "policies");
  store::JobStore store(e.db());
  store::DatasetVectorCache cache;
  auto blocks = store.load_dataset_blocks("policies");
  REQUIRE(blocks.size() >= 2);
  const IdeaBlock& wanted = blocks.back();

  auto result = search_dataset(store, cache, "policies", embedding_text(wanted), 3, true);
  REQUIRE(result.error.empty());
  CHECK(result.by_meaning);
  CHECK(result.note.empty());
  REQUIRE_FALSE(result.hits.empty());
  CHECK(result.hits[0].block.id == wanted.id);
  CHECK(result.hits[0].score == doctest::Approx(1.0).epsilon(1e-5));
  CHECK(result.hits[0].job_id == job);
  CHECK(result.hits[0].block.source_file.find("policies2.md") != std::string::npos);
  CHECK(model_of(e.server.requests().back()) == "bow");

  // The settings' model changed since: the query still goes to the dataset's own model.
  REQUIRE(settings::set(store, "embeddings.model", "other").empty());
  result = search_dataset(store, cache, "policies", embedding_text(wanted), 1, true);
  REQUIRE(result.error.empty());
  CHECK(result.hits[0].block.id == wanted.id);
  CHECK(model_of(e.server.requests().back()) == "bow");
  CHECK(cache.loads() == 1);  // the vectors were read once
}

TEST_CASE("a dataset without vectors is searched by words, and the result says so") {
  EndpointEngine e;
  e.start();
  run_job(e, "plain");
  store::JobStore store(e.db());
  store::DatasetVectorCache cache;
  auto result = search_dataset(store, cache, "plain", "badge", 5, true);
  REQUIRE(result.error.empty());
  CHECK_FALSE(result.by_meaning);
  CHECK(result.note.find("searched by words") != std::string::npos);
  REQUIRE_FALSE(result.hits.empty());
  bool mentions_badge = false;
  for (const auto& hit : result.hits)
    mentions_badge |= (hit.block.name + hit.block.trusted_answer).find("adge") != std::string::npos;
  CHECK(mentions_badge);
  CHECK(e.server.request_count() == 0);
  CHECK(search_dataset(store, cache, "nope", "x", 5, true).error.message == "There is no dataset \"nope\".");
}
