// When the engine cannot start, the window says why instead of crashing.
#include "app/gui/startup_error_view.h"

#include "tests/app/headless_ui.h"

namespace blockify::test {
using namespace blockify::gui;

TEST_CASE("the startup error shows the engine's sentence and Close ends it") {
  HeadlessUi ui;
  const std::string sentence = "Another Blockify is already using the database /tmp/x/blockify.db.";
  bool closed = false;
  auto draw = [&] { closed = closed || draw_startup_error(sentence, ui.rects); };
  ui.frame(draw);
  CHECK(ui.rects.text("startup-error") == sentence);
  CHECK_FALSE(closed);
  ui.click("startup-close", draw);
  CHECK(closed);
}

}  // namespace blockify::test
