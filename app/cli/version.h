#pragma once
namespace blockify::cli {
// The version printed by `blockify --version` and in the About line.
const char* version();
}  // namespace blockify::cli
