// The detail panel of a failed job: the error in plain words and what to do, the failed
// file's own message, partial results, and the retry actions with their kinds.
#include "app/gui/job_detail_view.h"

#include <imgui.h>

#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

JobFile make_file(int64_t id, const std::string& path, FileStatus status, int64_t parent = 0) {
  JobFile f;
  f.id = id;
  f.job_id = 7;
  f.parent_id = parent;
  f.path = path;
  f.status = status;
  f.stage = status == FileStatus::Completed ? Stage::Done : Stage::Extract;
  if (status == FileStatus::Failed)
    f.error = {"FILE_NOT_FOUND", "The file " + path + " does not exist.",
               "Restore or replace the missing file, then retry."};
  return f;
}

std::shared_ptr<JobDetail> failed_detail() {
  auto d = std::make_shared<JobDetail>();
  d->job = make_job(7, JobStatus::Failed, "Q3 manuals");
  d->job.attempt = 2;
  d->job.stage_progress = {0.5f, 0, 0, 0, 0};
  d->job.error = {"FILES_FAILED", "2 of 10 files in job 7 could not be read.", ""};
  d->files.push_back(make_file(1, "/docs/a.md", FileStatus::Completed));
  d->files.push_back(make_file(2, "/docs/q3.pdf", FileStatus::Failed));
  d->files.push_back(make_file(3, "/docs/pack.zip", FileStatus::Completed));
  JobFile entry = make_file(4, "/docs/pack.zip/notes.txt", FileStatus::Failed, 3);
  entry.error = {"NO_TEXT", "The entry notes.txt in pack.zip contains no text.", ""};
  d->files.push_back(entry);
  Attempt first;
  first.number = 1;
  first.outcome = AttemptOutcome::Failed;
  first.error = d->job.error;
  first.started_at = d->job.started_at;
  first.finished_at = d->job.finished_at;
  d->attempts.push_back(first);
  d->blocks_total = 118;
  return d;
}

struct DetailFixture : ViewHost {
  DetailViewState detail;

  explicit DetailFixture(std::shared_ptr<JobDetail> d) : ViewHost(make_snapshot({d->job})) {
    snap->detail = std::move(d);
    state.selected_job = 7;
    state.detail_open = true;
  }
  void draw_view(ViewContext& ctx) override { draw_job_detail(ctx, detail); }
};

}  // namespace

TEST_CASE("a failed job's detail shows the error sentence, what to do, and the failed file's own message") {
  DetailFixture f(failed_detail());
  f.frame();
  CHECK(f.ui.rects.text("error-message") == "2 of 10 files in job 7 could not be read.");
  // The job's error carries no hint of its own: the default for its code is shown.
  CHECK(f.ui.rects.text("error-hint") == "What to do: " + default_hint("FILES_FAILED"));
  CHECK(f.ui.rects.text("file-error/2") == "The file /docs/q3.pdf does not exist.");
  CHECK(f.ui.rects.text("file-error/4") == "The entry notes.txt in pack.zip contains no text.");
  CHECK_FALSE(f.ui.rects.has("file-error/1"));
  CHECK(f.ui.rects.text("partial-results") == "118 IdeaBlocks kept from the failed attempt.");
}

TEST_CASE("the Files table says how each file was read: its encoding, or OCR and its confidence") {
  auto d = failed_detail();
  d->files[0].encoding = "WINDOWS-1252 (detected)";
  d->files[2].encoding = "OCR, 91 % confidence";
  DetailFixture f(d);
  f.frame();
  CHECK(f.ui.rects.text("file-encoding/1") == "WINDOWS-1252 (detected)");
  CHECK(f.ui.rects.text("file-encoding/3") == "OCR, 91 % confidence");
  CHECK_FALSE(f.ui.rects.has("file-encoding/2"));  // never read: nothing to say
  // The column sits on the file's own row, right of its name.
  CHECK(f.ui.rects.find("file-encoding/1")->x > f.ui.rects.find("file/1")->x);
  CHECK(f.ui.rects.find("file-encoding/1")->center_y() ==
        doctest::Approx(f.ui.rects.find("file/1")->center_y()));
}

TEST_CASE("archive entries are listed beneath their archive, indented") {
  DetailFixture f(failed_detail());
  f.frame();
  auto archive = f.ui.rects.find("file/3");
  auto entry = f.ui.rects.find("file/4");
  auto other = f.ui.rects.find("file/2");
  REQUIRE(archive);
  REQUIRE(entry);
  REQUIRE(other);
  CHECK(entry->y > archive->y);
  CHECK(entry->x > archive->x);
  CHECK(other->y < archive->y);
}

TEST_CASE("a job with thousands of files draws only the visible file rows, failures still in words") {
  auto d = failed_detail();
  d->files.clear();
  for (int i = 1; i <= 5000; ++i)
    d->files.push_back(make_file(i, "/docs/f" + std::to_string(i) + ".txt",
                                 i == 2 ? FileStatus::Failed : FileStatus::Completed));
  DetailFixture f(d);
  f.frame();
  f.frame();
  CHECK(f.ui.rects.count_prefix("file/") > 3);
  CHECK(f.ui.rects.count_prefix("file/") < 100);
  CHECK(f.ui.rects.text("file-error/2") == "The file /docs/f2.txt does not exist.");
}

TEST_CASE("the timeline marks the failed stage") {
  DetailFixture f(failed_detail());
  f.frame();
  CHECK(f.ui.rects.text("timeline-summary").find("failed at Extract") != std::string::npos);
  CHECK(f.ui.rects.has("timeline/extract"));
  CHECK(f.ui.rects.has("timeline/export"));
}

TEST_CASE("Retry, Resume from failure and Retry failed files only post their RetryJob kinds") {
  DetailFixture f(failed_detail());
  f.frame();
  // Separate decisions, a second or more apart (a quicker second click is a double click).
  f.click("detail-retry");
  f.time_s += 1;
  f.click("detail-resume");
  f.time_s += 1;
  f.click("detail-retry-failed-files");
  auto retries = f.sink.all<RetryJob>();
  REQUIRE(retries.size() == 3);
  CHECK(retries[0].kind == AttemptKind::Fresh);
  CHECK(retries[1].kind == AttemptKind::Resume);
  CHECK(retries[2].kind == AttemptKind::FailedFiles);
  for (const auto& r : retries) CHECK(r.job_id == 7);
  CHECK_FALSE(f.ui.rects.has("detail-cancel"));
}

TEST_CASE("a Processing job's detail offers Cancel and no retry of any kind") {
  auto d = failed_detail();
  d->job.status = JobStatus::Processing;
  d->job.error = {};
  DetailFixture f(d);
  f.frame();
  CHECK_FALSE(f.ui.rects.has("detail-retry"));
  CHECK_FALSE(f.ui.rects.has("detail-resume"));
  CHECK_FALSE(f.ui.rects.has("detail-retry-failed-files"));
  CHECK_FALSE(f.ui.rects.has("replace/2"));
  f.click("detail-cancel");
  CHECK(f.sink.only<CancelJob>().job_id == 7);
}

TEST_CASE("Strategy B: Remove and Replace… post file commands for a top-level failed file") {
  DetailFixture f(failed_detail());
  f.frame();
  CHECK_FALSE(f.ui.rects.has("remove/4"));  // archive entries follow their archive
  f.click("remove/2");
  auto removal = f.sink.only<RemoveFile>();
  CHECK(removal.job_id == 7);
  CHECK(removal.file_id == 2);

  f.click("replace/2");
  f.frame();
  REQUIRE(f.ui.rects.has("replace-path"));
  f.frame();
  CHECK(ImGui::GetIO().WantTextInput);    // the path box has the keyboard
  f.ui.press_key('A', f.drawer(), true);  // select the prefilled path, then type over it
  f.ui.type("/docs/q3-fixed.pdf", f.drawer());
  f.click("replace-confirm");
  auto replacement = f.sink.only<ReplaceFile>();
  CHECK(replacement.file_id == 2);
  CHECK(replacement.new_path == "/docs/q3-fixed.pdf");
}

TEST_CASE("Duplicate as new job asks for the create form prefilled with the job's files and settings") {
  auto d = failed_detail();
  d->job.config.chunk_size = 3000;
  DetailFixture f(d);
  f.frame();
  f.click("detail-duplicate");
  REQUIRE(f.state.create_request.has_value());
  CHECK(f.state.create_request->name == "Q3 manuals (copy)");
  CHECK(f.state.create_request->config.chunk_size == 3000);
  CHECK(f.state.create_request->files ==
        std::vector<std::string>{"/docs/a.md", "/docs/q3.pdf", "/docs/pack.zip"});
}

TEST_CASE("Delete in the detail asks for confirmation first") {
  DetailFixture f(failed_detail());
  f.frame();
  f.click("detail-delete");
  CHECK(f.state.delete_request == 7);
  CHECK(f.sink.all<DeleteJob>().empty());
}

TEST_CASE("the detail of another job than the selected one is not shown as the selected job's") {
  DetailFixture f(failed_detail());
  f.state.selected_job = 8;
  f.frame();
  CHECK_FALSE(f.ui.rects.has("error-message"));
  CHECK_FALSE(f.ui.rects.has("detail-retry"));
}

TEST_CASE("Results pages through IdeaBlocks with FocusJob offsets") {
  auto d = failed_detail();
  d->blocks_total = 120;
  d->blocks_offset = 50;
  for (int i = 0; i < 50; ++i) {
    IdeaBlock b;
    b.name = "Block " + std::to_string(i);
    b.critical_question = "What?";
    b.trusted_answer = "That.";
    d->blocks.push_back(b);
  }
  DetailFixture f(d);
  f.frame();
  f.click("tab/Results");
  f.frame();
  CHECK(f.ui.rects.text("results-range").find("51–100 of 120") != std::string::npos);
  f.click("results-next");
  f.click("results-prev");
  auto focus = f.sink.all<FocusJob>();
  REQUIRE(focus.size() == 2);
  CHECK(focus[0].blocks_offset == 100);
  CHECK(focus[1].blocks_offset == 0);
}

TEST_CASE("the Errors tab groups files by error code") {
  DetailFixture f(failed_detail());
  f.frame();
  f.click("tab/Errors");
  f.frame();
  CHECK(f.ui.rects.text("error-group/FILE_NOT_FOUND") == "FILE_NOT_FOUND — 1 file");
  CHECK(f.ui.rects.text("error-group/NO_TEXT") == "NO_TEXT — 1 file");
}

TEST_CASE("during an automatic retry's countdown the detail offers Retry now and Cancel") {
  auto d = failed_detail();
  d->job.status = JobStatus::Pending;
  d->job.retry_at = 1'700'000'500'000 + 42'000;  // 42 s after the fixture's "now"
  DetailFixture f(d);
  f.frame();
  CHECK(f.ui.rects.has("detail-cancel"));
  f.click("detail-retry-now");
  auto retry = f.sink.only<RetryJob>();
  CHECK(retry.job_id == 7);
  d->job.retry_at = 0;  // no countdown: no Retry now
  DetailFixture g(d);
  g.frame();
  CHECK_FALSE(g.ui.rects.has("detail-retry-now"));
}

}  // namespace blockify::test
