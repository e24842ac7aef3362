// The whole window: empty state and samples, shortcuts, and the detail under the table.
#include "app/gui/main_view.h"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>

#include "app/gui/keys.h"
#include "app/gui/sample_jobs.h"
#include "tests/app/view_host.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

struct MainFixture : MainViewHost {
  explicit MainFixture(const std::vector<Job>& rows) : MainViewHost(make_snapshot(rows)) {}
  // Opens the New job form named "Q3 notes" over one file, and clicks Start.
  void start_q3_notes(const TempDir& dir) {
    CreateJob values;
    values.name = "Q3 notes";
    values.files = {dir.write("q3.md", "Quarterly notes.").string()};
    state.create_request = values;
    frame();
    frame();
    click("create-start");
  }
};

}  // namespace

TEST_CASE(
    "an empty database shows the empty state; Create sample jobs copies documents and posts three jobs, once "
    "until the engine answers") {
  DataHome home;
  MainFixture f({});
  f.frame();
  REQUIRE(f.ui.rects.has("create-samples"));
  CHECK(f.ui.rects.count_prefix("row/") == 0);
  f.click("create-samples");
  auto created = f.sink.all<CreateJob>();
  REQUIRE(created.size() == 3);
  CHECK(created[0].name == "Sample: product manual");
  for (const auto& path : created[0].files) CHECK(std::filesystem::exists(path));
  // The support-notes sample fails on purpose: one of its files is missing.
  CHECK(created[1].name == "Sample: support notes");
  REQUIRE(created[1].files.size() == 2);
  CHECK(std::filesystem::exists(created[1].files[0]));
  CHECK_FALSE(std::filesystem::exists(created[1].files[1]));
  CHECK(is_restorable_sample(created[1].files[1]));
  CHECK(created[2].config.mode == JobMode::ChunkOnly);

  // A second click before the engine answers does not create them twice.
  f.click("create-samples");
  CHECK(f.sink.all<CreateJob>().size() == 3);
  // The engine refused them all: the button comes back, with the engine's sentence.
  const std::string sentence =
      "Could not save: the disk holding /tmp/blockify.db is full. Free space there, then retry.";
  for (const Ticket& ticket : f.sink.tickets) ticket->answer({ResultCode::Failure, sentence, 0});
  f.frame();
  CHECK(f.ui.rects.text("samples-error") == sentence);
  f.click("create-samples");
  CHECK(f.sink.all<CreateJob>().size() == 6);

  CHECK(restore_sample_file().empty());
  CHECK(std::filesystem::exists(created[1].files[1]));
}

TEST_CASE("the failing sample's detail offers to restore its missing file") {
  DataHome home;
  auto d = std::make_shared<JobDetail>();
  d->job = make_job(2, JobStatus::Failed, "Sample: support notes");
  d->files.push_back(missing_sample_file(2));
  MainFixture f({d->job});
  f.snap->detail = d;
  f.state.selected_job = 2;
  f.state.detail_open = true;
  f.frame();
  f.click("restore-sample");
  CHECK(std::filesystem::exists(restore_me_path()));
}

TEST_CASE("with jobs, the table shows and View opens the detail below it") {
  MainFixture f({make_job(1, JobStatus::Completed), make_job(2, JobStatus::Failed)});
  f.frame();
  CHECK_FALSE(f.ui.rects.has("create-samples"));
  CHECK(f.ui.rects.has("row/2"));
  CHECK(f.ui.rects.text("status-summary") == "1 failed · 1 completed");
  f.click("view/2");
  REQUIRE(f.state.detail_open);
  auto d = std::make_shared<JobDetail>();
  d->job = *f.snap->jobs.at(1);
  f.snap->detail = d;
  f.frame();
  REQUIRE(f.ui.rects.has("detail-retry"));
  CHECK(f.ui.rects.find("detail-retry")->y > f.ui.rects.find("row/1")->y);
  CHECK(f.ui.rects.has("splitter"));
  f.ui.press_key(kKeyEscape, f.drawer());
  CHECK_FALSE(f.state.detail_open);
  f.frame();
  CHECK_FALSE(f.ui.rects.has("detail-retry"));
}

TEST_CASE("Ctrl+N opens the create form; Ctrl+F puts the cursor in the search box") {
  MainFixture f({make_job(1, JobStatus::Completed)});
  f.frame();
  f.ui.press_key(keys::kF, f.drawer(), true);
  f.frame();
  f.frame();
  CHECK(ImGui::GetIO().WantTextInput);
  f.ui.type("zzz", f.drawer());
  f.frame();
  CHECK(f.main.jobs.query.search == "zzz");
  CHECK(f.ui.rects.count_prefix("row/") == 0);
  f.ui.press_key(kKeyEscape, f.drawer());  // leaves the search box
  f.ui.press_key(keys::kN, f.drawer(), true);
  f.frame();
  CHECK(f.main.create.open);
  CHECK(f.ui.rects.has("create-start"));
}

}  // namespace blockify::test

namespace blockify::test {

TEST_CASE("the Datasets and Settings tabs show their views, and Jobs comes back") {
  MainFixture f({make_job(1, JobStatus::Completed)});
  auto datasets = std::make_shared<DatasetsView>();
  DatasetRow manuals;
  manuals.name = "manuals";
  manuals.blocks = 12;
  manuals.jobs = 1;
  manuals.updated_at = 1'700'000'000'000;
  datasets->datasets = {manuals};
  f.snap->datasets = datasets;
  auto settings = std::make_shared<SettingsView>();
  settings->values = {{"endpoint.url", "http://127.0.0.1:8080/v1"}};
  settings->api_key_masked = "(not set)";
  f.snap->settings = settings;
  f.frame();
  CHECK(f.ui.rects.has("row/1"));  // Jobs first, from the first frame
  f.click("main-tab/Datasets");
  f.frame();
  CHECK(f.ui.rects.has("dataset/manuals"));
  CHECK_FALSE(f.ui.rects.has("row/1"));
  f.click("main-tab/Settings");
  f.frame();
  CHECK(f.ui.rects.has("setting/endpoint.url"));
  CHECK_FALSE(f.ui.rects.has("dataset/manuals"));
  f.click("main-tab/Jobs");
  f.frame();
  CHECK(f.ui.rects.has("row/1"));
}

TEST_CASE("after Start, the job the engine created opens by its id, not another job of the same name") {
  TempDir dir;
  // An older "Q3 notes" exists; while the form waits, the command line adds another one.
  MainFixture f({make_job(1, JobStatus::Completed, "Q3 notes"), make_job(2, JobStatus::Failed, "Q3 notes")});
  f.frame();
  f.click("main-tab/Datasets");  // Start may come from any tab
  f.start_q3_notes(dir);
  REQUIRE(f.sink.all<CreateJob>().size() == 1);
  Ticket ticket = f.sink.ticket_of_last<CreateJob>();

  // Until the engine answers, the form waits and a second click posts nothing.
  CHECK(f.ui.rects.has("create-start"));
  f.click("create-start");
  CHECK(f.sink.all<CreateJob>().size() == 1);

  // The engine lists the new job (3) before it answers; job 4, of the same name, came from
  // the command line in the same pass.
  f.snap = make_snapshot(
      {make_job(1, JobStatus::Completed, "Q3 notes"), make_job(2, JobStatus::Failed, "Q3 notes"),
       make_job(3, JobStatus::Pending, "Q3 notes"), make_job(4, JobStatus::Pending, "Q3 notes")},
      2);
  f.frame();
  CHECK(f.state.selected_job == 0);  // no answer yet: nothing is guessed
  ticket->answer({ResultCode::Ok, "Created job 3.", 3});
  f.frame();
  f.frame();
  CHECK_FALSE(f.ui.rects.has("create-start"));
  CHECK(f.state.selected_job == 3);
  CHECK(f.state.detail_open);
  CHECK(f.main.tab == MainTab::Jobs);
  CHECK(f.ui.rects.has("row/3"));
  auto focused = f.sink.all<FocusJob>();
  REQUIRE_FALSE(focused.empty());
  CHECK(focused.back().job_id == 3);
}

TEST_CASE("a refused Start keeps the form open with the engine's sentence, and Start can be clicked again") {
  TempDir dir;
  MainFixture f({make_job(1, JobStatus::Completed, "Q3 notes")});
  f.frame();
  f.start_q3_notes(dir);
  REQUIRE(f.sink.all<CreateJob>().size() == 1);
  const std::string sentence =
      "Could not save: the disk holding /home/user/.local/share/blockify/blockify.db is full. Free space "
      "there, "
      "then retry.";
  f.sink.ticket_of_last<CreateJob>()->answer({ResultCode::Failure, sentence, 0});
  f.frame();
  f.frame();
  CHECK(f.ui.rects.has("create-start"));
  CHECK(f.ui.rects.text("create-refused") == sentence);
  CHECK(f.state.selected_job == 0);

  f.click("create-start");
  CHECK(f.sink.all<CreateJob>().size() == 2);
  f.frame();
  CHECK_FALSE(f.ui.rects.has("create-refused"));  // the new Start waits for its own answer
}

}  // namespace blockify::test
