#include "app/gui/gui_app.h"

#include <imgui.h>

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/gui/command_sink.h"
#include "app/gui/fonts.h"
#include "app/gui/frame_pacing.h"
#include "app/gui/gui_window.h"
#include "app/gui/main_view.h"
#include "app/gui/startup_error_view.h"
#include "app/gui/theme.h"
#include "engine/core/engine.h"
#include "engine/platform/paths.h"

namespace blockify::gui {
namespace {

double steady_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

TimeMs wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void setup_style(float scale) {
  load_fonts(scale, default_fonts_list());
  apply_theme(scale);
}

// The engine would not start: show its sentence until the user closes the window.
int show_startup_error(GuiWindow& window, const std::string& sentence) {
  WidgetRects rects;
  FramePacer pacer;
  bool close = false;
  double wait_s = 0;
  while (!close && !window.should_close()) {
    window.wait(wait_s);
    if (window.take_activity()) pacer.note_input();
    FramePlan plan = pacer.plan(steady_seconds(), 0, window.minimized());
    if (!plan.draw) {
      wait_s = plan.wait_s;
      continue;
    }
    window.begin_frame();
    rects.begin_frame();
    close = draw_startup_error(sentence, rects);
    window.end_frame();
    rects.write_to_env_file();
    pacer.drawn(steady_seconds(), 0, false);
    wait_s = 0;
  }
  return 1;
}

int run_main_loop(GuiWindow& window, Engine& engine, const std::vector<std::string>& files) {
  EngineCommandSink sink(engine);
  MainViewState state;
  state.create.wake = [] { GuiWindow::wake(); };
  UiState ui;
  // Files given on the command line (or dropped on the launcher) open like files dropped
  // on the window: in the New job form.
  if (!files.empty()) add_dropped_files(state.create, ui, files);
  WidgetRects rects;
  FramePacer pacer;
  double wait_s = 0;

  while (!window.should_close()) {
    // Sleeps until input, a publish (the engine's on_publish wakes us) or the plan's time.
    window.wait(wait_s);
    if (window.take_activity()) pacer.note_input();
    if (window.take_scale_change()) {
      setup_style(window.content_scale());
      window.rebuild_font_texture();
    }
    auto drops = window.take_drops();
    if (!drops.empty()) add_dropped_files(state.create, ui, drops);
    if (state.create.picker.has_result()) pacer.note_input();

    SnapshotPtr snap = engine.snapshot();
    FramePlan plan = pacer.plan(steady_seconds(), snap->version, window.minimized());
    if (!plan.draw) {
      wait_s = plan.wait_s;
      continue;
    }
    window.begin_frame();
    double started = steady_seconds();
    rects.begin_frame();
    ui.animating = false;
    ViewContext ctx{*snap, sink, rects, ui, wall_clock_ms(), ImGui::GetTime()};
    draw_main_view(ctx, state);
    window.end_frame();
    rects.write_to_env_file();
    pacer.drawn(started, snap->version, ui.animating);
    wait_s = 0;  // take the events that came in while drawing, then plan again
  }
  return 0;
}

}  // namespace

int run_gui(const GuiOptions& options) {
  try {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // ImGui keeps the pointer: the string must outlive the context.
    static std::string ini_path;
    ini_path = (platform::config_dir() / "imgui.ini").string();
    io.IniFilename = ini_path.c_str();

    std::string error;
    auto window = GuiWindow::open("Blockify Desktop", 1280, 800, &error);
    if (!window) {
      std::cerr << error << "\n";
      ImGui::DestroyContext();
      return 1;
    }
    setup_style(window->content_scale());  // the backend uploads the atlas on its first frame

    int code = 0;
    std::unique_ptr<Engine> engine;
    try {
      EngineOptions engine_options;
      engine_options.database = options.database;
      // A new snapshot wakes the sleeping window (the engine is gone before the window).
      engine_options.on_publish = [] { GuiWindow::wake(); };
      engine = std::make_unique<Engine>(engine_options);
    } catch (const std::exception& e) {
      code = show_startup_error(*window, e.what());
    }
    if (engine) code = run_main_loop(*window, *engine, options.files);
    engine.reset();  // stops workers before the window goes
    window.reset();
    ImGui::DestroyContext();
    return code;
  } catch (const std::exception& e) {
    std::cerr << "Blockify stopped because of an unexpected error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace blockify::gui
