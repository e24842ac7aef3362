// Adding files to a new job: folders recursively with a bound, unreadable files left out
// of Start, the distill threshold, the zenity pick on a background thread, and the in-app
// browser that reads a folder only when the user navigates.
#include "app/gui/create_job_dialog.h"

#include <imgui.h>

#include <filesystem>
#include <fstream>

#include "tests/app/view_host.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

using DialogFixture = CreateDialogHost;

// Waits for the picker's thread to finish (false at the hang guard).
bool wait_for_pick(const FilePicker& picker) {
  return eventually([&] { return picker.has_result(); });
}

// Holds a picker's shell command until the test opens the gate (a file appearing), so
// "the pick is still running" is a state the test holds, not a sleep it hopes outlasts a
// check. Opened on every path, so the command never outlives the test by more than
// its own 30 s hang guard.
struct PickGate {
  std::filesystem::path file;
  explicit PickGate(const TempDir& dir) : file(dir / "pick-gate") {}
  ~PickGate() { open(); }
  void open() const { std::ofstream(file).put('x'); }
  // Shell that waits for the gate (at most 30 s), then runs `then` if it opened, else exits 1.
  std::string wait_then(const std::string& then) const {
    return "i=0; while [ ! -e '" + file.string() +
           "' ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; [ -e '" + file.string() +
           "' ] || exit 1; " + then;
  }
};

}  // namespace

TEST_CASE("an unsupported file is marked red with its reason and left out of the job Start posts") {
  TempDir dir;
  DialogFixture f;
  std::string md = dir.write("a.md", "# A").string();
  f.open_with("Mixed", {md, dir.write("song.mp3", "png").string()});
  CHECK(f.ui.rects.text("create-check/0") == "ok");
  CHECK(f.ui.rects.text("create-check/1").find("song.mp3 is not a supported format") == 0);
  CHECK(f.ui.rects.text("create-files-summary") == "1 file, 3 bytes · 1 file in red will be left out");
  f.click("create-start");
  auto created = f.sink.only<CreateJob>();
  CHECK(created.files == std::vector<std::string>{md});
}

TEST_CASE("a dropped folder adds its documents from every subfolder, at most 10,000, with a note past that") {
  TempDir dir;
  for (size_t i = 0; i < kMaxFolderFiles + 5; ++i) {
    std::ofstream((dir / ("n" + std::to_string(i) + ".txt"))) << "x";
  }
  dir.write("deep/er/last.md", "m");
  dir.write("deep/skip.mp3", "p");
  DialogFixture f;
  add_dropped_files(f.dialog, f.state, {dir.path().string()});
  f.frame();
  f.frame();
  REQUIRE(f.dialog.open);
  CHECK(f.dialog.form.files.size() == kMaxFolderFiles);
  f.frame();
  f.frame();
  CHECK(f.ui.rects.text("create-add-message").find("Added the first 10000 documents of") == 0);
  CHECK(f.ui.rects.count_prefix("create-file/") < 100);  // only the visible rows are drawn

  TempDir small;
  small.write("deep/er/last.md", "m");
  small.write("deep/skip.mp3", "p");
  small.write(".git/objects/readme.txt", "hidden");
  small.write(".notes.md", "hidden");
  small.write("top.txt", "t");
  add_dropped_files(f.dialog, f.state, {small.path().string()});
  f.frame();
  CHECK(f.dialog.form.files.size() == kMaxFolderFiles + 2);
  CHECK(f.dialog.form.files.back().path.ends_with("top.txt"));
}

TEST_CASE("the distill threshold shows for Blockify jobs only, from 0.8, and goes into the job") {
  TempDir dir;
  DialogFixture f;
  f.open_with("Manuals", {dir.write("a.txt", "text").string()});
  REQUIRE(f.ui.rects.has("create-distill"));
  CHECK(f.dialog.form.config.distill_threshold == doctest::Approx(0.8));
  f.dialog.form.config.distill_threshold = 0.3;
  f.frame();
  CHECK(f.ui.rects.text("create-problem/0") == "The distill threshold must be between 0.5 and 1.0.");
  f.dialog.form.config.distill_threshold = 0.9;
  f.click("create-mode-chunk");
  CHECK_FALSE(f.ui.rects.has("create-distill"));
  f.click("create-mode-blockify");
  f.click("create-start");
  auto created = f.sink.only<CreateJob>();
  CHECK(created.config.distill_threshold == doctest::Approx(0.9));
}

TEST_CASE("a pick runs on its own thread and its paths reach the form through the queue") {
  TempDir dir;
  PickGate gate(dir);
  FilePicker picker;
  CHECK(picker.start(gate.wait_then("printf '/docs/a.pdf\\n/docs/b c.md\\n'")));
  CHECK(picker.running());
  CHECK_FALSE(picker.start("true"));  // one dialog at a time
  gate.open();
  REQUIRE(wait_for_pick(picker));
  PickResult r = picker.take();
  CHECK(r.finished);
  CHECK(r.paths == std::vector<std::string>{"/docs/a.pdf", "/docs/b c.md"});
  CHECK_FALSE(picker.running());
  CHECK_FALSE(picker.take().finished);

  CHECK(picker.start("exit 1"));  // a cancelled dialog
  REQUIRE(wait_for_pick(picker));
  r = picker.take();
  CHECK(r.finished);
  CHECK(r.paths.empty());
}

TEST_CASE(
    "with zenity, Add files… starts the pick without blocking and the picked files join the open form") {
  TempDir dir;
  auto a = dir.write("a.txt", "a").string();
  // A stand-in zenity on PATH that prints the file once the test opens the gate.
  PickGate gate(dir);
  auto fake = dir.write("bin/zenity", "#!/bin/sh\n" + gate.wait_then("echo " + a) + "\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", ((dir / "bin").string() + ":" + old_path).c_str(), 1);
  CHECK(on_path("zenity"));
  ::setenv("PATH", old_path.c_str(), 1);

  DialogFixture f;
  f.dialog.use_zenity = true;
  f.open();
  ::setenv("PATH", ((dir / "bin").string() + ":" + old_path).c_str(), 1);
  f.click("create-add-files");
  // The UI did not wait: the click returned while zenity is still held at the gate.
  CHECK(f.dialog.picker.running());
  gate.open();
  bool picked = wait_for_pick(f.dialog.picker);
  ::setenv("PATH", old_path.c_str(), 1);
  REQUIRE(picked);
  f.frame();
  REQUIRE(f.dialog.form.files.size() == 1);
  CHECK(f.dialog.form.files[0].path == a);
}

TEST_CASE("without zenity, the in-app browser lists folders first and reads a folder only on navigation") {
  TempDir dir;
  dir.write("docs/q3.pdf", "%PDF");
  dir.write("docs/notes.md", "# notes");
  dir.write("docs/song.mp3", "png");
  dir.write("docs/archive/old.txt", "old");
  ::setenv("HOME", dir.path().c_str(), 1);
  DialogFixture f;
  f.dialog.use_zenity = false;
  f.open();
  f.click("create-add-files");
  f.frame();
  REQUIRE(f.dialog.browser.open);
  CHECK(f.ui.rects.text("browser-folder") == dir.path().string());
  f.click("browser-entry/docs");
  f.frame();
  CHECK(f.ui.rects.text("browser-folder") == (dir / "docs").string());
  const auto& entries = f.dialog.browser.entries;
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].name == "archive");
  CHECK(entries[0].folder);
  CHECK(entries[1].name == "notes.md");
  size_t listings = f.dialog.browser.listings;
  for (int i = 0; i < 5; ++i) f.frame();
  CHECK(f.dialog.browser.listings == listings);  // drawing alone reads nothing

  f.click("browser-entry/song.mp3");  // unsupported: not selectable
  CHECK(f.dialog.browser.chosen.empty());
  f.click("browser-entry/q3.pdf");
  f.click("browser-entry/notes.md");
  CHECK(f.ui.rects.text("browser-add") == "Add 2 files");
  f.click("browser-add");
  f.frame();
  CHECK_FALSE(f.dialog.browser.open);
  REQUIRE(f.dialog.form.files.size() == 2);
  CHECK(f.dialog.form.files[0].path == (dir / "docs/notes.md").string());
  CHECK(f.dialog.open);  // the form stays, with its new files

  f.click("create-add-files");
  f.frame();
  CHECK(f.ui.rects.text("browser-folder") == (dir / "docs").string());  // where the user left off
  f.click("browser-up");
  f.frame();
  CHECK(f.ui.rects.text("browser-folder") == dir.path().string());
  f.click("browser-entry/docs");
  f.click("browser-home");
  f.frame();
  CHECK(f.ui.rects.text("browser-folder") == dir.path().string());
  f.click("browser-cancel");
  f.frame();
  CHECK_FALSE(f.dialog.browser.open);
  CHECK(f.dialog.open);
}

}  // namespace blockify::test
