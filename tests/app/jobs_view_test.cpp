// The Jobs table: which actions each status offers, what clicking them posts, filters,
// keyboard, and that 100,000 jobs cost only the visible rows per frame.
#include "app/gui/jobs_view.h"

#include <imgui.h>

#include "app/gui/delete_confirm.h"
#include "app/gui/keys.h"
#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

using JobsFixture = JobsTableHost;

}  // namespace

TEST_CASE("a Failed row offers Retry, and clicking it posts a fresh RetryJob for that job") {
  JobsFixture f({make_job(6, JobStatus::Completed), make_job(7, JobStatus::Failed)});
  f.frame();
  CHECK(f.ui.rects.has("retry/7"));
  CHECK(f.ui.rects.has("view/7"));
  f.click("retry/7");
  auto retry = f.sink.only<RetryJob>();
  CHECK(retry.job_id == 7);
  CHECK(retry.kind == AttemptKind::Fresh);
}

TEST_CASE("Completed and Processing rows show no Retry; Pending and Processing rows show Cancel") {
  JobsFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Processing),
                 make_job(3, JobStatus::Pending), make_job(4, JobStatus::Cancelled),
                 make_job(5, JobStatus::Cancelling)});
  f.frame();
  CHECK_FALSE(f.ui.rects.has("retry/1"));
  CHECK_FALSE(f.ui.rects.has("retry/2"));
  CHECK_FALSE(f.ui.rects.has("retry/3"));
  CHECK(f.ui.rects.has("retry/4"));
  CHECK_FALSE(f.ui.rects.has("retry/5"));
  CHECK_FALSE(f.ui.rects.has("cancel/1"));
  CHECK(f.ui.rects.has("cancel/2"));
  CHECK(f.ui.rects.has("cancel/3"));
  CHECK_FALSE(f.ui.rects.has("cancel/4"));
  CHECK_FALSE(f.ui.rects.has("cancel/5"));  // already cancelling
  for (int id = 1; id <= 5; ++id) CHECK(f.ui.rects.has("view/" + std::to_string(id)));
}

TEST_CASE("clicking Cancel on a Processing row posts CancelJob") {
  JobsFixture f({make_job(2, JobStatus::Processing)});
  f.frame();
  f.click("cancel/2");
  auto cancel = f.sink.only<CancelJob>();
  CHECK(cancel.job_id == 2);
  CHECK(f.sink.all<RetryJob>().empty());
}

TEST_CASE("after a retry the next snapshot's Pending row shows Cancel and no Retry") {
  JobsFixture f({make_job(7, JobStatus::Failed)});
  f.frame();
  f.click("retry/7");
  REQUIRE(f.sink.all<RetryJob>().size() == 1);
  Job pending = make_job(7, JobStatus::Pending);
  pending.progress = 0;
  f.snap = make_snapshot({pending}, 2);
  f.frame();
  CHECK_FALSE(f.ui.rects.has("retry/7"));
  CHECK(f.ui.rects.has("cancel/7"));
}

TEST_CASE("a double click on Cancel does not retry the job it just cancelled") {
  JobsFixture f({make_job(4, JobStatus::Processing)});
  f.frame();
  f.click("cancel/4");
  REQUIRE(f.sink.all<CancelJob>().size() == 1);
  f.snap = make_snapshot({make_job(4, JobStatus::Cancelled)}, 2);  // Retry now sits where Cancel was
  f.time_s += 0.1;
  f.click("retry/4");
  CHECK(f.sink.all<RetryJob>().empty());
  f.time_s += 1.0;  // a deliberate click later does retry
  f.click("retry/4");
  CHECK(f.sink.all<RetryJob>().size() == 1);
}

TEST_CASE("a Pending job waiting for an automatic retry shows its countdown") {
  Job waiting = make_job(3, JobStatus::Pending);
  JobsFixture f({waiting});
  waiting.retry_at = f.now + 8'000;
  f.snap = make_snapshot({waiting});
  f.frame();
  CHECK(f.ui.rects.text("auto-retry/3") == "retry in 8.0 s");
  CHECK(f.state.animating);
}

TEST_CASE("the Failed filter shows only failed rows") {
  JobsFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed),
                 make_job(3, JobStatus::Processing), make_job(4, JobStatus::Failed)});
  f.jobs.query.status = StatusFilter::Failed;
  f.frame();
  CHECK(f.ui.rects.count_prefix("row/") == 2);
  CHECK(f.ui.rects.has("row/2"));
  CHECK(f.ui.rects.has("row/4"));
  CHECK_FALSE(f.ui.rects.has("row/1"));
}

TEST_CASE("choosing Failed in the status combo filters the table") {
  JobsFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed)});
  f.frame();
  f.click("filter-status");
  f.frame();  // a popup settles its position on its second frame
  f.click("filter-status/Failed");
  f.frame();
  CHECK(f.jobs.query.status == StatusFilter::Failed);
  CHECK(f.ui.rects.count_prefix("row/") == 1);
  CHECK(f.ui.rects.has("row/2"));
}

TEST_CASE("Active shows only jobs still in flight; search matches names case-insensitively") {
  JobsFixture f({make_job(1, JobStatus::Completed, "Q3 manuals"),
                 make_job(2, JobStatus::Processing, "Support notes"),
                 make_job(3, JobStatus::Pending, "q3 pricing")});
  f.frame();
  f.click("filter-active");
  f.frame();
  CHECK(f.ui.rects.count_prefix("row/") == 2);
  CHECK_FALSE(f.ui.rects.has("row/1"));
  f.click("filter-all");
  f.jobs.query.search = "Q3";
  f.frame();
  CHECK(f.ui.rects.count_prefix("row/") == 2);
  CHECK(f.ui.rects.has("row/1"));
  CHECK(f.ui.rects.has("row/3"));
}

TEST_CASE("rows are newest first by default") {
  JobsFixture f(
      {make_job(1, JobStatus::Completed), make_job(2, JobStatus::Completed), make_job(3, JobStatus::Failed)});
  f.frame();
  f.frame();
  CHECK(f.ui.rects.find("row/3")->y < f.ui.rects.find("row/2")->y);
  CHECK(f.ui.rects.find("row/2")->y < f.ui.rects.find("row/1")->y);
}

TEST_CASE("clicking a row selects it and focuses its detail") {
  JobsFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed)});
  f.frame();
  f.click("row/1");
  CHECK(f.state.selected_job == 1);
  auto focus = f.sink.only<FocusJob>();
  CHECK(focus.job_id == 1);
  CHECK_FALSE(f.state.detail_open);
  f.click("view/2");
  CHECK(f.state.selected_job == 2);
  CHECK(f.state.detail_open);
}

TEST_CASE("double-clicking a row opens its detail") {
  JobsFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed)});
  f.frame();
  f.click("row/1");
  CHECK_FALSE(f.state.detail_open);
  ImGuiIO& io = ImGui::GetIO();
  io.MouseDown[0] = true;  // the second click of the double click, 4 frames after the first
  f.frame();
  io.MouseDown[0] = false;
  f.frame();
  CHECK(f.state.selected_job == 1);
  CHECK(f.state.detail_open);
}

TEST_CASE("keyboard: R retries the selected failed job, and does nothing for a completed one") {
  JobsFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed)});
  f.state.selected_job = 2;
  f.frame();
  f.ui.press_key(keys::kR, f.drawer());
  auto retry = f.sink.only<RetryJob>();
  CHECK(retry.job_id == 2);
  f.sink.clear();
  f.state.selected_job = 1;
  f.ui.press_key(keys::kR, f.drawer());
  CHECK(f.sink.all<RetryJob>().empty());
}

TEST_CASE("keyboard: Down and Up move the selection through the shown rows") {
  JobsFixture f(
      {make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed), make_job(3, JobStatus::Pending)});
  f.frame();
  f.ui.press_key(kKeyDown, f.drawer());
  CHECK(f.state.selected_job == 3);  // newest first
  f.ui.press_key(kKeyDown, f.drawer());
  CHECK(f.state.selected_job == 2);
  f.ui.press_key(kKeyUp, f.drawer());
  CHECK(f.state.selected_job == 3);
}

TEST_CASE("keyboard: Delete asks first; a Processing job is cancelled then deleted") {
  JobsFixture f({make_job(4, JobStatus::Processing)});
  f.state.selected_job = 4;
  f.frame();
  f.ui.press_key(kKeyDelete, f.drawer());
  CHECK(f.sink.all<DeleteJob>().empty());
  REQUIRE(f.ui.rects.has("confirm-delete"));
  CHECK(f.ui.rects.text("delete-question").find("Delete job 4") != std::string::npos);
  f.click("confirm-delete");
  auto deleted = f.sink.only<DeleteJob>();
  CHECK(deleted.job_id == 4);
  CHECK(deleted.cancel_first);
  f.frame();
  CHECK_FALSE(f.ui.rects.has("confirm-delete"));
}

TEST_CASE("keyboard: Keep job closes the question without deleting a Failed job") {
  JobsFixture f({make_job(5, JobStatus::Failed)});
  f.state.selected_job = 5;
  f.frame();
  f.ui.press_key(kKeyDelete, f.drawer());
  f.click("keep-job");
  CHECK(f.sink.all<DeleteJob>().empty());
  f.frame();
  CHECK_FALSE(f.ui.rects.has("confirm-delete"));
}

TEST_CASE("a Processing row keeps the window redrawing; settled rows let it sleep") {
  JobsFixture settled({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed)});
  settled.frame();
  CHECK_FALSE(settled.state.animating);
  JobsFixture running({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Processing)});
  running.frame();
  CHECK(running.state.animating);
}

TEST_CASE("clicking a column header sorts by it; clicking again reverses") {
  Job small = make_job(1, JobStatus::Completed, "Bravo");
  small.blocks = 5;
  Job big = make_job(2, JobStatus::Completed, "Alpha");
  big.blocks = 500;
  Job mid = make_job(3, JobStatus::Completed, "Charlie");
  mid.blocks = 50;
  JobsFixture f({small, big, mid});
  f.frame();
  f.click("header/Job");
  f.frame();
  CHECK(f.ui.rects.find("row/2")->y < f.ui.rects.find("row/1")->y);  // Alpha, Bravo
  CHECK(f.ui.rects.find("row/1")->y < f.ui.rects.find("row/3")->y);  // Bravo, Charlie
  f.click("header/Job");
  f.frame();
  CHECK(f.ui.rects.find("row/3")->y < f.ui.rects.find("row/1")->y);  // Charlie, Bravo
  f.click("header/IdeaBlocks");                                      // most first
  f.frame();
  CHECK(f.ui.rects.find("row/2")->y < f.ui.rects.find("row/3")->y);
  CHECK(f.ui.rects.find("row/3")->y < f.ui.rects.find("row/1")->y);
}

TEST_CASE("100,000 jobs: a frame submits only the visible rows and the index is not rebuilt every frame") {
  std::vector<Job> rows;
  rows.reserve(100'000);
  for (int i = 1; i <= 100'000; ++i)
    rows.push_back(make_job(i, i % 7 == 0 ? JobStatus::Failed : JobStatus::Completed));
  JobsFixture f(rows);
  f.frame();
  f.frame();
  CHECK(f.jobs.index.size() == 100'000);
  CHECK(f.jobs.rows_drawn > 5);
  CHECK(f.jobs.rows_drawn < 60);
  CHECK(f.ui.rects.has("row/100000"));  // newest on top
  size_t rebuilds = f.jobs.index.rebuilds();
  for (int i = 0; i < 5; ++i) f.frame();
  CHECK(f.jobs.index.rebuilds() == rebuilds);
  f.jobs.query.status = StatusFilter::Failed;
  f.frame();
  CHECK(f.jobs.index.rebuilds() == rebuilds + 1);
  CHECK(f.jobs.index.size() == 100'000 / 7);
  CHECK(f.ui.rects.has("row/99995"));  // 99995 = 7 × 14285, the newest failed job
}

}  // namespace blockify::test
