// The embedding-vector half of JobStore (schema 5): one float32 BLOB per block in
// block_vectors, and per dataset the model, dimension, stale flag and version.
#include "engine/store/block_rows.h"
#include "engine/store/job_store.h"

namespace blockify::store {
namespace {

// `select` + the blocks that have a vector + `rest`: the one join every count and list of
// vectors reads (block aliased b, its vector v). Callers keep the result in a static, since
// cached statements are found by their text's address.
std::string with_vectors(const char* select, const char* rest) {
  return std::string(select) + " FROM blocks b JOIN block_vectors v ON v.block_id = b.id " + rest;
}

}  // namespace

DatasetVectors JobStore::dataset_vectors(const std::string& dataset, bool count_vectors) {
  DatasetVectors out;
  auto& s = statement(
      "SELECT vector_model, vector_dimensions, vectors_stale, vectors_version FROM datasets WHERE name=?");
  s.bind(1, dataset);
  if (s.step()) {
    sql::Row row(s);
    row >> out.model >> out.dimensions;
    out.stale = row.integer() != 0;
    row >> out.version;
  }
  s.reset();
  if (!count_vectors) return out;
  static const std::string kCount = with_vectors("SELECT COUNT(*)", "WHERE b.dataset=? AND b.merged_into=0");
  auto& c = statement(kCount.c_str());
  c.bind(1, dataset);
  out.count = c.step() ? c.int64(0) : 0;
  c.reset();
  return out;
}

void JobStore::set_dataset_vector_model(const std::string& dataset, const std::string& model,
                                        int dimensions) {
  auto& s = statement(
      "UPDATE datasets SET vector_model=?, vector_dimensions=?, vectors_stale=0, "
      "vectors_version=vectors_version+1 "
      "WHERE name=?");
  s.bind(1, model).bind(2, dimensions).bind(3, dataset).run();
}

void JobStore::mark_vectors_stale(const std::string& dataset) {
  statement("UPDATE datasets SET vectors_stale=1 WHERE name=? AND vectors_stale=0").bind(1, dataset).run();
}

void JobStore::put_block_vectors(const std::string& dataset,
                                 const std::vector<std::pair<int64_t, std::vector<float>>>& vectors) {
  if (vectors.empty()) return;
  auto& s = statement("INSERT OR REPLACE INTO block_vectors (block_id, vector) VALUES (?, ?)");
  for (const auto& [block_id, vector] : vectors)
    s.bind(1, block_id).bind_blob(2, encode_vector(vector)).run();
  statement("UPDATE datasets SET vectors_version=vectors_version+1 WHERE name=?").bind(1, dataset).run();
}

void JobStore::delete_dataset_vectors(const std::string& dataset) {
  statement("DELETE FROM block_vectors WHERE block_id IN (SELECT id FROM blocks WHERE dataset=?)")
      .bind(1, dataset)
      .run();
  statement("UPDATE datasets SET vectors_version=vectors_version+1 WHERE name=?").bind(1, dataset).run();
}

void JobStore::clear_vectors_stale(const std::string& dataset) {
  statement("UPDATE datasets SET vectors_stale=0 WHERE name=? AND vectors_stale=1").bind(1, dataset).run();
}

std::vector<IdeaBlock> JobStore::dataset_blocks_without_vector(const std::string& dataset, int64_t after_id,
                                                               int64_t limit) {
  auto& s = statement(
      "SELECT b.id, b.name, b.critical_question, b.trusted_answer FROM blocks b WHERE b.dataset=? AND "
      "b.merged_into=0 AND b.id > ? AND NOT EXISTS (SELECT 1 FROM block_vectors v WHERE v.block_id = b.id) "
      "ORDER BY b.id LIMIT ?");
  s.bind(1, dataset).bind(2, after_id).bind(3, limit);
  return s.collect([](sql::Row& row) {
    IdeaBlock b;
    row >> b.id;
    read_block_text(row, b);
    return b;
  });
}

std::optional<int64_t> JobStore::dataset_block_count(const std::string& dataset) {
  auto& s = statement("SELECT blocks FROM datasets WHERE name=?");
  s.bind(1, dataset);
  std::optional<int64_t> out = s.step() ? std::optional<int64_t>(s.int64(0)) : std::nullopt;
  s.reset();
  return out;
}

std::vector<int64_t> JobStore::job_blocks_with_vectors(int64_t job_id) {
  static const std::string kIds = with_vectors("SELECT b.id", "WHERE b.job_id=? ORDER BY b.id");
  auto& s = statement(kIds.c_str());
  s.bind(1, job_id);
  return s.collect([](sql::Row& row) { return row.int64(); });
}

VectorMatrix JobStore::load_dataset_vectors(const std::string& dataset) {
  DatasetVectors info = dataset_vectors(dataset);
  const size_t dims = static_cast<size_t>(std::max(0, info.dimensions));
  VectorMatrix matrix(dims);
  if (dims == 0) return matrix;
  matrix.reserve(static_cast<size_t>(info.count));
  // Its own statement: the result may be large and is read once per load.
  static const std::string kVectors =
      with_vectors("SELECT b.id, v.vector", "WHERE b.dataset=?1 AND b.merged_into=0 ORDER BY b.id");
  auto q = db_.prepare(kVectors.c_str());
  q.bind(1, dataset);
  std::vector<float> vector;
  while (q.step()) {
    std::string_view bytes = q.blob(1);
    if (bytes.size() != dims * 4) continue;  // written under another dimension; never mixed in
    vector = decode_vector(bytes);
    matrix.add(q.int64(0), vector);
  }
  return matrix;
}

std::optional<JobEmbeddings> JobStore::job_embeddings(int64_t job_id) {
  auto& s = statement(
      "SELECT model, dimensions, requests, tokens, seconds, embedded FROM job_embeddings WHERE job_id=?");
  s.bind(1, job_id);
  std::optional<JobEmbeddings> out;
  if (s.step()) {
    sql::Row row(s);
    out = JobEmbeddings{row.text(), row.integer(), 0, row.int64(), row.int64(), row.real(), row.int64()};
  }
  s.reset();
  if (!out) return out;
  static const std::string kCount = with_vectors("SELECT COUNT(*)", "WHERE b.job_id=?");
  auto& c = statement(kCount.c_str());
  c.bind(1, job_id);
  out->blocks = c.step() ? c.int64(0) : 0;
  c.reset();
  return out;
}

void JobStore::save_job_embeddings(int64_t job_id, const JobEmbeddings& e) {
  auto& s = statement(
      "INSERT OR REPLACE INTO job_embeddings (job_id, model, dimensions, requests, tokens, seconds, "
      "embedded) "
      "VALUES (?,?,?,?,?,?,?)");
  s.bind(1, job_id).bind(2, e.model).bind(3, e.dimensions).bind(4, e.requests).bind(5, e.tokens);
  s.bind(6, e.seconds).bind(7, e.embedded_this_attempt).run();
}

std::vector<float> JobStore::block_vector(int64_t block_id) {
  auto& s = statement("SELECT vector FROM block_vectors WHERE block_id=?");
  s.bind(1, block_id);
  std::vector<float> out = s.step() ? decode_vector(s.blob(0)) : std::vector<float>{};
  s.reset();
  return out;
}

}  // namespace blockify::store
