#pragma once
// How every sentence and view of ours writes a number of bytes, so a file's size, a
// reply's, free disk space and an export's needs read alike: "512 bytes", "3.1 KB",
// "12.4 MB", "1.5 GB" (1 KB = 1024 bytes).
#include <cstdint>
#include <string>

namespace blockify {

std::string human_size(int64_t bytes);

}  // namespace blockify
