// How times read in the table: relative start times and durations.
#include "app/gui/time_text.h"

#include <doctest/doctest.h>

namespace blockify {
using namespace blockify::gui;

TEST_CASE("start times read relative to now") {
  TimeMs now = 1'700'000'000'000;
  CHECK(relative_time(0, now) == "—");
  CHECK(relative_time(now - 20'000, now) == "just now");
  CHECK(relative_time(now + 5'000, now) == "just now");  // a clock a little ahead
  CHECK(relative_time(now - 3 * 60'000, now) == "3 min ago");
  CHECK(relative_time(now - 2 * 3'600'000 - 60'000, now) == "2 h ago");
  CHECK(relative_time(now - 30 * 3'600'000, now) == "yesterday");
  CHECK(relative_time(now - 10LL * 86'400'000, now).size() == 10);  // a date: 2023-11-04
}

TEST_CASE("durations read at a sensible precision") {
  CHECK(duration_text(40) == "< 0.1 s");
  CHECK(duration_text(400) == "0.4 s");
  CHECK(duration_text(42'000) == "42 s");
  CHECK(duration_text(185'000) == "3 min 05 s");
  CHECK(duration_text(2 * 3'600'000 + 14 * 60'000) == "2 h 14 min");
  CHECK(thousands(1'234'567) == "1,234,567");
  CHECK(thousands(999) == "999");
}

TEST_CASE("total time: finished − started, running jobs count to now, queued jobs show a dash") {
  Job job;
  job.status = JobStatus::Completed;
  job.started_at = 1'000'000;
  job.finished_at = 1'065'000;
  CHECK(total_time_text(job, 9'999'999) == "1 min 05 s");
  job.status = JobStatus::Processing;
  job.finished_at = 0;
  CHECK(total_time_text(job, 1'030'000) == "30 s");
  job.status = JobStatus::Pending;  // retried: the new attempt has not started
  CHECK(total_time_text(job, 1'030'000) == "—");
  job.started_at = 0;
  job.status = JobStatus::Failed;
  CHECK(total_time_text(job, 1'030'000) == "—");
}

}  // namespace blockify
