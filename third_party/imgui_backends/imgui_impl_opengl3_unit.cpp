// Compiles Debian's ImGui OpenGL3 backend with glad as the GL loader
// (IMGUI_IMPL_OPENGL_LOADER_CUSTOM: the backend expects GL declarations in scope).
#include <glad/gl.h>
#include "imgui_impl_opengl3.cpp"
