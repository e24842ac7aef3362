#pragma once
// Letter keys for ImGui 1.86's IsKeyPressed(), which takes the platform's key index.
// The GLFW backend indexes io.KeysDown[] by GLFW key codes, and GLFW's codes for
// letters are their upper-case ASCII values, so views need no GLFW header.
namespace blockify::keys {
inline constexpr int kF = 'F';
inline constexpr int kN = 'N';
inline constexpr int kR = 'R';
}  // namespace blockify::keys
