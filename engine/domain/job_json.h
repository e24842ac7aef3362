#pragma once
// JSON shapes shared by the store (job configuration column) and the command line
// (`job show --json`, a stable interface: fields may be added, never renamed).
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "engine/domain/job.h"

namespace blockify {

nlohmann::json to_json(const JobConfig& config);
// Missing fields keep their defaults, so older rows still load.
JobConfig config_from_json(const nlohmann::json& j);

nlohmann::json to_json(const ErrorInfo& error);  // null when empty
// The object of `job list --json` (no files, no attempts).
nlohmann::json job_summary_json(const Job& job);
// The object of `job show --json`.
nlohmann::json job_detail_json(const Job& job, const std::vector<JobFile>& files,
                               const std::vector<Attempt>& attempts);

// The whole number at `key` of object `j` (`fallback` when absent), clamped into T's
// range so that validation can reject it with its own sentence. nlohmann's value<T>()
// would convert 1e300 or 2^63 into T with undefined behaviour (found by fuzzing the
// commands table). A value that is not a number throws nlohmann::json::type_error, as
// value() does.
template <class T>
T json_whole_number(const nlohmann::json& j, const char* key, T fallback) {
  const auto it = j.find(key);
  if (it == j.end()) return fallback;
  using Limits = std::numeric_limits<T>;
  if (it->is_number_float()) {
    const double v = it->template get<double>();
    if (std::isnan(v)) return fallback;
    if (v >= static_cast<double>(Limits::max())) return Limits::max();
    if (v <= static_cast<double>(Limits::min())) return Limits::min();
    return static_cast<T>(v);
  }
  if (it->is_number_unsigned()) {
    const auto v = it->template get<uint64_t>();
    return v > static_cast<uint64_t>(Limits::max()) ? Limits::max() : static_cast<T>(v);
  }
  if (it->is_number_integer()) {
    const auto v = it->template get<int64_t>();
    if (v > static_cast<int64_t>(Limits::max())) return Limits::max();
    if (v < static_cast<int64_t>(Limits::min())) return Limits::min();
    return static_cast<T>(v);
  }
  return it->template get<T>();  // throws type_error for strings, arrays, objects, ...
}

// ISO 8601 UTC ("2026-11-28T14:03:00Z"); empty for 0.
std::string iso_time(TimeMs t);
// `t` as strftime writes it with `format`, in UTC or in this machine's time zone.
enum class TimeZone { Utc, Local };
std::string format_time(TimeMs t, const char* format, TimeZone zone);

}  // namespace blockify
