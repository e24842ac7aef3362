// The status bar's summary and the notices (refusal toasts).
#include "app/gui/status_bar.h"

#include <imgui.h>

#include "app/gui/notices_view.h"
#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

struct StatusBarFixture : ViewHost {
  using ViewHost::ViewHost;
  void draw_view(ViewContext& ctx) override { draw_status_bar(ctx); }
};

// The toasts alone, drawn over everything as the main view draws them.
struct NoticesFixture : ViewHost {
  NoticesViewState notices;

  explicit NoticesFixture(std::shared_ptr<Snapshot> shown) : ViewHost(std::move(shown), HostWindow::None) {
    now = 1'700'000'000'000;
  }
  void draw_view(ViewContext& ctx) override { draw_notices(ctx, notices); }
};

}  // namespace

TEST_CASE("the status bar names only the non-zero statuses, work in flight first") {
  auto snap = make_snapshot({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Processing),
                             make_job(3, JobStatus::Pending), make_job(4, JobStatus::Pending),
                             make_job(5, JobStatus::Failed), make_job(6, JobStatus::Processing),
                             make_job(7, JobStatus::Pending)});
  CHECK(status_summary(*snap) == "2 processing · 3 pending · 1 failed · 1 completed");
  snap->workers_busy = 2;
  CHECK(workers_summary(*snap) == "Workers 2 of 4 busy");
}

TEST_CASE("the status bar says so when there are no jobs") {
  auto snap = make_snapshot({});
  CHECK(status_summary(*snap) == "No jobs yet");
}

TEST_CASE("the status bar draws its summary") {
  StatusBarFixture f(make_snapshot({make_job(1, JobStatus::Failed), make_job(2, JobStatus::Cancelled)}));
  f.frame();
  CHECK(f.ui.rects.text("status-summary") == "1 failed · 1 cancelled");
}

TEST_CASE("a refusal notice shows as a toast and fades after about five seconds") {
  NoticesFixture f(make_snapshot({make_job(7, JobStatus::Completed)}));
  f.snap->notices.push_back({1, f.now, true, "Job 7 is Completed — nothing to retry."});
  f.time_s = 100.0;
  f.frame();
  CHECK(f.ui.rects.text("notice/1") == "Job 7 is Completed — nothing to retry.");
  CHECK(f.state.animating);
  f.time_s += 4.0;
  f.frame();
  CHECK(f.ui.rects.has("notice/1"));
  f.time_s += 1.5;  // each frame starts with state.animating cleared, as the app's does
  f.frame();
  CHECK_FALSE(f.ui.rects.has("notice/1"));
  CHECK_FALSE(f.state.animating);
}

TEST_CASE("a notice that was already old when first seen is not shown") {
  NoticesFixture f(make_snapshot({}));
  f.snap->notices.push_back({3, f.now - 60'000, true, "Job 2 is Processing — it cannot be deleted."});
  f.time_s = 10.0;
  f.frame();
  CHECK_FALSE(f.ui.rects.has("notice/3"));
}

}  // namespace blockify::test
