// Several jobs at once: click, Ctrl+click and Shift+click selection, the bulk bar and its
// counts, "Retry all failed", and a row's right-click menu.
#include "app/gui/jobs_actions.h"

#include <imgui.h>

#include "app/gui/delete_confirm.h"
#include "app/gui/notices_view.h"
#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

// The jobs table with what the main view adds around it for several jobs at once: the
// duplicate-request check and the toasts.
struct JobsFixture : JobsTableHost {
  NoticesViewState notices;

  using JobsTableHost::JobsTableHost;
  void draw_view(ViewContext& ctx) override {
    JobsTableHost::draw_view(ctx);
    resolve_duplicate_request(ctx);
  }
  void draw_over(ViewContext& ctx) override { draw_notices(ctx, notices); }
};

std::vector<Job> mixed_jobs() {
  return {make_job(1, JobStatus::Failed),    make_job(2, JobStatus::Completed),
          make_job(3, JobStatus::Failed),    make_job(4, JobStatus::Processing),
          make_job(5, JobStatus::Cancelled), make_job(6, JobStatus::Pending),
          make_job(7, JobStatus::Failed)};
}

}  // namespace

TEST_CASE("a click selects one job, Ctrl+click adds and removes, Shift+click takes the range as shown") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.click("row/7");
  CHECK(f.jobs.selection.ids() == std::vector<int64_t>{7});
  CHECK(f.state.selected_job == 7);
  f.ctrl_click("row/3");
  CHECK(f.jobs.selection.ids() == std::vector<int64_t>{3, 7});
  f.ctrl_click("row/7");
  CHECK(f.jobs.selection.ids() == std::vector<int64_t>{3});
  // Newest first: rows read 7, 6, 5, 4, 3… so 3 to 6 is the block between them on screen.
  f.shift_click("row/6");
  CHECK(f.jobs.selection.ids() == std::vector<int64_t>{3, 4, 5, 6});
  f.click("row/1");
  CHECK(f.jobs.selection.ids() == std::vector<int64_t>{1});
  f.frame();
  CHECK_FALSE(f.ui.rects.has("bulk-retry"));  // one job: no bulk bar
}

TEST_CASE("Shift+click follows the current sort: by name ascending the range is another set of jobs") {
  std::vector<Job> rows = {make_job(1, JobStatus::Failed, "b"), make_job(2, JobStatus::Failed, "d"),
                           make_job(3, JobStatus::Failed, "a"), make_job(4, JobStatus::Failed, "c")};
  JobsFixture f(rows);
  f.frame();
  f.click("header/Job");
  REQUIRE(f.jobs.query.sort == JobsSortKey::Name);
  REQUIRE_FALSE(f.jobs.query.descending);
  f.click("row/3");        // a
  f.shift_click("row/4");  // a, b, c
  CHECK(f.jobs.selection.ids() == std::vector<int64_t>{1, 3, 4});
}

TEST_CASE(
    "Retry selected posts one RetryMany over the Failed or Cancelled jobs and counts the refused ones") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.click("row/7");
  f.shift_click("row/1");  // all seven
  REQUIRE(f.jobs.selection.size() == 7);
  f.frame();
  CHECK(f.ui.rects.text("bulk-count") == "7 jobs selected");
  f.click("bulk-retry");
  CHECK(f.sink.all<RetryJob>().empty());
  auto retry = f.sink.only<RetryMany>();
  CHECK(retry.jobs.ids == std::vector<int64_t>{1, 3, 5, 7});  // 5 is Cancelled
  CHECK(retry.kind == AttemptKind::Fresh);
  CHECK(f.ui.toast_containing("Queued") == "Queued 4 retries; 3 refused (not Failed or Cancelled).");
}

TEST_CASE("Cancel selected posts one CancelMany over the Pending and Processing ones only") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.click("row/4");
  f.ctrl_click("row/6");
  f.ctrl_click("row/2");
  f.click("bulk-cancel");
  CHECK(f.sink.all<CancelJob>().empty());
  auto cancel = f.sink.only<CancelMany>();
  CHECK(cancel.jobs.ids == std::vector<int64_t>{4, 6});
  CHECK(f.ui.toast_containing("Cancelling") == "Cancelling 2 jobs; 1 refused (not Pending or Processing).");
}

TEST_CASE("Delete selected asks once, then deletes them in one command, cancelling the running one first") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.click("row/2");
  f.ctrl_click("row/4");
  f.click("bulk-delete");
  CHECK(f.sink.all<DeleteMany>().empty());
  f.frame();
  CHECK(f.ui.rects.text("delete-question") == "Delete 2 jobs and the IdeaBlocks they produced?");
  f.click("confirm-delete");
  CHECK(f.sink.all<DeleteJob>().empty());
  auto deleted = f.sink.only<DeleteMany>();
  CHECK(deleted.jobs.ids == std::vector<int64_t>{2, 4});
  CHECK(deleted.cancel_first);  // job 4 is Processing
  CHECK(f.ui.toast_containing("Deleting") == "Deleting 2 jobs.");
}

TEST_CASE("Retry all failed posts one RetryMany by status, and is disabled when none failed") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.click("retry-all-failed");
  CHECK(f.sink.all<RetryJob>().empty());
  auto retry = f.sink.only<RetryMany>();
  CHECK(retry.jobs.ids.empty());
  CHECK(retry.jobs.status == JobStatus::Failed);
  CHECK(retry.jobs.dataset.empty());
  CHECK(f.ui.toast_containing("Queued") == "Queued 3 retries.");

  JobsFixture calm({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Cancelled)});
  calm.frame();
  calm.click("retry-all-failed");
  CHECK(calm.sink.commands.empty());
}

TEST_CASE(
    "100,000 jobs: Shift+click selects them all, and Retry selected is one command for the 40,000 "
    "retryable") {
  std::vector<Job> rows;
  rows.reserve(100'000);
  for (int64_t id = 1; id <= 100'000; ++id)
    rows.push_back(make_job(id, id % 10 < 6   ? JobStatus::Completed
                                : id % 10 < 9 ? JobStatus::Failed
                                              : JobStatus::Cancelled));
  JobsFixture f(rows);
  f.frame();
  f.click("header/#");  // oldest first: job 1 on top
  REQUIRE_FALSE(f.jobs.query.descending);
  f.click("row/1");
  f.click("header/#");  // newest first again: job 100,000 on top
  REQUIRE(f.jobs.query.descending);
  f.shift_click("row/100000");
  CHECK(f.jobs.selection.size() == 100'000);
  f.frame();
  CHECK(f.ui.rects.text("bulk-count") == "100,000 jobs selected");
  f.click("bulk-retry");
  auto retry = f.sink.only<RetryMany>();
  CHECK(retry.jobs.ids.size() == 40'000);  // 30,000 failed + 10,000 cancelled
  CHECK(f.ui.toast_containing("Queued") == "Queued 40000 retries; 60000 refused (not Failed or Cancelled).");
}

TEST_CASE("right-clicking one of several selected rows acts on the whole selection with one command") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.click("row/1");
  f.ctrl_click("row/3");
  f.ctrl_click("row/2");
  f.right_click("row/3");
  f.click("menu-retry/3");
  auto retry = f.sink.only<RetryMany>();
  CHECK(retry.jobs.ids == std::vector<int64_t>{1, 3});
  CHECK(f.ui.toast_containing("Queued") == "Queued 2 retries; 1 refused (not Failed or Cancelled).");
  CHECK(f.sink.all<RetryJob>().empty());

  f.right_click("row/5");  // not selected: the menu is about job 5 alone
  f.click("menu-retry/5");
  CHECK(f.sink.only<RetryJob>().job_id == 5);
}

TEST_CASE("the right-click menu offers only what the job's status allows") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.right_click("row/2");  // Completed
  f.frame();
  REQUIRE(f.ui.rects.has("menu-retry/2"));
  f.click("menu-retry/2");  // disabled: nothing happens
  CHECK(f.sink.all<RetryJob>().empty());

  f.right_click("row/7");  // Failed
  f.click("menu-retry/7");
  CHECK(f.sink.only<RetryJob>().job_id == 7);

  f.right_click("row/4");  // Processing
  f.click("menu-cancel/4");
  REQUIRE(f.sink.all<CancelJob>().size() == 1);

  f.right_click("row/5");
  f.click("menu-view/5");
  CHECK(f.state.selected_job == 5);
  CHECK(f.state.detail_open);

  f.right_click("row/3");
  f.click("menu-delete/3");
  CHECK(f.state.delete_request == 3);
}

TEST_CASE("Duplicate as new job from the menu opens the form once the job's files arrive") {
  JobsFixture f(mixed_jobs());
  f.frame();
  f.right_click("row/3");
  f.click("menu-duplicate/3");
  CHECK_FALSE(f.state.create_request.has_value());
  auto focus = f.sink.all<FocusJob>();
  REQUIRE_FALSE(focus.empty());
  CHECK(focus.back().job_id == 3);
  auto d = std::make_shared<JobDetail>();
  d->job = make_job(3, JobStatus::Failed, "Q3");
  JobFile file;
  file.path = "/docs/q3.pdf";
  d->files.push_back(file);
  f.snap->detail = d;
  f.frame();
  REQUIRE(f.state.create_request.has_value());
  CHECK(f.state.create_request->name == "Q3 (copy)");
  CHECK(f.state.create_request->files == std::vector<std::string>{"/docs/q3.pdf"});
}

}  // namespace blockify::test
