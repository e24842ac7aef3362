// Exact vector search and vector storage: the nearest blocks by cosine, the same as a
// brute-force recount whatever the thread count; vectors stored per block survive a
// reopen, a database of schema 4 gains the vector columns, and the search cache reads a
// dataset again only after its vectors changed.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "engine/pipeline/vector_search.h"
#include "engine/store/schema.h"
#include "engine/store/vector_cache.h"
#include "tests/support/old_schema.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::TempDir;

namespace {

std::vector<float> random_vector(std::mt19937& rng, size_t dims) {
  std::normal_distribution<float> normal;
  std::vector<float> v(dims);
  for (float& x : v) x = normal(rng);
  return v;
}

int64_t add_job_with_blocks(store::JobStore& s, const std::string& dataset, int n,
                            std::vector<IdeaBlock>& blocks) {
  Job job;
  job.name = "job";
  job.dataset = dataset;
  job.created_at = 1;
  s.insert_job(job);
  blocks.assign(static_cast<size_t>(n), IdeaBlock{});
  for (int i = 0; i < n; ++i) {
    blocks[i].name = "block " + std::to_string(i);
    blocks[i].critical_question = "Q?";
    blocks[i].trusted_answer = "A.";
  }
  s.insert_blocks(job.id, dataset, 1, blocks);
  return job.id;
}

}  // namespace

TEST_CASE(
    "exact search returns the same nearest blocks as a brute-force recount, with one thread or several") {
  std::mt19937 rng(7);
  const size_t dims = 37;  // not a multiple of the SIMD width: the tail is scored too
  std::vector<std::vector<float>> rows;
  VectorMatrix matrix(dims);
  for (int i = 0; i < 70'000; ++i) {
    rows.push_back(random_vector(rng, dims));
    matrix.add(1000 + i, rows.back());
  }
  for (int q = 0; q < 3; ++q) {
    auto query = random_vector(rng, dims);
    std::vector<std::pair<float, int64_t>> expected;
    for (size_t i = 0; i < rows.size(); ++i)
      expected.emplace_back(cosine(rows[i], query), 1000 + static_cast<int64_t>(i));
    std::sort(expected.begin(), expected.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (unsigned threads : {1u, 2u, 3u}) {
      auto hits = nearest_vectors(matrix, query, 10, threads);
      REQUIRE(hits.size() == 10);
      for (size_t k = 0; k < 10; ++k) {
        CHECK(hits[k].block_id == expected[k].second);
        CHECK(hits[k].score == doctest::Approx(expected[k].first).epsilon(1e-4));
      }
    }
  }
}

TEST_CASE(
    "a query of the wrong length or all zeros finds nothing; asking for more than there is returns all") {
  VectorMatrix matrix(3);
  matrix.add(1, std::vector<float>{1, 0, 0});
  matrix.add(2, std::vector<float>{0, 1, 0});
  CHECK(nearest_vectors(matrix, std::vector<float>{1, 0}, 5).empty());
  CHECK(nearest_vectors(matrix, std::vector<float>{0, 0, 0}, 5).empty());
  auto hits = nearest_vectors(matrix, std::vector<float>{0.1f, 2, 0}, 5);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].block_id == 2);
  CHECK(hits[1].block_id == 1);
}

TEST_CASE("a vector is stored as 4 little-endian bytes per float and read back unchanged") {
  std::vector<float> v{1.0f, -2.5f, 0.0f, 3.25e-7f};
  std::string bytes = encode_vector(v);
  REQUIRE(bytes.size() == 16);
  CHECK(static_cast<unsigned char>(bytes[3]) == 0x3f);  // 1.0f = 0x3f800000, low byte first
  CHECK(static_cast<unsigned char>(bytes[2]) == 0x80);
  CHECK(decode_vector(bytes) == v);
  CHECK(decode_vector("abc").empty());
}

TEST_CASE(
    "block vectors survive a reopen, with the dataset's model and dimension; merged blocks are not "
    "searched") {
  TempDir dir;
  std::vector<IdeaBlock> blocks;
  {
    store::JobStore s(dir / "v.db");
    add_job_with_blocks(s, "manuals", 3, blocks);
    s.set_dataset_vector_model("manuals", "nomic-embed", 2);
    s.put_block_vectors("manuals", {{blocks[0].id, {1, 0}}, {blocks[1].id, {0, 1}}, {blocks[2].id, {1, 1}}});
    s.set_merged_into(blocks[2].id, blocks[0].id);
  }
  store::JobStore s(dir / "v.db");
  auto info = s.dataset_vectors("manuals");
  CHECK(info.model == "nomic-embed");
  CHECK(info.dimensions == 2);
  CHECK_FALSE(info.stale);
  CHECK(info.count == 2);
  CHECK(s.block_vector(blocks[1].id) == std::vector<float>{0, 1});
  VectorMatrix m = s.load_dataset_vectors("manuals");
  REQUIRE(m.rows() == 2);
  CHECK(m.block_id(0) == blocks[0].id);
  CHECK(m.block_id(1) == blocks[1].id);
  s.mark_vectors_stale("manuals");
  CHECK(s.dataset_vectors("manuals").stale);
  s.delete_job(1);
  CHECK(s.dataset_vectors("manuals").count == 0);
  auto left = s.db().prepare("SELECT COUNT(*) FROM block_vectors");
  REQUIRE(left.step());
  CHECK(left.int64(0) == 0);  // deleting a job deletes its blocks' vectors
}

TEST_CASE("a schema 4 database gains vector storage and keeps its blocks") {
  TempDir dir;
  std::vector<IdeaBlock> blocks;
  {
    store::JobStore s(dir / "old.db");
    add_job_with_blocks(s, "old", 2, blocks);
    // What a build before schema 5 left on disk.
    s.db().exec(test::kDropSchema5);
    s.db().set_user_version(4);
  }
  store::JobStore s(dir / "old.db");
  CHECK(s.db().user_version() == store::kSchemaVersion);
  CHECK(s.load_dataset_blocks("old").size() == 2);
  auto info = s.dataset_vectors("old");
  CHECK(info.model.empty());
  CHECK(info.count == 0);
  s.set_dataset_vector_model("old", "m", 3);
  s.put_block_vectors("old", {{blocks[0].id, {1, 2, 3}}});
  CHECK(s.dataset_vectors("old").count == 1);
}

TEST_CASE("the search cache reads a dataset once, and again only after its vectors changed") {
  TempDir dir;
  store::JobStore s(dir / "c.db");
  std::vector<IdeaBlock> blocks;
  add_job_with_blocks(s, "d", 3, blocks);
  s.set_dataset_vector_model("d", "m", 2);
  s.put_block_vectors("d", {{blocks[0].id, {1, 0}}, {blocks[1].id, {0, 1}}});
  store::DatasetVectorCache cache;
  auto first = cache.matrix(s, "d");
  CHECK(first->rows() == 2);
  CHECK(cache.matrix(s, "d") == first);
  CHECK(cache.loads() == 1);

  s.put_block_vectors("d", {{blocks[2].id, {1, 1}}});
  CHECK(cache.matrix(s, "d")->rows() == 3);
  CHECK(cache.loads() == 2);

  s.set_merged_into(blocks[1].id, blocks[0].id);  // a merge takes a block out of the search
  CHECK(cache.matrix(s, "d")->rows() == 2);
  CHECK(cache.loads() == 3);
  CHECK(first->rows() == 2);  // a search still holding the old matrix keeps it intact
}
