// The status bar's summary and the notices (refusal toasts).
#include "app/gui/status_bar.h"

#include <imgui.h>

#include "app/gui/notices_view.h"
#include "tests/app/headless_ui.h"

namespace blockify::test {
using namespace blockify::gui;

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
  HeadlessUi ui;
  RecordingSink sink;
  UiState state;
  auto snap = make_snapshot({make_job(1, JobStatus::Failed), make_job(2, JobStatus::Cancelled)});
  ui.frame([&] {
    ImGui::Begin("host");
    ViewContext ctx{*snap, sink, ui.rects, state, 0, 0};
    draw_status_bar(ctx);
    ImGui::End();
  });
  CHECK(ui.rects.text("status-summary") == "1 failed · 1 cancelled");
}

TEST_CASE("a refusal notice shows as a toast and fades after about five seconds") {
  HeadlessUi ui;
  RecordingSink sink;
  UiState state;
  NoticesViewState notices;
  auto snap = make_snapshot({make_job(7, JobStatus::Completed)});
  TimeMs now = 1'700'000'000'000;
  snap->notices.push_back({1, now, true, "Job 7 is Completed — nothing to retry."});
  double t = 100.0;
  auto draw = [&] {
    ViewContext ctx{*snap, sink, ui.rects, state, now, t};
    draw_notices(ctx, notices);
  };
  ui.frame(draw);
  CHECK(ui.rects.text("notice/1") == "Job 7 is Completed — nothing to retry.");
  CHECK(state.animating);
  t += 4.0;
  ui.frame(draw);
  CHECK(ui.rects.has("notice/1"));
  t += 1.5;
  state.animating = false;
  ui.frame(draw);
  CHECK_FALSE(ui.rects.has("notice/1"));
  CHECK_FALSE(state.animating);
}

TEST_CASE("a notice that was already old when first seen is not shown") {
  HeadlessUi ui;
  RecordingSink sink;
  UiState state;
  NoticesViewState notices;
  auto snap = make_snapshot({});
  TimeMs now = 1'700'000'000'000;
  snap->notices.push_back({3, now - 60'000, true, "Job 2 is Processing — it cannot be deleted."});
  ui.frame([&] {
    ViewContext ctx{*snap, sink, ui.rects, state, now, 10.0};
    draw_notices(ctx, notices);
  });
  CHECK_FALSE(ui.rects.has("notice/3"));
}

}  // namespace blockify::test
