// The Charts tab: samples of a Processing job's counters, about one a second, drawn as
// chunks per minute and IdeaBlocks; a sentence before there is anything to draw.
#include <imgui.h>

#include <string>

#include "app/gui/job_detail_view.h"
#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

struct ChartsFixture : ViewHost {
  DetailViewState detail;

  ChartsFixture() {
    time_s = 10.0;
    publish(0, 0, JobStatus::Processing);
  }
  void publish(int64_t chunks, int64_t blocks, JobStatus status) {
    Job job = make_job(4, status, "Big manual");
    job.chunks_total = 1000;
    job.chunks_done = chunks;
    job.blocks = blocks;
    auto d = std::make_shared<JobDetail>();
    d->job = job;
    snap = make_snapshot({job});
    snap->detail = d;
    state.selected_job = 4;
    state.detail_open = true;
  }
  void draw_view(ViewContext& ctx) override { draw_job_detail(ctx, detail); }
};

}  // namespace

TEST_CASE("before any samples the Charts tab says why it is empty") {
  ChartsFixture f;
  f.publish(0, 0, JobStatus::Completed);
  f.frame();
  f.click("tab/Charts");
  f.frame();
  CHECK(f.ui.rects.text("chart-empty").find("No samples yet") == 0);
  CHECK(f.detail.samples.empty());  // a finished job is not sampled
}

TEST_CASE("a Processing job is sampled about once a second and charted as chunks per minute") {
  ChartsFixture f;
  f.frame();
  f.click("tab/Charts");
  // 20 chunks and 8 IdeaBlocks a second, seen at 60 frames a second for 12 s.
  for (int step = 1; step <= 12 * 60; ++step) {
    f.time_s += 1.0 / 60;
    int64_t chunks = static_cast<int64_t>((f.time_s - 10.0) * 20);
    f.publish(chunks, chunks * 2 / 5, JobStatus::Processing);
    f.frame();
  }
  CHECK(f.detail.samples.size() >= 11);
  CHECK(f.detail.samples.size() <= 14);
  std::string now = f.ui.rects.text("chart-chunks");
  REQUIRE(now.ends_with(" chunks/min now"));
  std::erase(now, ',');
  CHECK(std::stoi(now) == doctest::Approx(1200).epsilon(0.02));
  CHECK(f.ui.rects.text("chart-blocks").find("IdeaBlocks") != std::string::npos);
  // Each chart spans the panel, tall enough to read.
  REQUIRE(f.ui.rects.has("chart-chunks"));
  CHECK(f.ui.rects.find("chart-chunks")->w > 1000);
  CHECK(f.ui.rects.find("chart-chunks")->h > 40);
  CHECK_FALSE(f.ui.rects.has("chart-empty"));

  // A retry starts from zero: the old attempt's curve is dropped.
  f.time_s += 1.1;
  f.publish(0, 0, JobStatus::Processing);
  f.frame();
  CHECK(f.detail.samples.size() == 1);
}

TEST_CASE("the ring keeps at most ten minutes of samples") {
  ChartsFixture f;
  for (int i = 0; i < 700; ++i) {
    f.time_s += 1.01;
    f.publish(i, i, JobStatus::Processing);
    f.frame();
  }
  CHECK(f.detail.samples.size() == kMaxThroughputSamples);
  CHECK(f.detail.samples.back().chunks_done == 699);
}

}  // namespace blockify::test
