#include "app/gui/frame_pacing.h"

namespace blockify::gui {

FramePlan FramePacer::plan(double now_s, uint64_t snapshot_version, bool minimized) const {
  if (minimized) return {false, -1};  // restoring the window is an event that wakes us
  if (!ever_drawn_) return {true, 0};
  double since = now_s - last_frame_s_;
  bool changed = owed_frames_ > 0 || animating_ || snapshot_version != drawn_version_;
  if (changed) {
    // Paced even without vsync: 100 publishes a second still draw at most 60 frames.
    if (since >= kFrameSeconds) return {true, 0};
    return {false, kFrameSeconds - since};
  }
  if (since >= kClockRefreshSeconds) return {true, 0};
  return {false, kClockRefreshSeconds - since};
}

void FramePacer::drawn(double now_s, uint64_t snapshot_version, bool animating) {
  ever_drawn_ = true;
  last_frame_s_ = now_s;
  drawn_version_ = snapshot_version;
  animating_ = animating;
  if (owed_frames_ > 0) --owed_frames_;
}

}  // namespace blockify::gui
