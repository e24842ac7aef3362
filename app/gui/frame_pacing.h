#pragma once
// When the window draws a frame. Nothing changes, nothing is drawn: the main loop sleeps
// in glfwWaitEvents until input, a new snapshot (the engine wakes the window after each
// publish) or something on screen that moves; and once a minute, so relative times
// ("3 min ago") stay true. Pure logic, no GLFW, so tests decide frames without a window.
#include <cstdint>

namespace blockify::gui {

// What the loop should do next: draw now, or sleep at most `wait_s` seconds (negative:
// until an event arrives) and ask again.
struct FramePlan {
  bool draw = false;
  double wait_s = -1;
};

class FramePacer {
 public:
  static constexpr double kFrameSeconds = 1.0 / 60.0;   // ~60 fps while something changes
  static constexpr double kClockRefreshSeconds = 60.0;  // "3 min ago" changes once a minute
  static constexpr int kFramesAfterInput = 3;           // ImGui settles hover state over a few

  // The user did something (mouse, keys, resize, a drop, a picker result): draw a few frames.
  void note_input() { owed_frames_ = kFramesAfterInput; }
  // Decides at steady time `now_s`, given the latest snapshot's version.
  FramePlan plan(double now_s, uint64_t snapshot_version, bool minimized) const;
  // A frame was drawn at `now_s` from `snapshot_version`; `animating` says whether it
  // showed something that moves (a running job's badge on screen, a toast, a spinner).
  void drawn(double now_s, uint64_t snapshot_version, bool animating);

 private:
  bool ever_drawn_ = false;
  double last_frame_s_ = 0;
  uint64_t drawn_version_ = 0;
  bool animating_ = false;
  int owed_frames_ = kFramesAfterInput;  // the first frames lay the window out
};

}  // namespace blockify::gui
