// When the window draws: an idle app over an unchanged snapshot draws nothing but the
// once-a-minute refresh of relative times; input, a new snapshot and things that move on
// screen draw, at most ~60 times a second.
#include "app/gui/frame_pacing.h"

#include <imgui.h>

#include "app/gui/main_view.h"
#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

// The real main view drawn headless; each frame tells the pacer what it showed, as the
// app's loop does.
struct PacedApp : MainViewHost {
  FramePacer pacer;
  int frames = 0;

  explicit PacedApp(const std::vector<Job>& rows) : MainViewHost(make_snapshot(rows)) { time_s = 100.0; }

  // Advances the clock by `seconds` and draws a frame if the pacer asks for one.
  // Returns the plan it followed.
  FramePlan tick(double seconds) {
    time_s += seconds;
    FramePlan plan = pacer.plan(time_s, snap->version, false);
    if (plan.draw) {
      frame();
      pacer.drawn(time_s, snap->version, state.animating);
      ++frames;
    }
    return plan;
  }
  // Lets the start-up frames and any toast settle.
  void settle() {
    for (int i = 0; i < 600; ++i) tick(0.05);
  }
};

std::vector<Job> settled_jobs() {
  return {make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed),
          make_job(3, JobStatus::Cancelled)};
}

}  // namespace

TEST_CASE("an idle app with an unchanged snapshot requests no frame until the minute refresh") {
  PacedApp app(settled_jobs());
  CHECK(app.tick(0).draw);                      // the first frame always draws
  for (int i = 0; i < 20; ++i) app.tick(0.05);  // and a few more while ImGui settles its layout
  FramePlan plan = app.tick(1.0);
  CHECK_FALSE(plan.draw);
  CHECK(plan.wait_s > 55);  // sleeps in glfwWaitEvents for most of a minute
  int drawn = 0;
  for (int i = 0; i < 120; ++i) drawn += app.tick(1.0).draw ? 1 : 0;
  CHECK(drawn == 2);  // two minutes: "3 min ago" may have become "4 min ago", twice
}

TEST_CASE("a new snapshot draws one frame, then the app sleeps again") {
  PacedApp app(settled_jobs());
  app.settle();
  int frames = app.frames;
  auto next = make_snapshot(
      {make_job(1, JobStatus::Completed), make_job(2, JobStatus::Pending), make_job(3, JobStatus::Cancelled)},
      2);
  app.snap = next;
  CHECK(app.tick(0.5).draw);
  CHECK_FALSE(app.tick(0.5).draw);
  CHECK(app.frames == frames + 1);
}

TEST_CASE("input draws a few frames to settle hover state, paced at 60 a second") {
  PacedApp app(settled_jobs());
  app.settle();
  app.pacer.note_input();
  CHECK(app.tick(0.001).draw);
  FramePlan too_soon = app.tick(0.001);
  CHECK_FALSE(too_soon.draw);
  CHECK(too_soon.wait_s < FramePacer::kFrameSeconds);
  int drawn = 0;
  for (int i = 0; i < 20; ++i) drawn += app.tick(FramePacer::kFrameSeconds).draw ? 1 : 0;
  CHECK(drawn == FramePacer::kFramesAfterInput - 1);
}

TEST_CASE("a running job on screen keeps drawing; scrolled out of sight it does not") {
  std::vector<Job> rows = settled_jobs();
  rows.push_back(make_job(4, JobStatus::Processing));
  PacedApp app(rows);
  app.settle();
  CHECK(app.state.animating);  // its badge's stripe moves
  CHECK(app.tick(FramePacer::kFrameSeconds).draw);

  // Job 1 runs, under 200 newer settled jobs: its row is far below the visible rows.
  std::vector<Job> many;
  many.push_back(make_job(1, JobStatus::Processing));
  for (int64_t id = 2; id <= 200; ++id) many.push_back(make_job(id, JobStatus::Completed));
  PacedApp hidden(many);
  hidden.settle();
  CHECK_FALSE(hidden.state.animating);
  CHECK_FALSE(hidden.tick(1.0).draw);
}

TEST_CASE("a minimised window draws nothing, even for a new snapshot") {
  FramePacer pacer;
  pacer.drawn(10.0, 1, true);
  FramePlan plan = pacer.plan(20.0, 2, true);
  CHECK_FALSE(plan.draw);
  CHECK(plan.wait_s < 0);  // until an event (restoring the window) arrives
  CHECK(pacer.plan(20.0, 2, false).draw);
}

}  // namespace blockify::test
