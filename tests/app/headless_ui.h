#pragma once
// Headless ImGui for view tests: a context with a built font atlas and a display size,
// frames run without any GL, and mouse/keyboard fed through ImGuiIO. Views record their
// widgets' rectangles, so a test clicks "retry/7" the way a user would.
#include <imgui.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "app/gui/command_sink.h"
#include "app/gui/view_context.h"
#include "app/gui/widget_rects.h"
#include "engine/core/job_table.h"
#include "engine/core/snapshot.h"

namespace blockify::test {
using namespace blockify::gui;

// Collects what views post, each with its ticket, which stays pending until the test
// answers it as the engine would. With `forward` set, each command is handed on instead
// (to a real engine's sink, as the app does) and the ticket is that sink's.
struct RecordingSink : CommandSink {
  std::vector<Command> commands;
  std::vector<Ticket> tickets;  // tickets[i] is the ticket of commands[i]
  CommandSink* forward = nullptr;
  Ticket post(Command c) override {
    commands.push_back(c);
    tickets.push_back(forward ? forward->post(std::move(c)) : std::make_shared<CommandTicket>());
    return tickets.back();
  }
  template <typename T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& c : commands)
      if (auto* t = std::get_if<T>(&c)) out.push_back(*t);
    return out;
  }
  // The one command of type T posted; fails the test unless exactly one was.
  template <typename T>
  T only() const {
    std::vector<T> posted = all<T>();
    REQUIRE_MESSAGE(posted.size() == 1, posted.size() << " commands of that type were posted, not one");
    return posted.front();
  }
  // The ticket of the last command of type T posted.
  template <typename T>
  Ticket ticket_of_last() const {
    for (size_t i = commands.size(); i-- > 0;)
      if (std::holds_alternative<T>(commands[i])) return tickets[i];
    FAIL("no such command was posted");
    return nullptr;
  }
  void clear() {
    commands.clear();
    tickets.clear();
  }
};

// Key indices the GLFW backend uses (GLFW key codes), mapped the same way here.
inline constexpr int kKeyEscape = 256, kKeyDelete = 261, kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264,
                     kKeyUp = 265, kKeyEnter = 257, kKeyTab = 258, kKeyBackspace = 259;

class HeadlessUi {
 public:
  HeadlessUi() {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = {1280, 800};
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.KeyMap[ImGuiKey_Tab] = kKeyTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kKeyLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kKeyRight;
    io.KeyMap[ImGuiKey_UpArrow] = kKeyUp;
    io.KeyMap[ImGuiKey_DownArrow] = kKeyDown;
    io.KeyMap[ImGuiKey_Delete] = kKeyDelete;
    io.KeyMap[ImGuiKey_Escape] = kKeyEscape;
    io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
    io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';
    io.MousePos = {-1, -1};
  }
  ~HeadlessUi() { ImGui::DestroyContext(context_); }
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  // Runs one frame of `draw` (which draws views into its own windows).
  void frame(const std::function<void()>& draw) {
    ImGui::NewFrame();
    rects.begin_frame();
    draw();
    ImGui::Render();
  }

  // Moves the mouse onto the centre of a recorded widget and clicks it (press and
  // release over three frames, as a person's click spans frames). One frame first lets
  // freshly opened popups and tab bars settle where they will be clicked.
  void click(const std::string& name, const std::function<void()>& draw) { click_with(name, draw, {}); }

  struct ClickOptions {
    bool ctrl = false;
    bool shift = false;
    int button = 0;  // 0 left, 1 right
  };
  // A click holding Ctrl and/or Shift, or with another mouse button.
  void click_with(const std::string& name, const std::function<void()>& draw, ClickOptions options) {
    frame(draw);
    auto rect = rects.find(name);
    REQUIRE_MESSAGE(rect.has_value(), "no widget named " << name << " was drawn");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = {rect->center_x(), rect->center_y()};
    io.KeyCtrl = options.ctrl;
    io.KeyShift = options.shift;
    frame(draw);
    io.MouseDown[options.button] = true;
    frame(draw);
    io.MouseDown[options.button] = false;
    frame(draw);
    io.KeyCtrl = false;
    io.KeyShift = false;
  }

  // The text of the first toast (engine or UI notice) drawn last frame containing `part`,
  // or empty.
  std::string toast_containing(const std::string& part) const {
    for (const auto& [name, rect] : rects.all())
      if ((name.starts_with("notice/") || name.starts_with("ui-notice/")) &&
          rects.text(name).find(part) != std::string::npos)
        return rects.text(name);
    return {};
  }

  // Presses and releases a key (a GLFW key code) over two frames.
  void press_key(int key, const std::function<void()>& draw, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame(draw);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame(draw);
  }

  // Types text into the focused text box over one frame.
  void type(const std::string& text, const std::function<void()>& draw) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame(draw);
  }

  WidgetRects rects;

 private:
  ImGuiContext* context_;
};

// A job row as the engine would publish it.
inline Job make_job(int64_t id, JobStatus status, const std::string& name = "") {
  Job job;
  job.id = id;
  job.name = name.empty() ? "Job " + std::to_string(id) : name;
  job.dataset = "manuals";
  job.status = status;
  job.created_at = 1'700'000'000'000 + id * 1000;
  job.files_total = 10;
  job.files_done = status == JobStatus::Completed ? 10 : 4;
  if (status == JobStatus::Failed) {
    job.files_failed = 1;
    job.error = {"FILE_NOT_FOUND", "The file /docs/q3.pdf does not exist.",
                 "Restore or replace the missing file, then retry."};
    job.failed_stage = Stage::Extract;
  }
  if (status != JobStatus::Pending) job.started_at = job.created_at + 500;
  if (!is_active(status) && status != JobStatus::Pending) job.finished_at = job.started_at + 65'000;
  job.progress = status == JobStatus::Completed ? 1.0 : 0.4;
  job.blocks = status == JobStatus::Completed ? 240 : 118;
  return job;
}

// A snapshot holding `jobs` (ids ascending).
inline std::shared_ptr<Snapshot> make_snapshot(const std::vector<Job>& jobs, uint64_t version = 1) {
  auto snap = std::make_shared<Snapshot>();
  JobTableBuilder builder;
  for (const auto& job : jobs) {
    builder.append(std::make_shared<const Job>(job));
    snap->counts[static_cast<int>(job.status)]++;
  }
  snap->jobs = builder.publish();
  snap->version = version;
  snap->table_version = version;
  snap->workers_total = 4;
  snap->database_path = "/home/user/.local/share/blockify/blockify.db";
  return snap;
}

}  // namespace blockify::test
