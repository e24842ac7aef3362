// Dataset totals are kept by triggers instead of counted on every publish: they must stay
// equal to a fresh recount through everything that adds, merges, unmerges and deletes
// blocks and jobs. Block search goes through the FTS5 index.
#include <doctest/doctest.h>

#include <map>

#include "engine/store/job_store.h"
#include "tests/support/old_schema.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::TempDir;

namespace {

struct Totals {
  int64_t blocks = 0, jobs = 0;
  bool operator==(const Totals&) const = default;
};

std::map<std::string, Totals> kept(store::JobStore& s) {
  std::map<std::string, Totals> out;
  for (const auto& d : s.list_datasets()) out[d.name] = {d.blocks, d.jobs};
  return out;
}

std::map<std::string, Totals> recounted(store::JobStore& s) {
  std::map<std::string, Totals> out;
  auto names = s.db().prepare("SELECT name FROM datasets");
  while (names.step()) out[names.text(0)] = {};
  auto blocks = s.db().prepare("SELECT dataset, COUNT(*) FROM blocks WHERE merged_into=0 GROUP BY dataset");
  while (blocks.step()) out[blocks.text(0)].blocks = blocks.int64(1);
  auto jobs = s.db().prepare("SELECT dataset, COUNT(*) FROM jobs GROUP BY dataset");
  while (jobs.step()) out[jobs.text(0)].jobs = jobs.int64(1);
  return out;
}

int64_t add_job(store::JobStore& s, const std::string& dataset) {
  Job job;
  job.name = "job";
  job.dataset = dataset;
  job.created_at = 1;
  s.insert_job(job);
  return job.id;
}

std::vector<IdeaBlock> add_blocks(store::JobStore& s, int64_t job, const std::string& dataset, int n,
                                  const std::string& word) {
  std::vector<IdeaBlock> blocks(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    blocks[i].name = word + " block " + std::to_string(i);
    blocks[i].critical_question = "What is " + word + "?";
    blocks[i].trusted_answer = "The answer about " + word + " number " + std::to_string(i) + ".";
    blocks[i].file_id = 1 + i % 2;
  }
  s.insert_blocks(job, dataset, 1, blocks);
  return blocks;
}

}  // namespace

TEST_CASE("dataset totals equal a fresh recount through create, finish, retry, distill merge and delete") {
  TempDir dir;
  store::JobStore s(dir / "totals.db");
  sql::Transaction txn(s.db());
  int64_t a = add_job(s, "manuals");
  int64_t b = add_job(s, "manuals");
  int64_t c = add_job(s, "contracts");
  CHECK(kept(s) == recounted(s));
  CHECK(kept(s)["manuals"] == Totals{0, 2});

  // Finishing jobs stores their blocks.
  auto blocks_a = add_blocks(s, a, "manuals", 10, "alpha");
  add_blocks(s, b, "manuals", 4, "beta");
  add_blocks(s, c, "contracts", 7, "gamma");
  CHECK(kept(s) == recounted(s));
  CHECK(kept(s)["manuals"] == Totals{14, 2});

  // Distill merges three of a's blocks into the first, then a new pass clears and redoes it.
  for (int i = 1; i <= 3; ++i) s.set_merged_into(blocks_a[i].id, blocks_a[0].id);
  CHECK(kept(s) == recounted(s));
  CHECK(kept(s)["manuals"].blocks == 11);
  s.clear_merges(a);
  CHECK(kept(s)["manuals"].blocks == 14);
  blocks_a[5].merged_into = blocks_a[0].id;
  s.update_block_content(blocks_a[5]);
  CHECK(kept(s) == recounted(s));

  // A resume redoes one file; a fresh retry drops all of a job's blocks.
  s.delete_blocks_of_file(a, 2);
  CHECK(kept(s) == recounted(s));
  s.delete_blocks(b);
  CHECK(kept(s) == recounted(s));

  // Deleting a job cascades to its blocks; the triggers see the cascade.
  s.delete_job(c);
  CHECK(kept(s) == recounted(s));
  CHECK(kept(s)["contracts"] == Totals{0, 0});
  s.delete_job(a);
  CHECK(kept(s) == recounted(s));
  CHECK(kept(s)["manuals"] == Totals{0, 1});
  txn.commit();
}

TEST_CASE("a database of schema 2 gets its totals and search index when migrated") {
  TempDir dir;
  auto path = dir / "old.db";
  {
    store::JobStore s(path);
    int64_t job = add_job(s, "old");
    add_blocks(s, job, "old", 5, "legacy");
    // Back to what a schema-2 build wrote: no totals, no index, no triggers.
    s.db().exec(test::kDropSchema5);
    s.db().exec(
        "DROP TRIGGER jobs_count_insert; DROP TRIGGER jobs_count_delete; DROP TRIGGER blocks_count_insert; "
        "DROP TRIGGER blocks_count_delete; DROP TRIGGER blocks_count_merge; DROP TRIGGER blocks_fts_insert; "
        "DROP TRIGGER blocks_fts_delete; DROP TRIGGER blocks_fts_update; DROP TABLE blocks_fts; "
        "ALTER TABLE datasets DROP COLUMN blocks; ALTER TABLE datasets DROP COLUMN jobs; "
        "DROP INDEX blocks_dataset; CREATE INDEX blocks_dataset ON blocks(dataset, id); "
        "ALTER TABLE job_files DROP COLUMN encoding;");
    s.db().set_user_version(2);
  }
  store::JobStore s(path);
  CHECK(kept(s)["old"] == Totals{5, 1});
  CHECK(s.load_dataset_blocks("old", "legacy").size() == 5);
}

TEST_CASE("block search finds words by prefix, in any order, and takes search syntax literally") {
  TempDir dir;
  store::JobStore s(dir / "search.db");
  int64_t job = add_job(s, "d");
  add_blocks(s, job, "d", 3, "retry");
  add_blocks(s, job, "d", 2, "cancel");
  int64_t other = add_job(s, "e");
  add_blocks(s, other, "e", 4, "retry");

  CHECK(s.load_dataset_blocks("d", "retry").size() == 3);          // only this dataset
  CHECK(s.load_dataset_blocks("d", "retr").size() == 3);           // the last word is a prefix
  CHECK(s.load_dataset_blocks("d", "answer cancel").size() == 2);  // every word, any field
  CHECK(s.load_dataset_blocks("d", "CANCEL").size() == 2);         // case-insensitive
  CHECK(s.load_dataset_blocks("d", "nothing-like-this").empty());
  CHECK(s.load_dataset_blocks("d", "\"retry\" AND *").empty());  // no FTS syntax error
  CHECK(s.load_dataset_blocks("d", "").size() == 5);
  // Paging walks the same order.
  auto first = s.load_dataset_blocks("d", "", 0, 2);
  auto second = s.load_dataset_blocks("d", "", 2, 2);
  REQUIRE(first.size() == 2);
  REQUIRE(second.size() == 2);
  CHECK(first[1].id < second[0].id);
}
