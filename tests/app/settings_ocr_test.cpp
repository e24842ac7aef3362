// The Settings view's OCR rows against a real engine (a temporary SQLite file, no
// workers): the rows show the stored values, Save posts only what changed, a valid value
// is saved, and a language whose Tesseract data is missing is refused with the Debian
// package to install, shown under the form and not saved.
#include <imgui.h>

#include <string>
#include <vector>

#include "app/gui/settings_view.h"
#include "engine/core/engine.h"
#include "tests/app/view_host.h"
#include "tests/support/engine_options.h"
#include "tests/support/engine_wait.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {
using namespace blockify::gui;
namespace {

std::string value_of(const Snapshot& snap, const std::string& key) {
  if (!snap.settings) return {};
  for (const auto& [k, v] : snap.settings->values)
    if (k == key) return v;
  return {};
}

struct OcrSettingsFixture : ViewHost {
  TempDir dir;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<EngineCommandSink> to_engine;
  SettingsViewState settings;

  OcrSettingsFixture() {
    engine = std::make_unique<Engine>(engine_options(dir / "settings.db", 0));
    to_engine = std::make_unique<EngineCommandSink>(*engine);
    sink.forward = to_engine.get();  // what the view posts is recorded, then applied
    show(wait_for_snapshot_where(
        *engine, [](const Snapshot& s) { return !value_of(s, "ocr.languages").empty(); },
        "the OCR settings"));
  }
  // Draws what the engine published from the next frame on.
  void show(const SnapshotPtr& published) { snap = std::make_shared<Snapshot>(*published); }
  void draw_view(ViewContext& ctx) override { draw_settings_view(ctx, settings); }
  void stop_engine() {
    sink.forward = nullptr;
    to_engine.reset();
    engine.reset();
  }
};

}  // namespace

TEST_CASE(
    "OCR settings: the rows show, a change is saved, a missing language pack is refused naming its package") {
  OcrSettingsFixture f;
  f.frame();
  CHECK(f.ui.rects.text("setting-label/ocr.enabled") == "OCR");
  CHECK(f.ui.rects.text("setting-label/ocr.languages") == "OCR languages");
  CHECK(f.ui.rects.text("setting-label/ocr.page_seconds") == "OCR time per page (s)");
  CHECK(f.ui.rects.text("setting/ocr.enabled") == "true");
  CHECK(f.ui.rects.text("setting/ocr.languages") == "eng");
  CHECK(f.ui.rects.text("setting/ocr.page_seconds") == "120");

  // "tlh" (Klingon) has a Tesseract code but no data installed here.
  change_settings_and_save(f, {{"ocr.enabled", "false"}, {"ocr.languages", "eng+tlh"}}, "Save 2 changes");
  REQUIRE(posted_settings(f.sink) ==
          "ocr.enabled = false\n"
          "ocr.languages = eng+tlh\n");

  f.show(wait_for_snapshot_where(
      *f.engine,
      [](const Snapshot& s) {
        if (value_of(s, "ocr.enabled") != "false") return false;
        for (const auto& n : s.notices)
          if (n.is_error && n.text.find("tesseract-ocr-tlh") != std::string::npos) return true;
        return false;
      },
      "ocr.enabled saved and the missing language refused"));
  CHECK(value_of(*f.snap, "ocr.languages") == "eng");  // refused: the old value stays
  // The form shows the refusal its own command's ticket answers (after that snapshot).
  Ticket refused = f.sink.ticket_of_last<SetSetting>();
  REQUIRE(eventually([&] { return !refused->pending(); }));
  CHECK(refused->result()->code == ResultCode::Usage);
  f.frame();
  f.frame();
  CHECK(f.ui.rects.text("setting/ocr.enabled") == "false");
  CHECK(f.ui.rects.text("settings-error/0") ==
        "OCR languages was not changed: the Tesseract language data for \"tlh\" is not installed. Install "
        "the Debian "
        "package tesseract-ocr-tlh, then save again.");
  CHECK_FALSE(f.ui.rects.has("settings-error/1"));
  // What the user typed is kept, marked as still to save.
  CHECK(f.ui.rects.text("setting/ocr.languages") == "eng+tlh");
  CHECK(f.ui.rects.text("settings-save") == "Save 1 change");

  // An installed language is saved, and the refusal goes away with the next Save.
  f.retype("setting/ocr.languages", "eng");
  f.retype("setting/ocr.page_seconds", "30");
  f.click("settings-save");
  f.show(wait_for_snapshot_where(
      *f.engine, [](const Snapshot& s) { return value_of(s, "ocr.page_seconds") == "30"; },
      "ocr.page_seconds saved"));
  f.frame();
  CHECK_FALSE(f.ui.rects.has("settings-error/0"));
  CHECK(f.ui.rects.text("settings-save") == "Save");

  // Saved means on disk: a new engine on the same file reads the same values.
  f.stop_engine();
  Engine reopened(engine_options(f.dir / "settings.db", 0));
  auto reread = wait_for_snapshot_where(
      reopened, [](const Snapshot& s) { return !value_of(s, "ocr.enabled").empty(); },
      "the reopened settings");
  CHECK(value_of(*reread, "ocr.enabled") == "false");
  CHECK(value_of(*reread, "ocr.languages") == "eng");
  CHECK(value_of(*reread, "ocr.page_seconds") == "30");
}

}  // namespace blockify::test
