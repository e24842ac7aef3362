// The Datasets view: choosing a dataset browses it, the search waits for a pause in
// typing, paging moves by 50, and Export… posts the chosen format and path.
#include "app/gui/datasets_view.h"

#include <imgui.h>

#include <cstdlib>

#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

IdeaBlock block(int i) {
  IdeaBlock b;
  b.name = "Retry Policy " + std::to_string(i);
  b.critical_question = "What happens when a job is retried?";
  b.trusted_answer = "The job restarts from the beginning with the same configuration.";
  b.tags = {"IMPORTANT", "PROCESS"};
  b.keywords = {"retry", "job"};
  b.entities = {{"BLOCKIFY", "PRODUCT"}};
  return b;
}

DatasetRow dataset_row(const std::string& name, int64_t blocks, int64_t jobs, TimeMs updated_at) {
  DatasetRow row;
  row.name = name;
  row.blocks = blocks;
  row.jobs = jobs;
  row.updated_at = updated_at;
  return row;
}

std::shared_ptr<DatasetsView> view_with(const std::string& browsed, int64_t offset, int blocks) {
  auto v = std::make_shared<DatasetsView>();
  v->datasets = {dataset_row("manuals", 1234, 3, 1'700'000'000'000),
                 dataset_row("support notes", 80, 1, 1'700'000'400'000)};
  v->browsed = browsed;
  v->offset = offset;
  for (int i = 0; i < blocks; ++i) v->blocks.push_back(block(static_cast<int>(offset) + i));
  return v;
}

struct DatasetsFixture : ViewHost {
  DatasetsViewState datasets;

  DatasetsFixture() { snap->datasets = view_with("", 0, 0); }
  void draw_view(ViewContext& ctx) override { draw_datasets_view(ctx, datasets); }
};

}  // namespace

TEST_CASE("clicking a dataset browses its first page with the current search") {
  DatasetsFixture f;
  f.frame();
  for (const DatasetRow& row : f.snap->datasets->datasets) REQUIRE(f.ui.rects.has("dataset/" + row.name));
  f.click("dataset/support notes");
  auto browse = f.sink.only<BrowseDataset>();
  CHECK(browse.name == "support notes");
  CHECK(browse.search.empty());
  CHECK(browse.offset == 0);
}

TEST_CASE("the browsed page shows each block's fields, and Prev/Next move by 50") {
  DatasetsFixture f;
  f.datasets.selected = "manuals";
  f.snap->datasets = view_with("manuals", 50, 50);
  f.frame();
  CHECK(f.ui.rects.text("block/0") == "Retry Policy 50");
  CHECK(f.ui.rects.text("datasets-range") == "IdeaBlocks 51–100 of 1,234");
  f.click("datasets-next");
  f.click("datasets-prev");
  auto browse = f.sink.all<BrowseDataset>();
  REQUIRE(browse.size() == 2);
  CHECK(browse[0].offset == 100);
  CHECK(browse[1].offset == 0);

  // A short page is the last one: Next does nothing.
  f.snap->datasets = view_with("manuals", 100, 7);
  f.sink.clear();
  f.click("datasets-next");
  CHECK(f.sink.commands.empty());
  // So is a full page that reaches the dataset's last block.
  f.snap->datasets = view_with("manuals", 1184, 50);
  f.click("datasets-next");
  CHECK(f.sink.commands.empty());
}

TEST_CASE("the search is sent once typing pauses for 300 ms, not on every keystroke") {
  DatasetsFixture f;
  f.datasets.selected = "manuals";
  f.snap->datasets = view_with("manuals", 0, 3);
  f.frame();
  f.click("dataset-search");
  f.ui.type("ret", f.drawer());
  f.time_s += 0.1;
  f.ui.type("ry", f.drawer());
  f.time_s += 0.2;  // 0.2 s after the last key
  f.frame();
  CHECK(f.sink.all<BrowseDataset>().empty());
  CHECK(f.state.animating);  // keeps drawing so the pause is noticed
  f.time_s += 0.15;
  f.frame();
  auto browse = f.sink.only<BrowseDataset>();
  CHECK(browse.name == "manuals");
  CHECK(browse.search == "retry");
  CHECK(browse.offset == 0);
  f.time_s += 1;
  f.frame();
  CHECK(f.sink.all<BrowseDataset>().size() == 1);
}

TEST_CASE("Export… proposes ~/<dataset>.<ext> and posts the chosen format") {
  ::setenv("HOME", "/home/ana", 1);
  CHECK(default_export_path("support notes", ExportFormat::Jsonl) == "/home/ana/support-notes.jsonl");
  CHECK(default_export_path("manuals", ExportFormat::Markdown) == "/home/ana/manuals.md");
  DatasetsFixture f;
  f.datasets.selected = "manuals";
  f.snap->datasets = view_with("manuals", 0, 3);
  f.frame();
  f.click("export-open");
  f.frame();
  f.click("export-format/jsonl");
  CHECK(f.datasets.export_path == "/home/ana/manuals.jsonl");
  f.click("export-confirm");
  auto exported = f.sink.only<ExportDataset>();
  CHECK(exported.name == "manuals");
  CHECK(exported.format == ExportFormat::Jsonl);
  CHECK(exported.path == "/home/ana/manuals.jsonl");
}

TEST_CASE("the export's progress and its outcome are shown, a failure in red words") {
  DatasetsFixture f;
  f.datasets.selected = "manuals";
  f.snap->datasets = view_with("manuals", 0, 3);
  f.snap->export_status = std::make_shared<ExportStatus>(ExportStatus{true, "Exporting manuals…", false});
  f.frame();
  CHECK(f.ui.rects.text("export-status") == "Exporting manuals…");
  CHECK(f.state.animating);
  f.click("export-open");  // disabled while one runs
  CHECK_FALSE(f.datasets.export_open);
  f.snap->export_status = std::make_shared<ExportStatus>(
      ExportStatus{false, "Not enough free space to write /home/ana/manuals.xml. Free up space.", true});
  f.frame();
  CHECK(f.ui.rects.text("export-status").find("Not enough free space") == 0);
}

TEST_CASE("no datasets yet reads as a sentence") {
  DatasetsFixture f;
  f.snap->datasets = std::make_shared<DatasetsView>();
  f.frame();
  CHECK(f.ui.rects.text("datasets-empty").find("No datasets yet") == 0);
}

TEST_CASE(
    "search by meaning: the switch, the query posted as SearchDataset, hits with scores that open their "
    "job") {
  DatasetsFixture f;
  f.snap->datasets = view_with("manuals", 0, 3);
  f.frame();
  f.click("dataset/manuals");
  f.click("search-by-meaning");
  REQUIRE(f.datasets.by_meaning);
  REQUIRE(f.ui.rects.has("meaning-query"));
  CHECK_FALSE(f.ui.rects.has("datasets-prev"));  // the word browser is hidden
  f.datasets.meaning_query = "how do retries work?";
  f.click("meaning-search");
  auto search = f.sink.only<SearchDataset>();
  CHECK(search.name == "manuals");
  CHECK(search.query == "how do retries work?");
  CHECK(search.by_meaning);

  // The engine answers: two hits, best first.
  auto found = std::make_shared<DatasetSearchView>();
  found->dataset = "manuals";
  found->query = "how do retries work?";
  found->by_meaning = true;
  found->hits = {{block(7), 42, 0.91f}, {block(2), 43, 0.52f}};
  found->hits[0].block.source_file = "/docs/manual.pdf";
  f.snap->dataset_search = found;
  f.frame();
  CHECK(f.ui.rects.text("meaning-status") == "2 IdeaBlocks nearest to \"how do retries work?\"");
  CHECK(f.ui.rects.text("hit/0") == "Retry Policy 7");
  f.click("hit/0");
  REQUIRE(f.ui.rects.has("hit-open-job"));
  f.click("hit-open-job");
  CHECK(f.state.selected_job == 42);
  CHECK(f.state.detail_open);
  CHECK(f.state.show_jobs_tab);  // the job opens in the Jobs tab, where its detail is

  f.click("search-by-words");
  CHECK_FALSE(f.datasets.by_meaning);
  CHECK(f.ui.rects.has("dataset-search"));
}

TEST_CASE(
    "by words: clicking a block shows its source file and selects its job; Open job opens it in the Jobs "
    "tab") {
  DatasetsFixture f;
  f.datasets.selected = "manuals";
  auto v = view_with("manuals", 0, 3);
  v->blocks[1].id = 502;
  v->blocks[1].job_id = 17;
  v->blocks[1].source_file = "/docs/retry.md";
  f.snap->datasets = v;
  f.frame();
  CHECK_FALSE(f.ui.rects.has("hit-open-job"));
  f.click("block/1");
  CHECK(f.datasets.opened_block == 502);
  CHECK(f.state.selected_job == 17);
  CHECK_FALSE(f.state.detail_open);
  f.frame();
  CHECK(f.ui.rects.text("result-source") == "/docs/retry.md");
  REQUIRE(f.ui.rects.has("hit-open-job"));
  f.click("hit-open-job");
  CHECK(f.state.selected_job == 17);
  CHECK(f.state.detail_open);
  CHECK(f.state.show_jobs_tab);
}

TEST_CASE(
    "each dataset shows its vectors; stale ones say so with a Re-embed button that posts ReEmbedDataset") {
  DatasetsFixture f;
  auto v = view_with("", 0, 0);
  v->datasets[0].vector_model = "old-model";
  v->datasets[0].vector_dimensions = 64;
  v->datasets[0].vectors = 1234;
  v->datasets[0].vectors_stale = true;
  v->datasets[1].vector_model = "new-model";
  v->datasets[1].vectors = 80;
  f.snap->datasets = v;
  f.frame();
  CHECK(f.ui.rects.text("vectors/manuals") == "vectors stale");
  CHECK(f.ui.rects.text("vectors/support notes") == "new-model · 80");
  REQUIRE(f.ui.rects.has("reembed/manuals"));
  CHECK_FALSE(f.ui.rects.has("reembed/support notes"));
  f.click("reembed/manuals");
  auto posted = f.sink.only<ReEmbedDataset>();
  CHECK(posted.dataset == "manuals");
  CHECK(f.sink.all<BrowseDataset>().empty());  // the button, not the row under it

  // The engine queued it and is at work: the row follows the snapshot.
  auto running = std::make_shared<DatasetsView>(*v);
  running->datasets[0].reembed_job = 9;
  running->datasets[0].reembed_status = JobStatus::Processing;
  running->datasets[0].reembed_done = 300;
  running->datasets[0].reembed_total = 1234;
  f.snap->datasets = running;
  f.frame();
  CHECK(f.ui.rects.text("vectors/manuals") == "Re-embedding, job 9: 300 of 1,234");
  CHECK_FALSE(f.ui.rects.has("reembed/manuals"));
}

}  // namespace blockify::test
