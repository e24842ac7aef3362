#include "engine/store/job_store.h"

#include <chrono>
#include <cstdio>
#include <type_traits>

#include "engine/domain/job_json.h"
#include "engine/store/schema.h"

namespace blockify::store {

TimeMs now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

std::string encode_stage_progress(const std::array<float, kTimelineStageCount>& p) {
  std::string out;
  char buf[32];
  for (float v : p) {
    std::snprintf(buf, sizeof buf, "%s%.4f", out.empty() ? "" : ",", static_cast<double>(v));
    out += buf;
  }
  return out;
}

std::array<float, kTimelineStageCount> decode_stage_progress(const std::string& text) {
  std::array<float, kTimelineStageCount> p{};
  size_t i = 0, start = 0;
  while (i < p.size() && start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    p[i++] = std::strtof(text.substr(start, end - start).c_str(), nullptr);
    start = end + 1;
  }
  // Written before the Embeddings segment existed (five segments): Distill and Export
  // move one place on, and Embeddings reads as far along as Distill.
  if (i == 5) {
    p[5] = p[4];
    p[4] = p[3];
  }
  return p;
}

constexpr const char* kJobColumns =
    "id, name, dataset, config, status, stage, progress, stage_progress, attempt, created_at, started_at, "
    "finished_at, error_code, error_message, error_hint, failed_stage, files_total, files_done, "
    "files_failed, "
    "chunks_total, chunks_done, blocks, blocks_before_distill, retry_at, next_kind, auto_retries";

// Jobs mostly share a few configurations: reading 100,000 of them parses each distinct
// one once.
struct ConfigCache {
  std::unordered_map<std::string, JobConfig> parsed;
  const JobConfig& get(const std::string& text) {
    auto it = parsed.find(text);
    if (it == parsed.end())
      it = parsed.emplace(text, config_from_json(nlohmann::json::parse(text, nullptr, false))).first;
    return it->second;
  }
};

// The next three columns: error_code, error_message, error_hint.
sql::Row& operator>>(sql::Row& row, ErrorInfo& error) {
  error = ErrorInfo{row.text(), row.text(), row.text()};
  return row;
}

// The next column, a stored name of `E`. A name this version does not know reads as the
// safe side: a failed job or attempt, a pending file, a stage before any, a fresh start.
template <typename E>
requires std::is_enum_v<E> sql::Row& operator>>(sql::Row& row, E& field) {
  const std::string name = row.text();
  if constexpr (std::is_same_v<E, JobStatus>)
    field = parse_job_status(name).value_or(JobStatus::Failed);
  else if constexpr (std::is_same_v<E, FileStatus>)
    field = parse_file_status(name).value_or(FileStatus::Pending);
  else if constexpr (std::is_same_v<E, Stage>)
    field = parse_stage(name).value_or(Stage::Queued);
  else if constexpr (std::is_same_v<E, AttemptKind>)
    field = parse_attempt_kind(name).value_or(AttemptKind::Fresh);
  else if constexpr (std::is_same_v<E, AttemptOutcome>)
    field = parse_attempt_outcome(name).value_or(AttemptOutcome::Failed);
  else
    static_assert(sizeof(E) == 0, "no stored names for this enum");
  return row;
}

// A row in kJobColumns order.
Job read_job(sql::Row& row, ConfigCache& configs) {
  Job j;
  row >> j.id >> j.name >> j.dataset;
  j.config = configs.get(row.text());
  row >> j.status >> j.stage >> j.progress;
  j.stage_progress = decode_stage_progress(row.text());
  row >> j.attempt >> j.created_at >> j.started_at >> j.finished_at >> j.error >> j.failed_stage >>
      j.files_total >> j.files_done >> j.files_failed >> j.chunks_total >> j.chunks_done >> j.blocks >>
      j.blocks_before_distill >> j.retry_at >> j.next_kind >> j.auto_retries;
  return j;
}

// Binds every column but id, starting at index 1, in kJobColumns order.
void bind_job(sql::Statement& s, const Job& j) {
  s.bind(1, j.name)
      .bind(2, j.dataset)
      .bind(3, to_json(j.config).dump())
      .bind(4, to_string(j.status))
      .bind(5, to_string(j.stage))
      .bind(6, j.progress)
      .bind(7, encode_stage_progress(j.stage_progress))
      .bind(8, j.attempt)
      .bind(9, j.created_at)
      .bind(10, j.started_at)
      .bind(11, j.finished_at)
      .bind(12, j.error.code)
      .bind(13, j.error.message)
      .bind(14, j.error.hint)
      .bind(15, to_string(j.failed_stage))
      .bind(16, j.files_total)
      .bind(17, j.files_done)
      .bind(18, j.files_failed)
      .bind(19, j.chunks_total)
      .bind(20, j.chunks_done)
      .bind(21, j.blocks)
      .bind(22, j.blocks_before_distill)
      .bind(23, j.retry_at)
      .bind(24, to_string(j.next_kind))
      .bind(25, j.auto_retries);
}

}  // namespace

JobStore::JobStore(const std::filesystem::path& path) : db_(path) { migrate(db_); }

JobStore::JobStore(const std::filesystem::path& path, Access access) : db_(path, access == Access::kRead) {
  check_schema(db_);
}

sql::Statement& JobStore::statement(const char* sql_text) {
  auto& slot = statements_[sql_text];
  if (!slot) slot = std::make_unique<sql::Statement>(db_.handle(), sql_text);
  slot->reset();
  return *slot;
}

int64_t JobStore::insert_job(Job& job) {
  auto& s = statement(
      "INSERT INTO jobs (name, dataset, config, status, stage, progress, stage_progress, attempt, "
      "created_at, "
      "started_at, finished_at, error_code, error_message, error_hint, failed_stage, files_total, "
      "files_done, "
      "files_failed, chunks_total, chunks_done, blocks, blocks_before_distill, retry_at, next_kind, "
      "auto_retries) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_job(s, job);
  s.run();
  job.id = db_.last_insert_id();
  return job.id;
}

void JobStore::update_job(const Job& job) {
  auto& s = statement(
      "UPDATE jobs SET name=?, dataset=?, config=?, status=?, stage=?, progress=?, stage_progress=?, "
      "attempt=?, "
      "created_at=?, started_at=?, finished_at=?, error_code=?, error_message=?, error_hint=?, "
      "failed_stage=?, "
      "files_total=?, files_done=?, files_failed=?, chunks_total=?, chunks_done=?, blocks=?, "
      "blocks_before_distill=?, retry_at=?, next_kind=?, auto_retries=? WHERE id=?");
  bind_job(s, job);
  s.bind(26, job.id);
  s.run();
}

void JobStore::delete_job(int64_t id) {
  auto& s = statement("DELETE FROM jobs WHERE id=?");
  s.bind(1, id).run();
}

std::vector<Job> JobStore::load_jobs() {
  std::vector<Job> jobs;
  for_each_job([&](Job&& job) { jobs.push_back(std::move(job)); });
  return jobs;
}

void JobStore::for_each_job(const std::function<void(Job&&)>& visit) {
  static const std::string sql = std::string("SELECT ") + kJobColumns + " FROM jobs ORDER BY id";
  auto& s = statement(sql.c_str());
  ConfigCache configs;
  while (s.step()) {
    sql::Row row(s);
    visit(read_job(row, configs));
  }
  s.reset();
}

std::optional<Job> JobStore::load_job(int64_t id) {
  static const std::string sql = std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id=?";
  auto& s = statement(sql.c_str());
  s.bind(1, id);
  std::optional<Job> job;
  ConfigCache configs;
  if (s.step()) {
    sql::Row row(s);
    job = read_job(row, configs);
  }
  s.reset();
  return job;
}

void JobStore::insert_file(JobFile& f, int position) {
  auto& s = statement(
      "INSERT INTO job_files (job_id, parent_id, position, path, size, mtime, content_hash, status, stage, "
      "error_code, error_message, error_hint, chars, chunks, blocks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, f.job_id).bind(2, f.parent_id).bind(3, position).bind(4, f.path).bind(5, f.size).bind(6, f.mtime);
  s.bind(7, f.content_hash).bind(8, to_string(f.status)).bind(9, to_string(f.stage));
  s.bind(10, f.error.code).bind(11, f.error.message).bind(12, f.error.hint);
  s.bind(13, f.chars).bind(14, f.chunks).bind(15, f.blocks);
  s.run();
  f.id = db_.last_insert_id();
}

void JobStore::update_file(const JobFile& f) {
  auto& s = statement(
      "UPDATE job_files SET path=?, size=?, mtime=?, content_hash=?, status=?, stage=?, error_code=?, "
      "error_message=?, error_hint=?, chars=?, chunks=?, blocks=?, encoding=? WHERE id=?");
  s.bind(1, f.path).bind(2, f.size).bind(3, f.mtime).bind(4, f.content_hash);
  s.bind(5, to_string(f.status)).bind(6, to_string(f.stage));
  s.bind(7, f.error.code).bind(8, f.error.message).bind(9, f.error.hint);
  s.bind(10, f.chars).bind(11, f.chunks).bind(12, f.blocks).bind(13, f.encoding).bind(14, f.id);
  s.run();
}

void JobStore::delete_file(int64_t file_id) {
  auto& s = statement("DELETE FROM job_files WHERE id=? OR parent_id=?");
  s.bind(1, file_id).bind(2, file_id).run();
}

std::vector<JobFile> JobStore::load_files(int64_t job_id) {
  auto& s = statement(
      "SELECT id, job_id, parent_id, path, size, mtime, content_hash, status, stage, error_code, "
      "error_message, error_hint, chars, chunks, blocks, encoding FROM job_files WHERE job_id=? "
      "ORDER BY position, id");
  return s.bind(1, job_id).collect([](sql::Row& row) {
    JobFile f;
    row >> f.id >> f.job_id >> f.parent_id >> f.path >> f.size >> f.mtime >> f.content_hash >> f.status >>
        f.stage >> f.error >> f.chars >> f.chunks >> f.blocks >> f.encoding;
    return f;
  });
}

void JobStore::insert_attempt(Attempt& a) {
  auto& s = statement(
      "INSERT INTO attempts (job_id, number, kind, started_at, finished_at, outcome, error_code, "
      "error_message, "
      "error_hint, failed_stage, free_disk_bytes, settings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, a.job_id)
      .bind(2, a.number)
      .bind(3, to_string(a.kind))
      .bind(4, a.started_at)
      .bind(5, a.finished_at);
  s.bind(6, to_string(a.outcome)).bind(7, a.error.code).bind(8, a.error.message).bind(9, a.error.hint);
  s.bind(10, to_string(a.failed_stage)).bind(11, a.free_disk_bytes).bind(12, a.settings);
  s.run();
  a.id = db_.last_insert_id();
}

void JobStore::update_attempt(const Attempt& a) {
  auto& s = statement(
      "UPDATE attempts SET started_at=?, finished_at=?, outcome=?, error_code=?, error_message=?, "
      "error_hint=?, "
      "failed_stage=?, free_disk_bytes=? WHERE id=?");
  s.bind(1, a.started_at).bind(2, a.finished_at).bind(3, to_string(a.outcome));
  s.bind(4, a.error.code).bind(5, a.error.message).bind(6, a.error.hint);
  s.bind(7, to_string(a.failed_stage)).bind(8, a.free_disk_bytes).bind(9, a.id);
  s.run();
}

std::vector<Attempt> JobStore::load_attempts(int64_t job_id) {
  auto& s = statement(
      "SELECT id, job_id, number, kind, started_at, finished_at, outcome, error_code, error_message, "
      "error_hint, failed_stage, free_disk_bytes, settings FROM attempts WHERE job_id=? ORDER BY number");
  return s.bind(1, job_id).collect([](sql::Row& row) {
    Attempt a;
    row >> a.id >> a.job_id >> a.number >> a.kind >> a.started_at >> a.finished_at >> a.outcome >> a.error >>
        a.failed_stage >> a.free_disk_bytes >> a.settings;
    return a;
  });
}

void JobStore::record_fingerprints(int64_t attempt_id, const std::vector<FileFingerprint>& files) {
  auto& s = statement(
      "INSERT OR REPLACE INTO attempt_files (attempt_id, path, size, mtime, content_hash, status, "
      "error_code) "
      "VALUES (?,?,?,?,?,?,?)");
  for (const auto& f : files) {
    s.bind(1, attempt_id).bind(2, f.path).bind(3, f.size).bind(4, f.mtime).bind(5, f.content_hash);
    s.bind(6, to_string(f.status)).bind(7, f.error_code);
    s.run();
  }
}

std::vector<FileFingerprint> JobStore::load_fingerprints(int64_t attempt_id) {
  auto& s = statement(
      "SELECT path, size, mtime, content_hash, status, error_code FROM attempt_files WHERE attempt_id=? "
      "ORDER BY path");
  s.bind(1, attempt_id);
  return s.collect([](sql::Row& row) {
    FileFingerprint f;
    row >> f.path >> f.size >> f.mtime >> f.content_hash >> f.status >> f.error_code;
    return f;
  });
}

void JobStore::add_event(int64_t job_id, TimeMs at, const std::string& level, const std::string& message) {
  auto& s = statement("INSERT INTO events (job_id, at, level, message) VALUES (?,?,?,?)");
  s.bind(1, job_id).bind(2, at).bind(3, level).bind(4, message).run();
}

std::vector<JobEvent> JobStore::load_events(int64_t job_id, int limit) {
  auto& s = statement(
      "SELECT id, job_id, at, level, message FROM (SELECT * FROM events WHERE job_id=? ORDER BY id DESC "
      "LIMIT ?) "
      "ORDER BY id");
  s.bind(1, job_id).bind(2, limit);
  return s.collect([](sql::Row& row) {
    return JobEvent{row.int64(), row.int64(), row.int64(), row.text(), row.text()};
  });
}

std::optional<std::string> JobStore::setting(const std::string& key) {
  auto& s = statement("SELECT value FROM settings WHERE key=?");
  s.bind(1, key);
  std::optional<std::string> v;
  if (s.step()) v = s.text(0);
  s.reset();
  return v;
}

void JobStore::set_setting(const std::string& key, const std::string& value) {
  auto& s = statement(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  s.bind(1, key).bind(2, value).run();
}

std::vector<std::pair<std::string, std::string>> JobStore::all_settings() {
  auto& s = statement("SELECT key, value FROM settings ORDER BY key");
  return s.collect([](sql::Row& row) { return std::pair<std::string, std::string>{row.text(), row.text()}; });
}

int64_t JobStore::queue_command(const std::string& request_json, const std::string& request_id, TimeMs now) {
  sql::Transaction txn(db_);  // IMMEDIATE: two senders of one request cannot both miss it
  auto& find = statement("SELECT id FROM commands WHERE json_extract(request, '$.request_id') = ?");
  find.bind(1, request_id);
  if (find.step()) {
    int64_t id = find.int64(0);
    find.reset();
    return id;
  }
  find.reset();
  auto& s = statement("INSERT INTO commands (request, created_at) VALUES (?, ?)");
  s.bind(1, request_json).bind(2, now).run();
  int64_t id = db_.last_insert_id();
  txn.commit();
  return id;
}

std::vector<QueuedCommand> JobStore::take_queued_commands() {
  auto& s = statement("SELECT id, request FROM commands WHERE state='queued' ORDER BY id");
  std::vector<QueuedCommand> out = s.collect([](sql::Row& row) {
    return QueuedCommand{row.int64(), row.text()};
  });
  if (!out.empty()) {
    auto& u = statement("UPDATE commands SET state='taken' WHERE id=?");
    for (const auto& c : out) u.bind(1, c.id).run();
  }
  return out;
}

void JobStore::finish_command(int64_t id, int exit_code, const std::string& result) {
  auto& s = statement("UPDATE commands SET state='done', exit_code=?, result=? WHERE id=?");
  s.bind(1, exit_code).bind(2, result).bind(3, id).run();
}

std::optional<std::pair<int, std::string>> JobStore::command_result(int64_t id) {
  auto& s = statement("SELECT exit_code, result FROM commands WHERE id=? AND state='done'");
  s.bind(1, id);
  std::optional<std::pair<int, std::string>> r;
  if (s.step()) r = std::make_pair(s.integer(0), s.text(1));
  s.reset();
  return r;
}

}  // namespace blockify::store
