#pragma once
// Persistence of jobs, files, attempts, events, results, settings and queued commands in
// one SQLite file. The engine thread is its only writer; other processes only read and
// append to the commands table.
//
// Folder engine/store/: SQLite. The schema and its migrations, JobStore (jobs, files,
// attempts, events, IdeaBlocks, vectors, settings, queued commands) and the sentence a
// failing store gives. The engine thread owns the one read-write JobStore; background
// tasks (search, Re-embed) open their own read-only ones (Access::kRead), and a
// command-line process opens one to queue commands.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/domain/dataset.h"
#include "engine/domain/ideablock.h"
#include "engine/domain/job.h"
#include "engine/domain/job_embeddings.h"
#include "engine/pipeline/vector_search.h"
#include "engine/store/sqlite.h"

namespace blockify::store {

// How load_dataset_page finds its page.
enum class PageFrom { Offset, After, AtOrAfter, Before, FromEnd };

// What a dataset's embedding vectors are (schema 5). A dataset never mixes models:
// every vector of it came from `model` and has `dimensions` floats.
struct DatasetVectors {
  std::string model;  // empty: the dataset has never been embedded
  int dimensions = 0;
  bool stale = false;   // the embedding model changed since: Re-embed to search by meaning again
  int64_t version = 0;  // changes whenever the searchable vectors may have changed
  int64_t count = 0;    // representative blocks that have a vector
};

// A file's fingerprint when an attempt read it.
struct FileFingerprint {
  std::string path;
  int64_t size = 0;
  int64_t mtime = 0;
  std::string content_hash;
  FileStatus status = FileStatus::Pending;
  std::string error_code;
};

// A command another process queued for the engine that owns the database.
struct QueuedCommand {
  int64_t id = 0;
  std::string request;  // JSON
};

class JobStore {
 public:
  // Opens or creates the database and migrates it. Throws sql::StoreError with a
  // sentence when the file cannot be opened or is newer than this build.
  explicit JobStore(const std::filesystem::path& path);
  // How a process that does not own the database (a command line behind a running engine)
  // opens it: never migrated, and refused with a sentence unless its schema is this
  // build's. kRead opens the file read-only; kSend can queue commands.
  enum class Access { kRead, kSend };
  JobStore(const std::filesystem::path& path, Access access);

  sql::Database& db() { return db_; }

  // --- jobs ---
  int64_t insert_job(Job& job);  // sets job.id
  void update_job(const Job& job);
  void delete_job(int64_t id);
  std::vector<Job> load_jobs();
  // Every job in id order, one at a time (the engine's startup: no second copy of 100,000).
  void for_each_job(const std::function<void(Job&&)>& visit);
  std::optional<Job> load_job(int64_t id);

  // --- files ---
  void insert_file(JobFile& file, int position);  // sets file.id
  void update_file(const JobFile& file);
  void delete_file(int64_t file_id);
  std::vector<JobFile> load_files(int64_t job_id);

  // --- attempts ---
  void insert_attempt(Attempt& attempt);  // sets attempt.id
  void update_attempt(const Attempt& attempt);
  std::vector<Attempt> load_attempts(int64_t job_id);
  void record_fingerprints(int64_t attempt_id, const std::vector<FileFingerprint>& files);
  std::vector<FileFingerprint> load_fingerprints(int64_t attempt_id);

  // --- events (a job's log) ---
  void add_event(int64_t job_id, TimeMs at, const std::string& level, const std::string& message);
  std::vector<JobEvent> load_events(int64_t job_id, int limit = 500);

  // --- results ---
  void ensure_dataset(const std::string& name, TimeMs now);
  void insert_blocks(int64_t job_id, const std::string& dataset, int attempt, std::vector<IdeaBlock>& blocks);
  void set_merged_into(int64_t block_id, int64_t representative_id);
  void clear_merges(int64_t job_id);                // before a new distill pass
  void update_block_lists(const IdeaBlock& block);  // tags, keywords, entities after distill
  // Everything distill may change: name, question, answer, the lists and merged_into.
  void update_block_content(const IdeaBlock& block);
  void delete_blocks(int64_t job_id);
  void delete_blocks_of_file(int64_t job_id, int64_t file_id);
  int64_t count_blocks(int64_t job_id, bool representatives_only);
  std::vector<IdeaBlock> load_job_blocks(int64_t job_id, int64_t offset = 0, int64_t limit = -1);
  std::vector<IdeaBlock> load_dataset_blocks(const std::string& dataset, const std::string& search = {},
                                             int64_t offset = 0, int64_t limit = -1);
  // A page of a dataset's representative blocks in id order (optionally those matching a
  // text search). `value` is an offset (Offset: from the start; FromEnd: blocks after the
  // page) or a block id (After / AtOrAfter / Before it). Paging from a neighbouring page's
  // ids costs the same on page 1 and page 20,000; only an Offset jump counts its way there.
  std::vector<IdeaBlock> load_dataset_page(const std::string& dataset, const std::string& search,
                                           PageFrom from, int64_t value, int64_t limit);
  // Every representative block of a dataset in id order, one at a time (exports stream
  // through this instead of loading the dataset); `visit` returns false to stop.
  void for_each_dataset_block(const std::string& dataset, const std::function<bool(const IdeaBlock&)>& visit);
  // O(datasets): the totals are kept up to date by triggers.
  std::vector<DatasetSummary> list_datasets();

  // --- embedding vectors (vector_store.cpp) ---
  // The dataset's model, dimension, stale flag and version; `count` costs one index walk
  // (left 0 unless `count_vectors`).
  DatasetVectors dataset_vectors(const std::string& dataset, bool count_vectors = true);
  // Records which model the dataset's vectors come from and clears the stale flag.
  void set_dataset_vector_model(const std::string& dataset, const std::string& model, int dimensions);
  void mark_vectors_stale(const std::string& dataset);
  // Stores (or replaces) blocks' vectors and changes the dataset's vector version once.
  void put_block_vectors(const std::string& dataset,
                         const std::vector<std::pair<int64_t, std::vector<float>>>& vectors);
  // Drops every vector of a dataset (before a Re-embed with another model).
  void delete_dataset_vectors(const std::string& dataset);
  // Clears the stale flag (a Re-embed gave every block a vector of the current model).
  void clear_vectors_stale(const std::string& dataset);
  // Up to `limit` representative blocks of the dataset that have no vector, with ids above
  // `after_id`, in id order (a Re-embed pages through them by id).
  std::vector<IdeaBlock> dataset_blocks_without_vector(const std::string& dataset, int64_t after_id,
                                                       int64_t limit);
  // The dataset's representative blocks (its kept total, one row read); nullopt when
  // there is no such dataset.
  std::optional<int64_t> dataset_block_count(const std::string& dataset);
  // The ids of a job's blocks that already have a vector (Resume keeps them).
  std::vector<int64_t> job_blocks_with_vectors(int64_t job_id);
  // Every representative block's vector of the dataset, in block id order, as one matrix
  // of the dataset's dimension (rows of another length are skipped).
  VectorMatrix load_dataset_vectors(const std::string& dataset);
  // A block's vector; empty when it has none.
  std::vector<float> block_vector(int64_t block_id);
  // What the job's last Embeddings stage did; nullopt when it never embedded. `blocks`
  // counts the job's blocks that have a vector now.
  std::optional<JobEmbeddings> job_embeddings(int64_t job_id);
  void save_job_embeddings(int64_t job_id, const JobEmbeddings& embeddings);
  // One block by id with the job that made it (job id 0 and nullopt when there is none).
  std::optional<IdeaBlock> load_block(int64_t block_id, int64_t* job_id = nullptr);
  // Like for_each_dataset_block, with each block's vector (empty when it has none).
  void for_each_dataset_block_with_vector(
      const std::string& dataset, const std::function<bool(const IdeaBlock&, std::span<const float>)>& visit);

  // --- settings ---
  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);
  std::vector<std::pair<std::string, std::string>> all_settings();

  // --- commands from other processes ---
  // Queues a command, or returns the id of the one already queued under `request_id` (the
  // "request_id" of its JSON), so a command sent again after a timeout is applied once.
  int64_t queue_command(const std::string& request_json, const std::string& request_id, TimeMs now);
  std::vector<QueuedCommand> take_queued_commands();  // marks them 'taken'
  void finish_command(int64_t id, int exit_code, const std::string& result);
  // Returns exit code and result once the engine finished it.
  std::optional<std::pair<int, std::string>> command_result(int64_t id);

 private:
  // Prepared once per SQL text (a string literal, so its address is its key).
  sql::Statement& statement(const char* sql_text);

  sql::Database db_;
  std::unordered_map<const char*, std::unique_ptr<sql::Statement>> statements_;
};

// Milliseconds since the Unix epoch, now.
TimeMs now_ms();

}  // namespace blockify::store
