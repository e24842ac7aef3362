#pragma once
// A view test's fixture: a view drawn headless the way the app draws it, with what it posts
// recorded. A fixture derives from ViewHost (or from the host of its view below: the main
// view, the jobs table, the New job form), holds the view's own state and draws the view
// in draw_view(); the test steps frames, clicks and types through the helpers here and
// reads the widgets from ui.rects. Each frame starts with state.animating cleared, as the
// app's loop does, and draws the view inside a full-window "host" window, as the app's
// main window holds it; the main view, which makes its own windows, is drawn bare
// (HostWindow::None).
#include <imgui.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/gui/create_job_dialog.h"
#include "app/gui/delete_confirm.h"
#include "app/gui/jobs_view.h"
#include "app/gui/main_view.h"
#include "app/gui/sample_jobs.h"
#include "tests/app/headless_ui.h"
#include "tests/support/temp_dir.h"

namespace blockify::test {

// The wall clock the views see unless a fixture moves it ("3 min ago" reads against it).
inline constexpr TimeMs kViewNow = 1'700'000'500'000;

enum class HostWindow { Full, None };

class ViewHost {
 public:
  explicit ViewHost(std::shared_ptr<Snapshot> shown = make_snapshot({}), HostWindow host = HostWindow::Full)
      : snap(std::move(shown)), host_(host) {}
  virtual ~ViewHost() = default;
  ViewHost(const ViewHost&) = delete;
  ViewHost& operator=(const ViewHost&) = delete;

  HeadlessUi ui;
  RecordingSink sink;  // what the views post
  UiState state;
  std::shared_ptr<Snapshot> snap;  // what the views draw; a test replaces it to "publish"
  TimeMs now = kViewNow;
  double time_s = 1.0;  // the monotonic clock animations and cooldowns read

  // Draws one frame's views (without starting an ImGui frame: see frame()).
  void draw() {
    state.animating = false;
    if (host_ == HostWindow::Full) {
      ImGui::SetNextWindowPos({0, 0});
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    }
    ViewContext ctx{*snap, sink, ui.rects, state, now, time_s};
    draw_view(ctx);
    if (host_ == HostWindow::Full) ImGui::End();
    draw_over(ctx);
  }
  std::function<void()> drawer() {
    return [this] { draw(); };
  }
  void frame() { ui.frame(drawer()); }
  void click(const std::string& name) { ui.click(name, drawer()); }
  void ctrl_click(const std::string& name) { ui.click_with(name, drawer(), {true, false, 0}); }
  void shift_click(const std::string& name) { ui.click_with(name, drawer(), {false, true, 0}); }
  void right_click(const std::string& name) { ui.click_with(name, drawer(), {false, false, 1}); }
  // Clicks a text box, selects its text and types `text` over it, then presses Enter.
  void retype(const std::string& box, const std::string& text) {
    click(box);
    ui.press_key('A', drawer(), true);
    ui.type(text, drawer());
    ui.press_key(kKeyEnter, drawer());
  }

 protected:
  // The views under test, inside the host window.
  virtual void draw_view(ViewContext& ctx) = 0;
  // Windows of their own drawn after the host window (the toasts).
  virtual void draw_over(ViewContext&) {}

 private:
  HostWindow host_;
};

// The views several test files draw, each hosted as the app hosts it.

// The whole window: tabs, the jobs table, the detail, dialogs and toasts.
struct MainViewHost : ViewHost {
  MainViewState main;

  explicit MainViewHost(std::shared_ptr<Snapshot> shown) : ViewHost(std::move(shown), HostWindow::None) {}
  void draw_view(ViewContext& ctx) override { draw_main_view(ctx, main); }
};

// The jobs toolbar and table with their keys and the delete confirmation.
struct JobsTableHost : ViewHost {
  JobsViewState jobs;

  explicit JobsTableHost(const std::vector<Job>& rows) : ViewHost(make_snapshot(rows)) {}
  void draw_view(ViewContext& ctx) override {
    draw_jobs_toolbar(ctx, jobs);
    draw_jobs_table(ctx, jobs, 0);
    handle_jobs_keys(ctx, jobs);
    draw_delete_confirm(ctx);
  }
};

// The New job form.
struct CreateDialogHost : ViewHost {
  CreateJobDialogState dialog;

  void draw_view(ViewContext& ctx) override { draw_create_job_dialog(ctx, dialog); }
  // Opens the form as Create… does, prefilled, and lets it settle.
  void open(CreateJob prefill = {}) {
    state.create_request = std::move(prefill);
    frame();
    frame();
  }
  // Opens the form prefilled with a job name and its files.
  void open_with(const std::string& name, std::vector<std::string> files) {
    CreateJob prefill;
    prefill.name = name;
    prefill.files = std::move(files);
    open(std::move(prefill));
  }
};

// In the Settings view: types each of `edits` (key, value) over its field, checks that the
// Save button then reads `save_label` ("Save 2 changes") and clicks it.
inline void change_settings_and_save(ViewHost& host,
                                     const std::vector<std::pair<std::string, std::string>>& edits,
                                     const std::string& save_label) {
  for (const auto& [key, value] : edits) host.retype("setting/" + key, value);
  host.frame();
  CHECK(host.ui.rects.text("settings-save") == save_label);
  host.click("settings-save");
}

// The SetSetting commands posted, in order, one "key = value" line each: one comparison
// checks how many were posted, which and in what order, and a failure prints them.
inline std::string posted_settings(const RecordingSink& sink) {
  std::string lines;
  for (const SetSetting& set : sink.all<SetSetting>()) lines += set.key + " = " + set.value + "\n";
  return lines;
}

// The failing sample job's missing file, as the job's detail lists it.
inline JobFile missing_sample_file(int64_t job_id) {
  JobFile missing;
  missing.id = 5;
  missing.job_id = job_id;
  missing.path = restore_me_path().string();
  missing.status = FileStatus::Failed;
  missing.error = {"FILE_NOT_FOUND", "The file " + missing.path + " does not exist.", ""};
  return missing;
}

// Points the data folder (where sample jobs copy their documents) at a temporary one for
// the test's lifetime.
struct DataHome {
  TempDir dir;
  DataHome() { ::setenv("XDG_DATA_HOME", dir.path().c_str(), 1); }
  ~DataHome() { ::unsetenv("XDG_DATA_HOME"); }
  DataHome(const DataHome&) = delete;
  DataHome& operator=(const DataHome&) = delete;
};

}  // namespace blockify::test
