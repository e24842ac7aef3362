#include "app/gui/gui_window.h"

#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdlib>

namespace blockify::gui {
namespace {

GuiWindow* owner(GLFWwindow* w) { return static_cast<GuiWindow*>(glfwGetWindowUserPointer(w)); }

// BLOCKIFY_UI_SCALE=2 draws at 200 % whatever the monitor reports (0: not set or invalid).
float scale_override() {
  const char* text = std::getenv("BLOCKIFY_UI_SCALE");
  if (!text || !*text) return 0;
  float scale = std::strtof(text, nullptr);
  return scale >= 0.5f && scale <= 4.0f ? scale : 0;
}

}  // namespace

void GuiWindow::note_activity(GLFWwindow* w) {
  if (auto* o = owner(w)) o->activity_ = true;
}

// Callbacks are installed before the ImGui backend, which chains to them, so both see
// every event; ours only note that something happened.
void GuiWindow::install_callbacks(GLFWwindow* window) {
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { note_activity(w); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { note_activity(w); });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { note_activity(w); });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int mods) {
    note_activity(w);
    auto* o = owner(w);
    if (o && action == GLFW_PRESS && key >= 0 && key < 512) o->taps_.push_back({key, mods});
  });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { note_activity(w); });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { note_activity(w); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { note_activity(w); });
  glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { note_activity(w); });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { note_activity(w); });
  glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
    auto* o = owner(w);
    if (!o) return;
    for (int i = 0; i < count; ++i) o->drops_.emplace_back(paths[i]);
    o->activity_ = true;
  });
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow* w, float x, float) {
    auto* o = owner(w);
    if (!o || x <= 0 || x == o->scale_ || scale_override() > 0) return;
    o->scale_ = x;
    o->scale_changed_ = true;
    o->activity_ = true;
  });
}

std::unique_ptr<GuiWindow> GuiWindow::open(const char* title, int width, int height, std::string* error) {
  glfwSetErrorCallback(nullptr);
  if (!glfwInit()) {
    *error = "Blockify could not open a window: no display is available (is DISPLAY set?).";
    return nullptr;
  }
  float scale = 1.0f;
  float forced = scale_override();
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
    float y = 1.0f;
    glfwGetMonitorContentScale(monitor, &scale, &y);
    if (scale <= 0) scale = 1.0f;
    if (forced > 0) scale = forced;
    if (const GLFWvidmode* mode = glfwGetVideoMode(monitor)) {
      if (width * scale > mode->width) scale = static_cast<float>(mode->width) / static_cast<float>(width);
      if (height * scale > mode->height)
        scale = static_cast<float>(mode->height) / static_cast<float>(height);
      if (scale < 1.0f) scale = 1.0f;
    }
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  // The desktop matches the window to blockify.desktop (StartupWMClass) by this class, so
  // the dock shows our icon and groups the window with its launcher.
  glfwWindowHintString(GLFW_X11_CLASS_NAME, "blockify");
  glfwWindowHintString(GLFW_X11_INSTANCE_NAME, "blockify");
  GLFWwindow* window = glfwCreateWindow(static_cast<int>(width * scale), static_cast<int>(height * scale),
                                        title, nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    *error = "Blockify could not open a window: OpenGL 3.3 is not available on this display.";
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) {
    glfwDestroyWindow(window);
    glfwTerminate();
    *error = "Blockify could not load OpenGL functions for its window.";
    return nullptr;
  }
  glfwSwapInterval(1);

  std::unique_ptr<GuiWindow> self(new GuiWindow(window));
  float sx = 1.0f, sy = 1.0f;
  glfwGetWindowContentScale(window, &sx, &sy);
  self->scale_ = forced > 0 ? forced : sx > 0 ? sx : 1.0f;
  glfwSetWindowUserPointer(window, self.get());
  install_callbacks(window);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");
  self->backends_ready_ = true;
  return self;
}

GuiWindow::~GuiWindow() {
  if (backends_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
  }
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool GuiWindow::should_close() const { return glfwWindowShouldClose(window_); }
bool GuiWindow::minimized() const { return glfwGetWindowAttrib(window_, GLFW_ICONIFIED) != 0; }

void GuiWindow::wait(double timeout_s) {
  if (timeout_s < 0)
    glfwWaitEvents();
  else if (timeout_s == 0)
    glfwPollEvents();
  else
    glfwWaitEventsTimeout(timeout_s);
}

bool GuiWindow::take_activity() {
  bool a = activity_;
  activity_ = false;
  return a;
}

std::vector<std::string> GuiWindow::take_drops() {
  std::vector<std::string> out;
  out.swap(drops_);
  return out;
}

bool GuiWindow::take_scale_change() {
  bool c = scale_changed_;
  scale_changed_ = false;
  return c;
}

void GuiWindow::wake() { glfwPostEmptyEvent(); }

void GuiWindow::begin_frame() {
  ImGuiIO& io = ImGui::GetIO();
  for (const Tap& tap : taps_) {
    io.KeysDown[tap.key] = true;
    io.KeyCtrl = io.KeyCtrl || (tap.mods & GLFW_MOD_CONTROL);
    io.KeyShift = io.KeyShift || (tap.mods & GLFW_MOD_SHIFT);
    io.KeyAlt = io.KeyAlt || (tap.mods & GLFW_MOD_ALT);
    io.KeySuper = io.KeySuper || (tap.mods & GLFW_MOD_SUPER);
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void GuiWindow::end_frame() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window_);
  if (taps_.empty()) return;
  // Back to the keyboard's real state once the tapped keys were seen by one frame.
  ImGuiIO& io = ImGui::GetIO();
  for (const Tap& tap : taps_) io.KeysDown[tap.key] = glfwGetKey(window_, tap.key) == GLFW_PRESS;
  auto down = [&](int a, int b) {
    return glfwGetKey(window_, a) == GLFW_PRESS || glfwGetKey(window_, b) == GLFW_PRESS;
  };
  io.KeyCtrl = down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL);
  io.KeyShift = down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT);
  io.KeyAlt = down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT);
  io.KeySuper = down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
  taps_.clear();
}

void GuiWindow::rebuild_font_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace blockify::gui
