// The create form: format checks, inline validation, and the CreateJob that Start posts.
#include "app/gui/create_job_dialog.h"

#include <imgui.h>

#include "engine/pipeline/extract/extract.h"
#include "tests/app/view_host.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

using DialogFixture = CreateDialogHost;

}  // namespace

TEST_CASE("supported formats are recognised by extension, case-insensitively") {
  struct Case {
    const char* path;
    bool supported;
  };
  // The form asks the pipeline: spreadsheets, mail and scans count as much as text.
  const Case cases[] = {{"/a/b.PDF", true}, {"notes.md", true},   {"deck.pptx", true},
                        {"page.htm", true}, {"sheet.XLSX", true}, {"inbox.mbox", true},
                        {"scan.png", true}, {"song.mp3", false},  {"README", false}};
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CHECK(is_supported_format(c.path) == c.supported);
  }
}

TEST_CASE("adding files: sizes, unsupported and missing files are flagged, folders expand") {
  TempDir dir;
  auto a = dir.write("a.md", "# Title\nSome text.");
  auto song = dir.write("song.mp3", "xx");
  dir.write("sub/b.txt", "bee");
  CreateJobForm form;
  CHECK(add_path(form, a.string()).message.empty());
  REQUIRE(form.files.size() == 1);
  CHECK(form.files[0].size == 18);
  CHECK(form.files[0].problem.empty());
  CHECK(form.name == "a");  // suggested from the file
  auto again = add_path(form, a.string());
  CHECK(again.is_error);
  CHECK(again.message.find("already in the list") != std::string::npos);

  CHECK(add_path(form, song.string()).added == 1);
  CHECK(form.files[1].problem ==
        "song.mp3 is not a supported format (txt, md, csv, json, html, htm, docx, pptx, xlsx, odt, ods, odp, "
        "epub, eml, mbox, pdf, zip, png, jpg, jpeg, tif, tiff, bmp, webp); it will be left out.");
  CHECK(add_path(form, (dir / "gone.pdf").string()).added == 1);
  CHECK(form.files[2].problem == "gone.pdf does not exist or is not a file; it will be left out.");
  // Files that cannot be read are left out of the job rather than blocking it.
  CHECK(form_problems(form).empty());
  CHECK(usable_files(form) == 1);
  CHECK(to_command(form).files == std::vector<std::string>{a.string()});

  remove_file(form, 2);
  remove_file(form, 1);
  remove_file(form, 0);
  CHECK(form_problems(form).size() == 1);                 // no file at all
  CHECK(add_path(form, dir.path().string()).added == 2);  // the folder's documents, subfolders too
  CHECK(form.files.size() == 2);
  CHECK(form.files[1].path.ends_with("sub/b.txt"));
  CHECK(add_path(form, a.string()).is_error);  // the folder brought it already
}

TEST_CASE("chunk size and overlap outside their ranges keep Start from posting") {
  TempDir dir;
  DialogFixture f;
  f.open_with("Manuals", {dir.write("a.txt", "text").string()});
  f.dialog.form.config.chunk_size = 500;
  f.frame();
  CHECK(f.ui.rects.text("create-problem/0") == "Chunk size must be between 1,000 and 4,000 characters.");
  f.click("create-start");
  CHECK(f.sink.commands.empty());
  f.dialog.form.config.chunk_size = 2500;
  f.dialog.form.config.overlap_percent = 70;
  f.frame();
  CHECK(f.ui.rects.text("create-problem/0") == "Overlap must be between 0 and 50 percent of the chunk size.");
}

TEST_CASE(
    "Start posts CreateJob with the form's values and closes the form once the engine created the job") {
  TempDir dir;
  DialogFixture f;
  auto file = dir.write("q3.md", "Quarterly notes.");
  f.open();
  REQUIRE(f.ui.rects.has("create-start"));
  f.dialog.form.add_path = file.string();
  f.frame();
  f.click("create-add");
  REQUIRE(f.dialog.form.files.size() == 1);
  f.dialog.form.name = "Q3 notes";
  f.dialog.form.dataset = "quarterly";
  f.frame();
  f.click("create-mode-chunk");
  f.click("create-start");
  auto created = f.sink.only<CreateJob>();
  CHECK(created.name == "Q3 notes");
  CHECK(created.dataset == "quarterly");
  CHECK(created.config.mode == JobMode::ChunkOnly);
  CHECK(created.files == std::vector<std::string>{file.string()});
  f.frame();
  CHECK(f.dialog.open);      // waiting for the engine's answer
  CHECK(f.state.animating);  // which wakes nobody: frames keep coming until it is here
  f.sink.ticket_of_last<CreateJob>()->answer({ResultCode::Ok, "Created job 12.", 12});
  f.frame();
  CHECK(f.dialog.created_job == 12);
  f.frame();
  CHECK_FALSE(f.dialog.open);
  CHECK_FALSE(f.ui.rects.has("create-start"));
}

TEST_CASE("Cancel while Start waits for the engine closes the form and forgets the answer") {
  TempDir dir;
  DialogFixture f;
  CreateJob prefill;
  prefill.name = "Q3 notes";
  prefill.files = {dir.write("q3.md", "Quarterly notes.").string()};
  f.open(prefill);
  f.click("create-start");
  REQUIRE(f.sink.all<CreateJob>().size() == 1);
  f.click("create-cancel");
  CHECK_FALSE(f.dialog.open);
  f.sink.ticket_of_last<CreateJob>()->answer({ResultCode::Ok, "Created job 12.", 12});
  f.frame();
  CHECK(f.dialog.created_job == 0);  // the job is listed, but not opened over the user's back
}

TEST_CASE("files dropped on the window open the form with them, or join the open form") {
  TempDir dir;
  DialogFixture f;
  auto a = dir.write("a.txt", "a").string();
  auto b = dir.write("b.txt", "b").string();
  add_dropped_files(f.dialog, f.state, {a});
  f.frame();
  CHECK(f.dialog.open);
  REQUIRE(f.dialog.form.files.size() == 1);
  add_dropped_files(f.dialog, f.state, {b});
  f.frame();
  CHECK(f.dialog.form.files.size() == 2);
  CHECK(f.ui.rects.text("create-file/1") == b);
}

}  // namespace blockify::test
