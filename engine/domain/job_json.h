#pragma once
// JSON shapes shared by the store (job configuration column) and the command line
// (`job show --json`, a stable interface: fields may be added, never renamed).
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
nlohmann::json job_detail_json(const Job& job, const std::vector<JobFile>& files, const std::vector<Attempt>& attempts);

// ISO 8601 UTC ("2026-11-28T14:03:00Z"); empty for 0.
std::string iso_time(TimeMs t);

}  // namespace blockify
