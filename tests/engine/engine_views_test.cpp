// The engine's side of the Datasets and Settings views: dataset rows and pages, export
// off the engine thread with its outcome as a notice, settings validated and stored.
#include <doctest/doctest.h>

#include <functional>

#include "engine/core/engine.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

SnapshotPtr wait_until(Engine& engine, const std::function<bool(const Snapshot&)>& ready) {
  return wait_for_snapshot_where(engine, ready, "the expected view");
}

struct CompletedDataset {
  TempDir dir;
  std::unique_ptr<Engine> engine;
  CompletedDataset() {
    auto doc = dir.write("guide.md",
                         "Exports are written atomically after a free space check.\n\n"
                         "Datasets collect the IdeaBlocks of every job that targets them.");
    engine = std::make_unique<Engine>(engine_options(dir / "t.db"));
    engine->submit(CreateJob{"guide", "handbook", {}, {doc.string()}}).get();
    wait_until(*engine, [](const Snapshot& s) { return s.count(JobStatus::Completed) == 1; });
  }
};

}  // namespace

TEST_CASE("a completed job's dataset is listed and its blocks can be browsed and searched") {
  CompletedDataset d;
  auto snap = wait_until(*d.engine, [](const Snapshot& s) {
    return s.datasets && !s.datasets->datasets.empty() && s.datasets->datasets[0].blocks > 0;
  });
  CHECK(snap->datasets->datasets[0].name == "handbook");
  CHECK(snap->datasets->datasets[0].jobs == 1);
  d.engine->submit(BrowseDataset{"handbook", "", 0}).get();
  snap = wait_until(*d.engine, [](const Snapshot& s) { return s.datasets->browsed == "handbook"; });
  CHECK_FALSE(snap->datasets->blocks.empty());
  d.engine->submit(BrowseDataset{"handbook", "no-such-word-anywhere", 0}).get();
  snap =
      wait_until(*d.engine, [](const Snapshot& s) { return s.datasets->search == "no-such-word-anywhere"; });
  CHECK(snap->datasets->blocks.empty());
}

TEST_CASE("export runs in the background and reports its outcome") {
  CompletedDataset d;
  auto out = d.dir / "handbook.jsonl";
  auto r = d.engine->submit(ExportDataset{"handbook", ExportFormat::Jsonl, out.string()}).get();
  REQUIRE(r.ok());
  auto snap = wait_for_export(*d.engine);
  CHECK_FALSE(snap->export_status->is_error);
  CHECK(snap->export_status->message.find("Exported") == 0);
  CHECK(std::filesystem::file_size(out) > 0);

  auto bad =
      d.engine->submit(ExportDataset{"handbook", ExportFormat::Xml, (d.dir / "no/such/dir/x.xml").string()})
          .get();
  REQUIRE(bad.ok());
  snap =
      wait_until(*d.engine, [](const Snapshot& s) { return s.export_status && s.export_status->is_error; });
  CHECK_FALSE(snap->notices.empty());
  CHECK(d.engine->submit(ExportDataset{"nope", ExportFormat::Xml, "x"}).get().code == ResultCode::NotFound);
}

TEST_CASE("settings are validated, stored and published; the API key is only ever shown masked") {
  TempDir dir;
  Engine engine(engine_options(dir / "t.db", 0));
  CHECK(engine.submit(SetSetting{"endpoint.parallel", "16"}).get().ok());
  auto refused = engine.submit(SetSetting{"endpoint.url", "ftp://x"}).get();
  CHECK(refused.code == ResultCode::Usage);
  CHECK(refused.message.find("must start with http:// or https://.") != std::string::npos);
  CHECK(engine.submit(SetSetting{"no.such", "1"}).get().code == ResultCode::Usage);
  auto snap = wait_until(engine, [](const Snapshot& s) {
    if (!s.settings) return false;
    for (const auto& [k, v] : s.settings->values)
      if (k == "endpoint.parallel") return v == "16";
    return false;
  });
  CHECK(snap->settings->api_key_masked.find("sk-") == std::string::npos);
}
