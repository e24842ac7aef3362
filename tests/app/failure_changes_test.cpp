// "What changed since the failure": the engine's comparison in words, the warning and
// "Retry anyway" when nothing changed, and the row's one-click Retry raising the warning
// as a toast instead of a dialog.
#include "app/gui/failure_changes.h"

#include <imgui.h>

#include <filesystem>

#include "app/gui/jobs_view.h"
#include "app/gui/main_view.h"
#include "app/gui/sample_jobs.h"
#include "tests/app/view_host.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

InputChange input(const std::string& path, InputState state, bool failed_before = false) {
  InputChange c;
  c.path = path;
  c.state = state;
  c.failed_before = failed_before;
  return c;
}

std::shared_ptr<JobDetail> failed_detail(ChangesSinceFailure changes) {
  auto d = std::make_shared<JobDetail>();
  d->job = make_job(7, JobStatus::Failed, "Q3 manuals");
  d->changes = std::move(changes);
  return d;
}

ChangesSinceFailure nothing_new() {
  ChangesSinceFailure c;
  c.checked = true;
  c.inputs = {input("/docs/q3.pdf", InputState::Missing, true), input("/docs/a.md", InputState::Unchanged)};
  c.nothing_changed = true;
  return c;
}

struct MainFixture : MainViewHost {
  explicit MainFixture(std::shared_ptr<JobDetail> d)
      : MainViewHost(make_snapshot({make_job(6, JobStatus::Completed), d->job})) {
    snap->detail = std::move(d);
  }
  void open_detail() {
    state.selected_job = 7;
    state.detail_open = true;
    frame();
  }
};

}  // namespace

TEST_CASE("each input's state reads as a sentence, the quiet unchanged ones as a count") {
  ChangesSinceFailure c;
  c.checked = true;
  c.inputs = {
      input("/docs/q3.pdf", InputState::Restored, true),   input("/docs/notes.txt", InputState::Modified),
      input("/docs/gone.pdf", InputState::Missing, true),  input("/docs/new.md", InputState::New),
      input("/docs/old.pdf", InputState::Unchanged, true), input("/docs/a.md", InputState::Unchanged),
      input("/docs/b.md", InputState::Unchanged)};
  FailureChangesText t = describe_changes(*failed_detail(c));
  REQUIRE(t.lines.size() == 6);
  CHECK(t.lines[0].text == "q3.pdf is back (restored).");
  CHECK(t.lines[0].kind == ChangeLine::Kind::Better);
  CHECK(t.lines[1].text == "notes.txt was modified.");
  CHECK(t.lines[2].text == "gone.pdf is still missing.");
  CHECK(t.lines[2].kind == ChangeLine::Kind::Worse);
  CHECK(t.lines[3].text == "new.md is new.");
  CHECK(t.lines[4].text == "old.pdf is unchanged and failed last time.");
  CHECK(t.lines[5].text == "2 other files are unchanged.");
  CHECK_FALSE(t.nothing_changed);
}

TEST_CASE("an input the engine is still hashing reads as being checked, and raises no warning") {
  ChangesSinceFailure c;
  c.checked = true;
  c.inputs = {input("/docs/big.pdf", InputState::Checking, true), input("/docs/a.md", InputState::Unchanged)};
  auto d = failed_detail(c);
  FailureChangesText t = describe_changes(*d);
  REQUIRE(t.lines.size() == 2);
  CHECK(t.lines[0].text == "Checking whether big.pdf changed…");
  CHECK(t.lines[0].kind == ChangeLine::Kind::Same);
  CHECK(t.lines[1].text == "1 other file is unchanged.");
  CHECK_FALSE(t.nothing_changed);
  MainFixture f(d);
  f.open_detail();
  CHECK(f.ui.rects.text("change/0") == "Checking whether big.pdf changed…");
  CHECK_FALSE(f.ui.rects.has("nothing-changed"));
  CHECK(f.ui.rects.text("detail-retry") == "Retry");
}

TEST_CASE("a setting changed since the failure is named") {
  ChangesSinceFailure c = nothing_new();
  c.nothing_changed = false;
  c.settings_changed = {"endpoint.url: http://a/v1 → http://b/v1"};
  FailureChangesText t = describe_changes(*failed_detail(c));
  bool named = false;
  for (const auto& line : t.lines)
    named |= line.text == "Setting changed: endpoint.url: http://a/v1 → http://b/v1.";
  CHECK(named);
  CHECK_FALSE(t.nothing_changed);
}

TEST_CASE("a DISK_FULL failure compares the free space then and now") {
  ChangesSinceFailure c;
  c.checked = true;
  c.free_disk_then = 80ll << 20;         // 80 MB
  c.free_disk_now = (124ll << 30) / 10;  // 12.4 GB
  auto d = failed_detail(c);
  d->job.error = {"DISK_FULL", "The disk is full.", ""};
  FailureChangesText t = describe_changes(*d);
  REQUIRE(t.lines.size() == 1);
  CHECK(t.lines[0].text == "Free disk space: 80.0 MB at the failure, 12.4 GB now.");
  CHECK(t.lines[0].kind == ChangeLine::Kind::Better);
  d->job.error = {"FILE_NOT_FOUND", "Gone.", ""};
  CHECK(describe_changes(*d).lines.empty());  // disk space is beside the point then
}

TEST_CASE("nothing changed: the detail warns, its Retry reads Retry anyway, and Retry anyway still retries") {
  MainFixture f(failed_detail(nothing_new()));
  f.open_detail();
  CHECK(f.ui.rects.text("nothing-changed") == "Same inputs and settings — this will likely fail again.");
  CHECK(f.ui.rects.text("change/0") == "q3.pdf is still missing.");
  CHECK(f.ui.rects.text("detail-retry") == "Retry anyway");
  f.click("changes-retry-anyway");
  auto retry = f.sink.only<RetryJob>();
  CHECK(retry.job_id == 7);
  CHECK(retry.kind == AttemptKind::Fresh);
}

TEST_CASE("something changed: no warning, and the detail's button is plain Retry") {
  ChangesSinceFailure c;
  c.checked = true;
  c.inputs = {input("/docs/q3.pdf", InputState::Restored, true)};
  MainFixture f(failed_detail(c));
  f.open_detail();
  CHECK_FALSE(f.ui.rects.has("nothing-changed"));
  CHECK_FALSE(f.ui.rects.has("changes-retry-anyway"));
  CHECK(f.ui.rects.text("detail-retry") == "Retry");
  CHECK(f.ui.rects.text("change/0") == "q3.pdf is back (restored).");
}

TEST_CASE("a cancelled job is not warned that it will fail again") {
  auto d = failed_detail(nothing_new());
  d->job.status = JobStatus::Cancelled;
  d->job.error = {};
  MainFixture f(d);
  f.open_detail();
  CHECK_FALSE(f.ui.rects.has("nothing-changed"));
  CHECK(f.ui.rects.text("detail-retry") == "Retry");
}

TEST_CASE("the row's Retry posts at once and shows the warning as a toast, not a dialog") {
  MainFixture f(failed_detail(nothing_new()));
  f.state.selected_job = 7;  // selected: its detail is the published one
  f.frame();
  f.click("retry/7");
  REQUIRE(f.sink.all<RetryJob>().size() == 1);
  f.frame();
  CHECK(f.ui.toast_containing("this will likely fail again") ==
        "Job 7: Same inputs and settings — this will likely fail again.");
  CHECK_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  // The toast goes after a few seconds.
  f.time_s += kNoticeSeconds + 0.1;
  f.frame();
  CHECK(f.ui.toast_containing("likely fail again").empty());
}

TEST_CASE("the row's Retry of a job whose detail says something changed raises no warning") {
  ChangesSinceFailure c;
  c.checked = true;
  c.inputs = {input("/docs/q3.pdf", InputState::Modified, true)};
  MainFixture f(failed_detail(c));
  f.frame();
  f.click("retry/7");
  REQUIRE(f.sink.all<RetryJob>().size() == 1);
  f.frame();
  CHECK(f.ui.toast_containing("likely fail again").empty());
}

TEST_CASE("the sample restore button is looked up once per published detail, not every frame") {
  DataHome home;
  auto d = failed_detail({});
  d->job.name = "Sample: support notes";
  d->files.push_back(missing_sample_file(7));
  MainFixture f(d);
  f.open_detail();
  REQUIRE(f.ui.rects.has("restore-sample"));
  // The file appears behind the UI's back: the same published detail keeps the button…
  REQUIRE(restore_sample_file().empty());
  f.frame();
  CHECK(f.ui.rects.has("restore-sample"));
  // …until the engine publishes the detail again, when the disk is looked at once more.
  f.snap->detail = std::make_shared<JobDetail>(*d);
  f.frame();
  CHECK_FALSE(f.ui.rects.has("restore-sample"));
}

}  // namespace blockify::test
