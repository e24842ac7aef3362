#include "engine/core/remote_command.h"

#include <nlohmann/json.hpp>

#include "engine/domain/job_json.h"

namespace blockify {

using nlohmann::json;

namespace {

json selector_json(const JobSelector& s) {
  json j{{"ids", s.ids}, {"dataset", s.dataset}, {"active", s.active}};
  if (s.status) j["status"] = to_string(*s.status);
  return j;
}

JobSelector selector_from_json(const json& j) {
  JobSelector s;
  s.ids = j.value("ids", std::vector<int64_t>());
  s.dataset = j.value("dataset", std::string());
  s.active = j.value("active", false);
  if (j.contains("status")) s.status = parse_job_status(j.at("status").get<std::string>());
  return s;
}

}  // namespace

std::string remote_command_json(const Command& command, const std::string& request_id) {
  json j = std::visit(
      [](const auto& c) -> json {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, CreateJob>)
          return {{"op", "create"},
                  {"name", c.name},
                  {"dataset", c.dataset},
                  {"config", to_json(c.config)},
                  {"files", c.files}};
        if constexpr (std::is_same_v<T, RetryJob>)
          return {{"op", "retry"}, {"id", c.job_id}, {"kind", to_string(c.kind)}};
        if constexpr (std::is_same_v<T, CancelJob>) return {{"op", "cancel"}, {"id", c.job_id}};
        if constexpr (std::is_same_v<T, DeleteJob>)
          return {{"op", "delete"}, {"id", c.job_id}, {"cancel_first", c.cancel_first}};
        if constexpr (std::is_same_v<T, FocusJob>) return {{"op", "focus"}, {"id", c.job_id}};
        if constexpr (std::is_same_v<T, ReplaceFile>)
          return {{"op", "replace-file"}, {"id", c.job_id}, {"file", c.file_id}, {"path", c.new_path}};
        if constexpr (std::is_same_v<T, RemoveFile>)
          return {{"op", "remove-file"}, {"id", c.job_id}, {"file", c.file_id}};
        if constexpr (std::is_same_v<T, SetSetting>)
          return {{"op", "set-setting"}, {"key", c.key}, {"value", c.value}};
        if constexpr (std::is_same_v<T, RetryMany>)
          return {{"op", "retry-many"}, {"jobs", selector_json(c.jobs)}, {"kind", to_string(c.kind)}};
        if constexpr (std::is_same_v<T, CancelMany>)
          return {{"op", "cancel-many"}, {"jobs", selector_json(c.jobs)}};
        if constexpr (std::is_same_v<T, DeleteMany>)
          return {{"op", "delete-many"}, {"jobs", selector_json(c.jobs)}, {"cancel_first", c.cancel_first}};
        if constexpr (std::is_same_v<T, ReEmbedDataset>)
          return {{"op", "reembed-dataset"}, {"dataset", c.dataset}};
        // Views, exports and tests belong to the process that shows them; they do not travel.
        return {{"op", "none"}};
      },
      command);
  if (!request_id.empty()) j["request_id"] = request_id;
  return j.dump();
}

std::optional<Command> parse_remote_command(const std::string& text, CommandResult* error) {
  json j = json::parse(text, nullptr, false);
  auto bad = [&](const std::string& why) -> std::optional<Command> {
    if (error) *error = {ResultCode::Usage, why, 0};
    return std::nullopt;
  };
  if (!j.is_object() || !j.contains("op")) return bad("The queued command is not valid JSON.");
  try {
    std::string op = j.at("op");
    int64_t id = json_whole_number(j, "id", int64_t{0});
    if (op == "create") {
      CreateJob c{j.value("name", std::string()), j.value("dataset", std::string()),
                  config_from_json(j.value("config", json::object())),
                  j.value("files", std::vector<std::string>())};
      return c;
    }
    if (op == "retry")
      return RetryJob{id,
                      parse_attempt_kind(j.value("kind", std::string("fresh"))).value_or(AttemptKind::Fresh)};
    if (op == "cancel") return CancelJob{id};
    if (op == "delete") return DeleteJob{id, j.value("cancel_first", false)};
    if (op == "focus") return FocusJob{id, 0};
    if (op == "replace-file")
      return ReplaceFile{id, json_whole_number(j, "file", int64_t{0}), j.value("path", std::string())};
    if (op == "remove-file") return RemoveFile{id, json_whole_number(j, "file", int64_t{0})};
    if (op == "set-setting")
      return SetSetting{j.value("key", std::string()), j.value("value", std::string())};
    if (op == "reembed-dataset") return ReEmbedDataset{j.value("dataset", std::string())};
    json jobs = j.value("jobs", json::object());
    if (op == "retry-many")
      return RetryMany{
          selector_from_json(jobs),
          parse_attempt_kind(j.value("kind", std::string("fresh"))).value_or(AttemptKind::Fresh)};
    if (op == "cancel-many") return CancelMany{selector_from_json(jobs)};
    if (op == "delete-many") return DeleteMany{selector_from_json(jobs), j.value("cancel_first", false)};
    return bad("Unknown queued command \"" + op + "\".");
  } catch (const json::exception& e) {
    return bad(std::string("The queued command is malformed: ") + e.what() + ".");
  }
}

std::string remote_result_json(const CommandResult& r) {
  json j{{"message", r.message}, {"job_id", r.job_id}};
  if (r.bulk.applied || r.bulk.refused) {
    json reasons = json::array();
    for (const auto& [reason, count] : r.bulk.reasons)
      reasons.push_back({{"reason", reason}, {"count", count}});
    j["bulk"] = {{"applied", r.bulk.applied}, {"refused", r.bulk.refused}, {"reasons", reasons}};
  }
  return j.dump();
}

CommandResult parse_remote_result(int exit_code, const std::string& text) {
  json j = json::parse(text, nullptr, false);
  CommandResult r;
  r.code = static_cast<ResultCode>(exit_code);
  if (!j.is_object()) return r;
  // A damaged row must not throw out of the command line: a field of the wrong type is
  // treated as absent.
  if (j.contains("message") && j["message"].is_string()) r.message = j["message"].get<std::string>();
  if (j.contains("job_id") && j["job_id"].is_number()) r.job_id = json_whole_number(j, "job_id", int64_t{0});
  if (j.contains("bulk") && j["bulk"].is_object()) {
    const json& b = j.at("bulk");
    r.bulk.applied = json_whole_number(b, "applied", int64_t{0});
    r.bulk.refused = json_whole_number(b, "refused", int64_t{0});
    if (b.contains("reasons") && b["reasons"].is_array())
      for (const auto& reason : b["reasons"])
        if (reason.is_object() && reason.contains("reason") && reason["reason"].is_string())
          r.bulk.reasons.emplace_back(reason["reason"].get<std::string>(),
                                      json_whole_number(reason, "count", int64_t{0}));
  }
  return r;
}

}  // namespace blockify
