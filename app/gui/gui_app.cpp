#include "app/gui/gui_app.h"

#include <imgui.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "app/gui/command_sink.h"
#include "app/gui/fonts.h"
#include "app/gui/gui_window.h"
#include "app/gui/main_view.h"
#include "app/gui/startup_error_view.h"
#include "app/gui/theme.h"
#include "engine/core/engine.h"
#include "engine/platform/paths.h"

namespace blockify::gui {
namespace {

constexpr double kIdleWakeSeconds = 0.25;  // idle: wake 4× a second to check the snapshot
constexpr double kFrameSeconds = 1.0 / 60.0;
constexpr double kClockRedrawSeconds = 1.0;  // relative times ("3 min ago") still tick
constexpr int kFramesAfterInput = 3;         // ImGui settles hover/active state over a few frames

double steady_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

TimeMs wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Wakes the UI thread as soon as the engine publishes, so a click's effect (Retry →
// Pending) shows at once even while the window sleeps.
class SnapshotWatcher {
 public:
  explicit SnapshotWatcher(Engine& engine) : engine_(engine), thread_([this] { run(); }) {}
  ~SnapshotWatcher() {
    stop_ = true;
    thread_.join();
  }

 private:
  void run() {
    uint64_t version = engine_.snapshot()->version;
    while (!stop_) {
      SnapshotPtr snap = engine_.wait_for_snapshot(version, 200);
      if (snap && snap->version != version) {
        version = snap->version;
        GuiWindow::wake();
      }
    }
  }

  Engine& engine_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

void setup_style(float scale) {
  load_fonts(scale, default_fonts_list());
  apply_theme(scale);
}

// The engine would not start: show its sentence until the user closes the window.
int show_startup_error(GuiWindow& window, const std::string& sentence) {
  WidgetRects rects;
  bool close = false;
  while (!close && !window.should_close()) {
    window.wait(kIdleWakeSeconds);
    window.begin_frame();
    rects.begin_frame();
    close = draw_startup_error(sentence, rects);
    window.end_frame();
    rects.write_to_env_file();
  }
  return 1;
}

int run_main_loop(GuiWindow& window, Engine& engine, const std::vector<std::string>& files) {
  EngineCommandSink sink(engine);
  SnapshotWatcher watcher(engine);
  MainViewState state;
  state.create.wake = [] { GuiWindow::wake(); };
  UiState ui;
  // Files given on the command line (or dropped on the launcher) open like files dropped
  // on the window: in the New job form.
  if (!files.empty()) add_dropped_files(state.create, ui, files);
  WidgetRects rects;
  uint64_t drawn_version = 0;
  int frames_left = kFramesAfterInput;
  bool keep_drawing = true;
  double last_frame = 0;

  while (!window.should_close()) {
    double since = steady_seconds() - last_frame;
    if (window.minimized())
      window.wait(kIdleWakeSeconds);
    else if (keep_drawing)
      window.wait(since < kFrameSeconds ? kFrameSeconds - since : 0);  // ~60 fps even without vsync
    else
      window.wait(kIdleWakeSeconds);
    if (window.take_activity()) frames_left = kFramesAfterInput;
    if (window.take_scale_change()) {
      setup_style(window.content_scale());
      window.rebuild_font_texture();
    }
    auto drops = window.take_drops();
    if (!drops.empty()) add_dropped_files(state.create, ui, drops);

    SnapshotPtr snap = engine.snapshot();
    bool due = frames_left > 0 || keep_drawing || snap->version != drawn_version ||
               steady_seconds() - last_frame >= kClockRedrawSeconds || !drops.empty() ||
               state.create.picker.has_result();
    if (!due || window.minimized()) continue;

    window.begin_frame();
    last_frame = steady_seconds();
    rects.begin_frame();
    ui.animating = false;
    ViewContext ctx{*snap, sink, rects, ui, wall_clock_ms(), ImGui::GetTime()};
    draw_main_view(ctx, state);
    window.end_frame();
    rects.write_to_env_file();

    drawn_version = snap->version;
    if (frames_left > 0) --frames_left;
    bool running = snap->count(JobStatus::Processing) + snap->count(JobStatus::Cancelling) > 0;
    keep_drawing = ui.animating || running || frames_left > 0;
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
