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
};

}  // namespace

TEST_CASE("an empty database shows the empty state; Create sample jobs copies documents and posts three jobs") {
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

  // A second click before the engine shows the jobs does not create them twice.
  f.click("create-samples");
  CHECK(f.sink.all<CreateJob>().size() == 3);

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

TEST_CASE("after Start, the new job opens in the detail as soon as the engine lists it") {
  TempDir dir;
  MainFixture f({make_job(1, JobStatus::Completed)});
  f.frame();
  f.click("main-tab/Datasets");  // Start may come from any tab
  CreateJob prefill;
  prefill.name = "Q3 notes";
  prefill.files = {dir.write("q3.md", "Quarterly notes.").string()};
  f.state.create_request = prefill;
  f.frame();
  f.frame();
  f.click("create-start");
  REQUIRE(f.sink.all<CreateJob>().size() == 1);
  Job created = make_job(2, JobStatus::Pending, "Q3 notes");
  f.snap = make_snapshot({make_job(1, JobStatus::Completed), created}, 2);
  f.frame();
  f.frame();
  CHECK(f.state.selected_job == 2);
  CHECK(f.state.detail_open);
  CHECK(f.main.tab == MainTab::Jobs);
  CHECK(f.ui.rects.has("row/2"));
}

}  // namespace blockify::test
