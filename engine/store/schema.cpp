#include "engine/store/schema.h"

#include <string>

namespace blockify::store {
namespace {

// Version 1: jobs, their files, attempts, events, results, datasets, settings, and the
// commands table through which other processes reach the engine that owns the file.
constexpr const char* kV1 = R"sql(
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  dataset TEXT NOT NULL,
  config TEXT NOT NULL,
  status TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT 'queued',
  progress REAL NOT NULL DEFAULT 0,
  stage_progress TEXT NOT NULL DEFAULT '',
  attempt INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL DEFAULT 0,
  error_code TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  error_hint TEXT NOT NULL DEFAULT '',
  failed_stage TEXT NOT NULL DEFAULT 'queued',
  files_total INTEGER NOT NULL DEFAULT 0,
  files_done INTEGER NOT NULL DEFAULT 0,
  files_failed INTEGER NOT NULL DEFAULT 0,
  chunks_total INTEGER NOT NULL DEFAULT 0,
  chunks_done INTEGER NOT NULL DEFAULT 0,
  blocks INTEGER NOT NULL DEFAULT 0,
  blocks_before_distill INTEGER NOT NULL DEFAULT 0,
  retry_at INTEGER NOT NULL DEFAULT 0,
  next_kind TEXT NOT NULL DEFAULT 'fresh',
  auto_retries INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_status ON jobs(status);

CREATE TABLE job_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  parent_id INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL DEFAULT 0,
  mtime INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending',
  stage TEXT NOT NULL DEFAULT 'queued',
  error_code TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  error_hint TEXT NOT NULL DEFAULT '',
  chars INTEGER NOT NULL DEFAULT 0,
  chunks INTEGER NOT NULL DEFAULT 0,
  blocks INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX job_files_job ON job_files(job_id, position);

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  started_at INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT 'running',
  error_code TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  error_hint TEXT NOT NULL DEFAULT '',
  failed_stage TEXT NOT NULL DEFAULT 'queued',
  free_disk_bytes INTEGER NOT NULL DEFAULT 0,
  UNIQUE(job_id, number)
);

-- What each input looked like when an attempt ran: the basis of "what changed".
CREATE TABLE attempt_files (
  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  error_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (attempt_id, path)
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX events_job ON events(job_id, id);

CREATE TABLE datasets (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE blocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  dataset TEXT NOT NULL,
  file_id INTEGER NOT NULL DEFAULT 0,
  source_file TEXT NOT NULL DEFAULT '',
  chunk_index INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  critical_question TEXT NOT NULL,
  trusted_answer TEXT NOT NULL,
  tags TEXT NOT NULL,
  entities TEXT NOT NULL,
  keywords TEXT NOT NULL,
  merged_into INTEGER NOT NULL DEFAULT 0,
  attempt INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX blocks_job ON blocks(job_id, file_id);
CREATE INDEX blocks_dataset ON blocks(dataset, id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE commands (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  exit_code INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 2: the settings each attempt ran with.
constexpr const char* kV2 = "ALTER TABLE attempts ADD COLUMN settings TEXT NOT NULL DEFAULT ''";

// Version 3: what keeps every view's cost independent of the database's size.
// - Dataset totals (representative blocks, jobs) kept by triggers, so listing datasets
//   reads one row per dataset instead of counting blocks. Triggers also fire for the
//   cascaded deletes of a deleted job, so the totals cannot drift.
// - Block text search through FTS5 (an external-content index over the blocks table).
// - Paging a dataset's representative blocks walks one index.
constexpr const char* kV3 = R"sql(
ALTER TABLE datasets ADD COLUMN blocks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE datasets ADD COLUMN jobs INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO datasets (name, created_at, updated_at)
  SELECT dataset, MIN(created_at), MAX(created_at) FROM jobs GROUP BY dataset;
UPDATE datasets SET
  blocks = (SELECT COUNT(*) FROM blocks b WHERE b.dataset = datasets.name AND b.merged_into = 0),
  jobs = (SELECT COUNT(*) FROM jobs j WHERE j.dataset = datasets.name);

CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs BEGIN
  INSERT OR IGNORE INTO datasets (name, created_at, updated_at) VALUES (NEW.dataset, NEW.created_at, NEW.created_at);
  UPDATE datasets SET jobs = jobs + 1 WHERE name = NEW.dataset;
END;
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs BEGIN
  UPDATE datasets SET jobs = jobs - 1 WHERE name = OLD.dataset;
END;
CREATE TRIGGER blocks_count_insert AFTER INSERT ON blocks WHEN NEW.merged_into = 0 BEGIN
  UPDATE datasets SET blocks = blocks + 1 WHERE name = NEW.dataset;
END;
CREATE TRIGGER blocks_count_delete AFTER DELETE ON blocks WHEN OLD.merged_into = 0 BEGIN
  UPDATE datasets SET blocks = blocks - 1 WHERE name = OLD.dataset;
END;
CREATE TRIGGER blocks_count_merge AFTER UPDATE OF merged_into ON blocks
  WHEN (OLD.merged_into = 0) <> (NEW.merged_into = 0) BEGIN
  UPDATE datasets SET blocks = blocks + (NEW.merged_into = 0) - (OLD.merged_into = 0) WHERE name = NEW.dataset;
END;

DROP INDEX blocks_dataset;
CREATE INDEX blocks_dataset ON blocks(dataset, merged_into, id);

CREATE VIRTUAL TABLE blocks_fts USING fts5(
  name, critical_question, trusted_answer, keywords, content='blocks', content_rowid='id');
INSERT INTO blocks_fts (blocks_fts) VALUES ('rebuild');
CREATE TRIGGER blocks_fts_insert AFTER INSERT ON blocks BEGIN
  INSERT INTO blocks_fts (rowid, name, critical_question, trusted_answer, keywords)
    VALUES (NEW.id, NEW.name, NEW.critical_question, NEW.trusted_answer, NEW.keywords);
END;
CREATE TRIGGER blocks_fts_delete AFTER DELETE ON blocks BEGIN
  INSERT INTO blocks_fts (blocks_fts, rowid, name, critical_question, trusted_answer, keywords)
    VALUES ('delete', OLD.id, OLD.name, OLD.critical_question, OLD.trusted_answer, OLD.keywords);
END;
CREATE TRIGGER blocks_fts_update AFTER UPDATE OF name, critical_question, trusted_answer, keywords ON blocks BEGIN
  INSERT INTO blocks_fts (blocks_fts, rowid, name, critical_question, trusted_answer, keywords)
    VALUES ('delete', OLD.id, OLD.name, OLD.critical_question, OLD.trusted_answer, OLD.keywords);
  INSERT INTO blocks_fts (rowid, name, critical_question, trusted_answer, keywords)
    VALUES (NEW.id, NEW.name, NEW.critical_question, NEW.trusted_answer, NEW.keywords);
END;
)sql";
// Version 4: how each file's text was read (its encoding, or OCR and its confidence).
constexpr const char* kV4 = "ALTER TABLE job_files ADD COLUMN encoding TEXT NOT NULL DEFAULT ''";

// Version 5: embedding vectors. One float32 BLOB per block in a table of its own, so
// loading a dataset's vectors reads compact rows and never the blocks' text. Per dataset:
// the model the vectors came from and their dimension (a dataset never mixes models),
// whether they are stale (the model changed since), and a version that changes whenever
// the set of searchable vectors may have changed, so a search cache knows when to reload.
constexpr const char* kV5 = R"sql(
CREATE TABLE block_vectors (
  block_id INTEGER PRIMARY KEY REFERENCES blocks(id) ON DELETE CASCADE,
  vector BLOB NOT NULL
);
ALTER TABLE datasets ADD COLUMN vector_model TEXT NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN vector_dimensions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE datasets ADD COLUMN vectors_stale INTEGER NOT NULL DEFAULT 0;
ALTER TABLE datasets ADD COLUMN vectors_version INTEGER NOT NULL DEFAULT 0;
-- What each job's last Embeddings stage did (job show, the metric cards).
CREATE TABLE job_embeddings (
  job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  dimensions INTEGER NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0,
  tokens INTEGER NOT NULL DEFAULT 0,
  seconds REAL NOT NULL DEFAULT 0,
  embedded INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER blocks_vectors_delete AFTER DELETE ON blocks WHEN OLD.merged_into = 0 BEGIN
  UPDATE datasets SET vectors_version = vectors_version + 1 WHERE name = OLD.dataset;
END;
CREATE TRIGGER blocks_vectors_merge AFTER UPDATE OF merged_into ON blocks
  WHEN (OLD.merged_into = 0) <> (NEW.merged_into = 0) BEGIN
  UPDATE datasets SET vectors_version = vectors_version + 1 WHERE name = NEW.dataset;
END;
)sql";

}  // namespace

namespace {

void refuse_newer(sql::Database& db, int version) {
  if (version > kSchemaVersion) {
    throw sql::StoreError("The database " + db.path().string() + " was written by a newer Blockify (schema " +
                              std::to_string(version) + "); update Blockify to open it.",
                          SQLITE_ERROR);
  }
}

}  // namespace

void check_schema(sql::Database& db) {
  int version = db.user_version();
  refuse_newer(db, version);
  if (version < kSchemaVersion) {
    throw sql::StoreError("The database " + db.path().string() + " is from an older Blockify (schema " +
                              std::to_string(version) +
                              ") and is upgraded when Blockify opens it; close the "
                              "running Blockify and start it again, then repeat the command.",
                          SQLITE_ERROR);
  }
}

void migrate(sql::Database& db) {
  int version = db.user_version();
  refuse_newer(db, version);
  if (version == kSchemaVersion) return;
  sql::Transaction txn(db);
  if (version < 1) db.exec(kV1);
  if (version < 2) db.exec(kV2);
  if (version < 3) db.exec(kV3);
  if (version < 4) db.exec(kV4);
  if (version < 5) db.exec(kV5);
  db.set_user_version(kSchemaVersion);
  txn.commit();
}

}  // namespace blockify::store
