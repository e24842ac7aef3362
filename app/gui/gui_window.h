#pragma once
// The GLFW window, its GL context and the ImGui backends, plus what the main loop needs
// from the platform: whether input arrived, dropped files, scale changes, and sleeping.
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace blockify::gui {

class GuiWindow {
 public:
  // Creates the window and initialises GL (glad) and ImGui; on failure returns null and
  // sets `error` to a sentence. Requires an ImGui context to exist.
  static std::unique_ptr<GuiWindow> open(const char* title, int width, int height, std::string* error);
  ~GuiWindow();
  GuiWindow(const GuiWindow&) = delete;
  GuiWindow& operator=(const GuiWindow&) = delete;

  bool should_close() const;
  bool minimized() const;
  // The monitor's content scale, or $BLOCKIFY_UI_SCALE (0.5–4) when set.
  float content_scale() const { return scale_; }

  // Sleeps until an event arrives or `timeout_s` passes (0: just process pending events;
  // negative: no timeout).
  void wait(double timeout_s);
  // True once after the user did something (mouse, keys, resize, focus, drop).
  bool take_activity();
  // Paths dropped on the window since the last call.
  std::vector<std::string> take_drops();
  // True once after the content scale changed (window moved to another monitor).
  bool take_scale_change();
  // Wakes wait() from any thread.
  static void wake();

  // Starts an ImGui frame (backends first), and ends it: renders and presents. A key
  // pressed and released between two frames (a quick tap, or xdotool) is held down for
  // the frame that follows, so shortcuts never miss a tap.
  void begin_frame();
  void end_frame();
  // Re-uploads the font atlas after fonts were reloaded.
  void rebuild_font_texture();

 private:
  explicit GuiWindow(GLFWwindow* window) : window_(window) {}
  static void install_callbacks(GLFWwindow* window);
  static void note_activity(GLFWwindow* window);

  GLFWwindow* window_;
  float scale_ = 1.0f;
  bool backends_ready_ = false;
  bool activity_ = true;
  bool scale_changed_ = false;
  std::vector<std::string> drops_;
  struct Tap {
    int key;
    int mods;
  };
  std::vector<Tap> taps_;  // keys pressed since the last frame
};

}  // namespace blockify::gui
