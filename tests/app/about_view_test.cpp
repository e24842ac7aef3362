// Help → About: versions, the data folder and log file, and their Open buttons.
#include "app/gui/about_view.h"

#include <imgui.h>
#include <sqlite3.h>

#include <filesystem>
#include <vector>

#include "app/cli/version.h"
#include "app/gui/main_view.h"
#include "tests/app/view_host.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

struct AboutFixture : MainViewHost {
  std::vector<std::filesystem::path> opened;
  std::string open_error;  // what the fake desktop answers

  AboutFixture() : MainViewHost(make_snapshot({make_job(1, JobStatus::Completed)})) {
    main.about.open_path = [this](const std::filesystem::path& p) {
      opened.push_back(p);
      return open_error;
    };
  }
};

}  // namespace

TEST_CASE("About shows the version and the libraries' versions, as blockify --version prints them") {
  AboutFixture f;
  f.frame();
  CHECK_FALSE(f.ui.rects.has("about-version"));
  f.click("about");
  f.frame();
  REQUIRE(f.ui.rects.has("about-version"));
  CHECK(f.ui.rects.text("about-version") == std::string("blockify ") + BLOCKIFY_TEST_PROJECT_VERSION);
  std::string libraries = f.ui.rects.text("about-libraries");
  CHECK(libraries.find(std::string("SQLite ") + sqlite3_libversion()) != std::string::npos);
  CHECK(libraries.find("poppler ") != std::string::npos);
  CHECK(libraries.find("libarchive 3.") != std::string::npos);
  CHECK(libraries.find(std::string("Dear ImGui ") + IMGUI_VERSION) != std::string::npos);
  // The same lines as the command line's --version, after its first line.
  std::string cli = cli::version_text();
  CHECK(cli.rfind(f.ui.rects.text("about-version") + "\n", 0) == 0);
  for (const auto& lib : cli::library_versions())
    CHECK(cli.find("  " + lib.name + " " + lib.version) != std::string::npos);
}

TEST_CASE("About's buttons open the data folder and the log file on the desktop") {
  AboutFixture f;
  f.frame();  // the tab bar places its trailing button once it has measured the tabs
  f.click("about");
  f.frame();
  CHECK(f.ui.rects.text("about-data-folder") == "/home/user/.local/share/blockify");
  CHECK(f.ui.rects.text("about-log-file") == "/home/user/.local/share/blockify/blockify.log");

  f.click("about-open-data-folder");
  REQUIRE(f.opened.size() == 1);
  CHECK(f.opened[0] == "/home/user/.local/share/blockify");
  f.click("about-open-log-file");
  REQUIRE(f.opened.size() == 2);
  CHECK(f.opened[1] == "/home/user/.local/share/blockify/blockify.log");

  // When the desktop cannot open it, the sentence saying why is shown.
  f.open_error = "Could not start xdg-open to show the log. Install xdg-utils or open the path yourself.";
  f.click("about-open-log-file");
  CHECK(f.ui.rects.text("about-message") == f.open_error);

  f.click("about-close");
  f.frame();
  CHECK_FALSE(f.ui.rects.has("about-version"));
  CHECK(f.sink.commands.empty());  // About changes nothing in the engine
}

}  // namespace blockify::test
