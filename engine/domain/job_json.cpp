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

// A value that is absent (an empty text, no parent, a stage never reached) is null.
static nlohmann::json or_null(bool present, nlohmann::json value) { return present ? value : nullptr; }

// Each object lists its fields in the order --json prints them: nlohmann::json sorts keys.
nlohmann::json job_summary_json(const Job& job) {
  return {{"attempt", job.attempt},
          {"backend", to_string(job.config.backend)},
          {"blocks", job.blocks},
          {"created_at", time_or_null(job.created_at)},
          {"dataset", job.dataset},
          {"error", to_json(job.error)},
          {"files_done", job.files_done},
          {"files_failed", job.files_failed},
          {"files_total", job.files_total},
          {"finished_at", time_or_null(job.finished_at)},
          {"id", job.id},
          {"mode", to_string(job.config.mode)},
          {"name", job.name},
          {"progress", job.progress},
          {"stage", to_string(job.stage)},
          {"started_at", time_or_null(job.started_at)},
          {"status", to_string(job.status)}};
}

static nlohmann::json file_json(const JobFile& f) {
  return {{"blocks", f.blocks},
          {"chars", f.chars},
          {"chunks", f.chunks},
          {"encoding", or_null(!f.encoding.empty(), f.encoding)},
          {"error", to_json(f.error)},
          {"parent", or_null(f.parent_id != 0, f.parent_id)},
          {"path", f.path},
          {"size", f.size},
          {"stage", to_string(f.stage)},
          {"status", to_string(f.status)}};
}

static nlohmann::json attempt_json(const Attempt& a) {
  return {{"error", to_json(a.error)},
          {"failed_stage", or_null(a.failed_stage != Stage::Queued, to_string(a.failed_stage))},
          {"finished_at", time_or_null(a.finished_at)},
          {"kind", to_string(a.kind)},
          {"number", a.number},
          {"outcome", to_string(a.outcome)},
          {"started_at", time_or_null(a.started_at)}};
}

nlohmann::json job_detail_json(const Job& job, const std::vector<JobFile>& files,
                               const std::vector<Attempt>& attempts) {
  nlohmann::json j = job_summary_json(job);
  j["config"] = to_json(job.config);
  j["files"] = nlohmann::json::array();
  for (const JobFile& f : files) j["files"].push_back(file_json(f));
  j["attempts"] = nlohmann::json::array();
  for (const Attempt& a : attempts) j["attempts"].push_back(attempt_json(a));
  return j;
}

}  // namespace blockify
