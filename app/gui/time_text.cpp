#include "app/gui/time_text.h"

#include <cstdio>
#include <ctime>

#include "engine/domain/job_json.h"

namespace blockify::gui {

std::string relative_time(TimeMs at, TimeMs now) {
  if (at <= 0) return "—";
  TimeMs age = now - at;
  if (age < 60'000) return "just now";  // also absorbs small clock skew into the future
  if (age < 3'600'000) return std::to_string(age / 60'000) + " min ago";
  if (age < 86'400'000) return std::to_string(age / 3'600'000) + " h ago";
  if (age < 2 * 86'400'000) return "yesterday";
  return format_time(at, "%Y-%m-%d", TimeZone::Local);
}

std::string duration_text(TimeMs ms) {
  if (ms < 0) ms = 0;
  char text[48];
  if (ms < 100) return "< 0.1 s";
  if (ms < 10'000) {
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
  } else if (ms < 60'000) {
    std::snprintf(text, sizeof text, "%lld s", static_cast<long long>(ms / 1000));
  } else if (ms < 3'600'000) {
    std::snprintf(text, sizeof text, "%lld min %02lld s", static_cast<long long>(ms / 60'000),
                  static_cast<long long>(ms / 1000 % 60));
  } else {
    std::snprintf(text, sizeof text, "%lld h %02lld min", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60));
  }
  return text;
}

TimeMs total_time(const Job& job, TimeMs now) {
  // A queued job (new or retried) has not started this attempt yet.
  if (job.started_at <= 0 || job.status == JobStatus::Pending) return -1;
  TimeMs end = job.finished_at > 0 && !is_active(job.status) ? job.finished_at : now;
  return end >= job.started_at ? end - job.started_at : 0;
}

std::string total_time_text(const Job& job, TimeMs now) {
  TimeMs t = total_time(job, now);
  return t < 0 ? std::string("—") : duration_text(t);
}

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace blockify::gui
