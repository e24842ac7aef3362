// The whole UI frame at 100,000 jobs: the real main view drawn headless (ImGui context,
// built font atlas, no GL) over a snapshot of 60,000 completed, 30,000 failed and 10,000
// cancelled jobs in 50 datasets, while 100 jobs change per second (the engine's side:
// JobTableBuilder::set + publish, as the engine does, not timed). Measures the UI
// thread's CPU time per frame (CLOCK_THREAD_CPUTIME_ID) from NewFrame to Render — what
// the real loop spends before handing the draw lists to OpenGL — and prints one line.
// The table is sorted by status, so every status change moves a row (the default sort,
// newest first, only moves rows that are added).
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "app/gui/command_sink.h"
#include "app/gui/fonts.h"
#include "app/gui/main_view.h"
#include "app/gui/theme.h"
#include "app/gui/widget_rects.h"
#include "engine/core/job_table.h"
#include "engine/core/snapshot.h"

namespace blockify {
using namespace blockify::gui;
namespace {

constexpr int kJobs = 100'000;
constexpr int kDatasets = 50;
constexpr double kChangesPerSecond = 100;
constexpr double kFps = 60;
constexpr int kWarmupFrames = 120;
constexpr int kMeasuredFrames = 1800;  // 30 simulated seconds
constexpr TimeMs kStart = 1'760'000'000'000;

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct NullSink : CommandSink {
  Ticket post(Command) override { return std::make_shared<CommandTicket>(); }
};

Job make_row(int64_t id, JobStatus status) {
  Job job;
  job.id = id;
  job.name = "Quarterly report batch " + std::to_string(id);
  job.dataset = "dataset-" + std::to_string(id % kDatasets);
  job.status = status;
  job.created_at = kStart + id * 1000;
  job.started_at = job.created_at + 500;
  job.files_total = 3;
  if (status == JobStatus::Completed) {
    job.files_done = 3;
    job.progress = 1.0;
    job.blocks = 40 + id % 17;
    job.finished_at = job.started_at + 4000;
  } else if (status == JobStatus::Failed) {
    job.files_failed = 3;
    job.error = {"FILE_NOT_FOUND", "The file /docs/missing.pdf does not exist.",
                 "Restore or replace the missing file, then retry."};
    job.failed_stage = Stage::Extract;
    job.finished_at = job.started_at + 20;
  } else {
    job.finished_at = job.started_at + 1000;
  }
  return job;
}

// The engine's side of the benchmark: a table whose rows change like a queue being worked
// off (Failed → Pending → Processing → Completed or Failed again).
class ChangingTable {
 public:
  ChangingTable() {
    for (int64_t id = 1; id <= kJobs; ++id) {
      int64_t share = id % 10;
      JobStatus s = share < 6 ? JobStatus::Completed : share < 9 ? JobStatus::Failed : JobStatus::Cancelled;
      rows_.push_back(make_row(id, s));
      builder_.append(std::make_shared<const Job>(rows_.back()));
      counts_[static_cast<int>(s)]++;
    }
  }

  void change_one(TimeMs now) {
    // Half the changes land among the newest rows, the ones on screen.
    size_t slot = rng_() % 2 ? rows_.size() - 1 - rng_() % 20 : rng_() % rows_.size();
    Job job = rows_[slot];
    JobStatus next = job.status == JobStatus::Pending ? JobStatus::Processing
                     : job.status == JobStatus::Processing
                         ? (rng_() % 2 ? JobStatus::Completed : JobStatus::Failed)
                         : JobStatus::Pending;
    counts_[static_cast<int>(job.status)]--;
    counts_[static_cast<int>(next)]++;
    job.status = next;
    job.progress = next == JobStatus::Completed ? 1.0 : next == JobStatus::Processing ? 0.3 : 0.0;
    job.started_at = next == JobStatus::Pending ? 0 : now;
    job.finished_at = is_active(next) || next == JobStatus::Pending ? 0 : now;
    rows_[slot] = job;
    builder_.set(slot, std::make_shared<const Job>(job));
  }

  std::shared_ptr<Snapshot> publish() {
    auto snap = std::make_shared<Snapshot>();
    snap->version = ++version_;
    snap->table_version = version_;
    snap->jobs = builder_.publish();
    snap->counts = counts_;
    snap->workers_busy = 1;
    snap->workers_total = 1;
    snap->database_path = "/home/user/.local/share/blockify/blockify.db";
    return snap;
  }

 private:
  std::vector<Job> rows_;
  JobTableBuilder builder_;
  std::array<int, kJobStatusCount> counts_{};
  uint64_t version_ = 0;
  std::mt19937 rng_{42};
};

}  // namespace
}  // namespace blockify

int main() {
  using namespace blockify;
  using namespace blockify::gui;
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = {1280, 800};
  io.DeltaTime = static_cast<float>(1.0 / kFps);
  load_fonts(1.0f, default_fonts_list());
  apply_theme(1.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);

  ChangingTable table;
  NullSink sink;
  WidgetRects rects;
  UiState ui;
  MainViewState state;
  std::shared_ptr<Snapshot> snap = table.publish();
  std::vector<double> frame_ms;
  double owed_changes = 0;
  TimeMs now = kStart + static_cast<TimeMs>(kJobs) * 1000 + 60'000;
  for (int frame = 0; frame < kWarmupFrames + kMeasuredFrames; ++frame) {
    now += static_cast<TimeMs>(1000 / kFps);
    owed_changes += kChangesPerSecond / kFps;
    if (owed_changes >= 1) {
      for (; owed_changes >= 1; owed_changes -= 1) table.change_one(now);
      snap = table.publish();
    }
    double started = thread_cpu_ms();
    ImGui::NewFrame();
    rects.begin_frame();
    ui.animating = false;
    ViewContext ctx{*snap, sink, rects, ui, now, ImGui::GetTime()};
    draw_main_view(ctx, state);
    ImGui::Render();
    double spent = thread_cpu_ms() - started;
    // The table takes its sort from its header: click "Status" as a user would (press on
    // frame 2, release on frame 3), then take the mouse away.
    if (frame == 1) {
      auto header = rects.find("header/Status");
      if (header) io.MousePos = {header->center_x(), header->center_y()};
    }
    io.MouseDown[0] = frame == 2;
    if (frame == 4) io.MousePos = {-1, -1};
    if (frame >= kWarmupFrames) frame_ms.push_back(spent);
  }
  if (state.jobs.query.sort != JobsSortKey::Status) {
    std::fprintf(stderr, "ui bench: the table could not be sorted by status.\n");
    return 1;
  }
  if (state.jobs.rows_drawn < 10) {
    std::fprintf(stderr,
                 "ui bench: the table drew only %d rows; the measurement would not be of a real frame.\n",
                 state.jobs.rows_drawn);
    return 1;
  }
  if (state.jobs.index.size() != static_cast<size_t>(kJobs)) {
    std::fprintf(stderr, "ui bench: the table showed %zu jobs, not %d.\n", state.jobs.index.size(), kJobs);
    return 1;
  }
  std::sort(frame_ms.begin(), frame_ms.end());
  double median = frame_ms[frame_ms.size() / 2];
  double p99 = frame_ms[std::min(frame_ms.size() - 1, frame_ms.size() * 99 / 100)];
  std::printf("ui frame at 100000 jobs: median %.3f ms, p99 %.3f ms\n", median, p99);
  ImGui::DestroyContext();
  return 0;
}
