#include "engine/domain/job_json.h"

#include <ctime>

namespace blockify {

nlohmann::json to_json(const JobConfig& c) {
  return {{"mode", to_string(c.mode)},
          {"chunk_size", c.chunk_size},
          {"overlap_percent", c.overlap_percent},
          {"backend", to_string(c.backend)},
          {"distill_threshold", c.distill_threshold}};
}

JobConfig config_from_json(const nlohmann::json& j) {
  JobConfig c;
  if (!j.is_object()) return c;
  if (auto m = parse_job_mode(j.value("mode", std::string("blockify")))) c.mode = *m;
  c.chunk_size = json_whole_number(j, "chunk_size", c.chunk_size);
  c.overlap_percent = json_whole_number(j, "overlap_percent", c.overlap_percent);
  if (auto b = parse_backend(j.value("backend", std::string("offline")))) c.backend = *b;
  c.distill_threshold = j.value("distill_threshold", c.distill_threshold);
  return c;
}

nlohmann::json to_json(const ErrorInfo& e) {
  if (e.empty()) return nullptr;
  return {{"code", e.code}, {"message", e.message}, {"hint", e.hint}};
}

std::string format_time(TimeMs t, const char* format, TimeZone zone) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  if (zone == TimeZone::Utc) {
    gmtime_r(&secs, &tm);
  } else {
    localtime_r(&secs, &tm);
  }
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

std::string iso_time(TimeMs t) {
  if (t == 0) return {};
  return format_time(t, "%Y-%m-%dT%H:%M:%SZ", TimeZone::Utc);
}

static nlohmann::json time_or_null(TimeMs t) {
  return t == 0 ? nlohmann::json(nullptr) : nlohmann::json(iso_time(t));
}

nlohmann::json job_summary_json(const Job& job) {
  return {{"id", job.id},
          {"name", job.name},
          {"dataset", job.dataset},
          {"mode", to_string(job.config.mode)},
          {"backend", to_string(job.config.backend)},
          {"status", to_string(job.status)},
          {"stage", to_string(job.stage)},
          {"progress", job.progress},
          {"attempt", job.attempt},
          {"blocks", job.blocks},
          {"files_total", job.files_total},
          {"files_done", job.files_done},
          {"files_failed", job.files_failed},
          {"created_at", time_or_null(job.created_at)},
          {"started_at", time_or_null(job.started_at)},
          {"finished_at", time_or_null(job.finished_at)},
          {"error", to_json(job.error)}};
}

nlohmann::json job_detail_json(const Job& job, const std::vector<JobFile>& files,
                               const std::vector<Attempt>& attempts) {
  nlohmann::json j = job_summary_json(job);
  j["config"] = to_json(job.config);
  j["files"] = nlohmann::json::array();
  for (const auto& f : files) {
    j["files"].push_back(
        {{"path", f.path},
         {"status", to_string(f.status)},
         {"stage", to_string(f.stage)},
         {"size", f.size},
         {"chars", f.chars},
         {"chunks", f.chunks},
         {"blocks", f.blocks},
         {"encoding", f.encoding.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.encoding)},
         {"parent", f.parent_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(f.parent_id)},
         {"error", to_json(f.error)}});
  }
  j["attempts"] = nlohmann::json::array();
  for (const auto& a : attempts) {
    j["attempts"].push_back(
        {{"number", a.number},
         {"kind", to_string(a.kind)},
         {"outcome", to_string(a.outcome)},
         {"started_at", time_or_null(a.started_at)},
         {"finished_at", time_or_null(a.finished_at)},
         {"failed_stage", a.failed_stage == Stage::Queued ? nlohmann::json(nullptr)
                                                          : nlohmann::json(to_string(a.failed_stage))},
         {"error", to_json(a.error)}});
  }
  return j;
}

}  // namespace blockify
