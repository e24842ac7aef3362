#pragma once
// How times and durations read in the UI.
#include <string>

#include "engine/domain/job.h"

namespace blockify::gui {

// "just now", "3 min ago", "2 h ago", "yesterday", else the date ("2025-10-04");
// "—" when `at` is 0 (never).
std::string relative_time(TimeMs at, TimeMs now);
// "< 0.1 s", "0.4 s", "42 s", "3 min 05 s", "2 h 14 min".
std::string duration_text(TimeMs ms);
// Finished − started, or now − started while it runs; negative when never started.
TimeMs total_time(const Job& job, TimeMs now);
// duration_text(total_time()) or "—".
std::string total_time_text(const Job& job, TimeMs now);
// "1,234,567".
std::string thousands(int64_t n);

}  // namespace blockify::gui
