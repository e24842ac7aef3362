// Widget rectangles as the end-to-end driver reads them.
#include "app/gui/widget_rects.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

#include "tests/app/headless_ui.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {
using namespace blockify::gui;

TEST_CASE("rects are written as JSON with whole pixels, and rewritten only when they change") {
  TempDir dir;
  auto path = dir / "rects.json";
  WidgetRects rects;
  rects.record("retry/7", {100.4f, 20.6f, 50.0f, 24.0f});
  rects.record("view/7", {160, 20, 40, 24});
  REQUIRE(rects.write_if_changed(path));
  auto json = nlohmann::json::parse(read_file(path));
  CHECK(json["retry/7"] == nlohmann::json({100, 21, 50, 24}));
  CHECK(json["view/7"] == nlohmann::json({160, 20, 40, 24}));

  std::filesystem::remove(path);
  CHECK(rects.write_if_changed(path));
  CHECK_FALSE(std::filesystem::exists(path));  // unchanged: not rewritten
  rects.begin_frame();
  rects.record("cancel/7", {1, 2, 3, 4});
  CHECK(rects.write_if_changed(path));
  json = nlohmann::json::parse(read_file(path));
  CHECK(json.size() == 1);
  CHECK(json.contains("cancel/7"));
}

TEST_CASE("BLOCKIFY_UI_RECTS names the file; nothing is written when it is unset") {
  TempDir dir;
  auto path = dir / "ui.json";
  WidgetRects rects;
  rects.record("create-samples", {10, 10, 100, 30});
  ::unsetenv("BLOCKIFY_UI_RECTS");
  CHECK(rects.write_to_env_file());
  CHECK_FALSE(std::filesystem::exists(path));
  ::setenv("BLOCKIFY_UI_RECTS", path.c_str(), 1);
  CHECK(rects.write_to_env_file());
  ::unsetenv("BLOCKIFY_UI_RECTS");
  CHECK(nlohmann::json::parse(read_file(path)).contains("create-samples"));
}

}  // namespace blockify::test
