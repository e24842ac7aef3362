// Compiles Debian's ImGui GLFW backend source as part of our build.
#include "imgui_impl_glfw.cpp"
