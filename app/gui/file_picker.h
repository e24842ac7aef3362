#pragma once
// "Add files…" through the desktop's own file dialog (zenity). The dialog blocks until the
// user closes it, so it runs on a background thread; the chosen paths reach the UI thread
// through a mutex-protected queue the UI drains each frame.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace blockify::gui {

// zenity asking for several files, one path per output line.
inline constexpr const char* kZenityCommand =
    "zenity --file-selection --multiple --title='Add files to the job' --separator='\n' 2>/dev/null";

// True when an executable `program` is in one of $PATH's folders. Touches the file
// system: call it on a click, not per frame.
bool on_path(const std::string& program);

struct PickResult {
  bool finished = false;           // a pick ended since the last take()
  std::vector<std::string> paths;  // empty when the dialog was cancelled
  std::string error;               // a sentence when the dialog could not run at all
};

class FilePicker {
 public:
  FilePicker();
  // Runs `command` (a shell command printing one path per line) on a background thread
  // unless a pick is already running; `wake` is called from that thread once the paths
  // are queued (to wake a sleeping UI). Returns false when a pick is already running or
  // the thread could not start.
  bool start(const std::string& command = kZenityCommand, std::function<void()> wake = {});
  bool running() const;
  // True when a finished pick waits to be taken (cheap: for the main loop's wake check).
  bool has_result() const;
  // What picks finished since the last call brought, in order.
  PickResult take();

 private:
  // Shared with the thread, which may outlive the picker: zenity can stay open while the
  // app quits, and the thread is detached rather than joined so quitting never waits.
  struct Queue {
    mutable std::mutex mutex;
    std::vector<std::string> paths;
    std::string error;
    bool running = false;
    bool ready = false;
  };
  std::shared_ptr<Queue> queue_;
};

}  // namespace blockify::gui
