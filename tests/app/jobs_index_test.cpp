// The jobs table's index follows the engine's table incrementally: after any mix of
// changes it shows exactly the rows, in exactly the order, a fresh build would, while
// touching only the rows that changed.
#include "app/gui/jobs_index.h"

#include <random>

#include "tests/app/headless_ui.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

constexpr TimeMs kNow = 1'700'000'500'000;

// The engine's side: a builder whose published tables share unchanged chunks.
struct LiveTable {
  JobTableBuilder builder;
  std::vector<Job> jobs;  // by slot; id 0 = deleted
  JobTable table;

  void add(Job job) {
    builder.append(std::make_shared<const Job>(job));
    jobs.push_back(std::move(job));
  }
  void change(size_t slot, const Job& job) {
    jobs[slot] = job;
    builder.set(slot, std::make_shared<const Job>(job));
  }
  void remove(size_t slot) {
    jobs[slot].id = 0;
    builder.set(slot, nullptr);
  }
  const JobTable& publish() {
    table = builder.publish();
    return table;
  }
};

std::vector<int64_t> shown_ids(const JobsIndex& index, const JobTable& table) {
  std::vector<int64_t> ids;
  for (size_t i = 0; i < index.size(); ++i) ids.push_back(table.at(index.slot(i))->id);
  return ids;
}

std::vector<int64_t> fresh_ids(const JobTable& table, const JobsQuery& query) {
  JobsIndex fresh;
  fresh.update(table, query, kNow);
  return shown_ids(fresh, table);
}

Job random_job(std::mt19937& rng, int64_t id) {
  static const JobStatus kStatuses[] = {JobStatus::Pending,   JobStatus::Processing, JobStatus::Cancelling,
                                        JobStatus::Completed, JobStatus::Failed,     JobStatus::Cancelled};
  Job job = make_job(id, kStatuses[rng() % 6], "Job " + std::to_string(rng() % 50));
  job.dataset = "set " + std::to_string(rng() % 7);
  job.blocks = static_cast<int64_t>(rng() % 20);
  job.files_total = static_cast<int>(rng() % 5);
  job.progress = static_cast<double>(rng() % 5) / 4.0;
  job.started_at = rng() % 3 == 0 ? 0 : kNow - static_cast<TimeMs>(rng() % 10) * 1000;
  return job;
}

}  // namespace

TEST_CASE("after random changes, every sort and filter shows what a fresh build shows") {
  const JobsSortKey keys[] = {JobsSortKey::Id,        JobsSortKey::Name,   JobsSortKey::Status,
                              JobsSortKey::Files,     JobsSortKey::Blocks, JobsSortKey::Progress,
                              JobsSortKey::TotalTime, JobsSortKey::Started};
  const StatusFilter filters[] = {StatusFilter::All, StatusFilter::Failed, StatusFilter::Processing};
  std::mt19937 rng(7);
  for (JobsSortKey key : keys) {
    for (StatusFilter filter : filters) {
      for (bool descending : {false, true}) {
        CAPTURE(static_cast<int>(key));
        CAPTURE(static_cast<int>(filter));
        CAPTURE(descending);
        LiveTable live;
        int64_t next_id = 1;
        for (int i = 0; i < 1500; ++i) live.add(random_job(rng, next_id++));
        JobsQuery query;
        query.sort = key;
        query.status = filter;
        query.descending = descending;
        query.search = key == JobsSortKey::Name ? "job 1" : "";
        JobsIndex index;
        index.update(live.publish(), query, kNow);
        for (int round = 0; round < 30; ++round) {
          // A few changes per round (a frame's worth), and now and then a burst (a bulk retry).
          int changes = round % 10 == 9 ? 120 : static_cast<int>(rng() % 4);
          for (int c = 0; c < changes; ++c) {
            size_t slot = rng() % live.jobs.size();
            int what = static_cast<int>(rng() % 10);
            if (what == 0) {
              live.remove(slot);
            } else if (what == 1) {
              live.add(random_job(rng, next_id++));
            } else if (live.jobs[slot].id != 0) {
              live.change(slot, random_job(rng, live.jobs[slot].id));
            }
          }
          const JobTable& table = live.publish();
          index.update(table, query, kNow);
          REQUIRE(shown_ids(index, table) == fresh_ids(table, query));
        }
        CHECK(index.rebuilds() == 1);  // everything after the first build was incremental
      }
    }
  }
}

TEST_CASE("100,000 jobs: a snapshot with two changed rows re-places two rows, not 100,000") {
  LiveTable live;
  for (int64_t id = 1; id <= 100'000; ++id)
    live.add(make_job(id, id % 10 < 6   ? JobStatus::Completed
                          : id % 10 < 9 ? JobStatus::Failed
                                        : JobStatus::Cancelled));
  JobsQuery query;
  query.sort = JobsSortKey::Status;
  JobsIndex index;
  index.update(live.publish(), query, kNow);
  REQUIRE(index.size() == 100'000);
  size_t placed = index.rows_placed();

  // Nothing changed: nothing is touched.
  CHECK_FALSE(index.update(live.publish(), query, kNow));
  CHECK(index.rows_placed() == placed);

  // Job 500 (Completed) fails; job 77,777 (Failed) is retried: two rows move.
  Job failed = live.jobs[499];
  failed.status = JobStatus::Failed;
  live.change(499, failed);
  Job retried = live.jobs[77'776];
  retried.status = JobStatus::Pending;
  live.change(77'776, retried);
  const JobTable& table = live.publish();
  CHECK(index.update(table, query, kNow));
  CHECK(index.rows_placed() == placed + 4);  // each taken out and put back
  CHECK(index.rebuilds() == 1);
  CHECK(shown_ids(index, table) == fresh_ids(table, query));
  CHECK(index.position_of(77'777) == 99'999);  // Pending sorts first; descending puts it last

  // A progress tick does not move a row when sorting by id.
  JobsQuery by_id;
  JobsIndex newest_first;
  newest_first.update(table, by_id, kNow);
  Job ticking = live.jobs[10];
  ticking.progress = 0.9;
  live.change(10, ticking);
  size_t before = newest_first.rows_placed();
  newest_first.update(live.publish(), by_id, kNow);
  CHECK(newest_first.rows_placed() == before);
}

TEST_CASE("deleted jobs leave the index at once, are reported, and lookups stay exact") {
  LiveTable live;
  for (int64_t id = 1; id <= 3000; ++id) live.add(make_job(id, JobStatus::Completed));
  JobsQuery query;
  JobsIndex index;
  index.update(live.publish(), query, kNow);
  for (size_t slot = 100; slot < 2900; ++slot) live.remove(slot);  // a long run of deleted rows
  const JobTable& table = live.publish();
  index.update(table, query, kNow);
  CHECK(index.size() == 200);
  CHECK(index.deleted().size() == 2800);
  CHECK(index.find(50) != nullptr);
  CHECK(index.find(150) == nullptr);
  REQUIRE(index.find(2950) != nullptr);
  CHECK(index.find(2950)->id == 2950);
  CHECK(index.position_of(3000) == 0);
  CHECK(index.position_of(2901) == 99);
  CHECK(index.position_of(100) == 100);
  CHECK(index.position_of(150) == -1);
  index.update(live.publish(), query, kNow);
  CHECK(index.deleted().empty());  // reported once
}

}  // namespace blockify::test
