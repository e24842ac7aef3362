// The results half of JobStore: IdeaBlocks, chunks and datasets.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

#include "engine/store/block_rows.h"
#include "engine/store/job_store.h"

namespace blockify::store {
namespace {

std::string encode_entities(const std::vector<Entity>& entities) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& e : entities) arr.push_back({{"name", e.name}, {"type", e.type}});
  return arr.dump();
}

std::vector<Entity> decode_entities(const std::string& text) {
  std::vector<Entity> out;
  auto arr = nlohmann::json::parse(text, nullptr, false);
  if (!arr.is_array()) return out;
  for (const auto& e : arr)
    out.push_back({e.value("name", std::string()), e.value("type", std::string("OTHER"))});
  return out;
}

// "SELECT" and read_block's columns of the blocks table aliased b, then `rest`. Callers
// keep a cached statement's text in a static, since cached statements are found by their
// text's address.
std::string select_blocks(const char* rest) {
  return std::string(
             "SELECT b.id, b.file_id, b.source_file, b.chunk_index, b.name, b.critical_question, "
             "b.trusted_answer, b.tags, b.entities, b.keywords, b.merged_into") +
         rest;
}

}  // namespace

void read_block_text(sql::Row& row, IdeaBlock& block) {
  row >> block.name >> block.critical_question >> block.trusted_answer;
}

IdeaBlock read_block(sql::Row& row) {
  IdeaBlock b;
  row >> b.id >> b.file_id >> b.source_file >> b.chunk_index;
  read_block_text(row, b);
  b.tags = split_list(row.text());
  b.entities = decode_entities(row.text());
  b.keywords = split_list(row.text());
  row >> b.merged_into;
  return b;
}

void JobStore::ensure_dataset(const std::string& name, TimeMs now) {
  auto& s = statement(
      "INSERT INTO datasets (name, created_at, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT(name) DO UPDATE SET updated_at=excluded.updated_at");
  s.bind(1, name).bind(2, now).bind(3, now).run();
}

void JobStore::insert_blocks(int64_t job_id, const std::string& dataset, int attempt,
                             std::vector<IdeaBlock>& blocks) {
  auto& s = statement(
      "INSERT INTO blocks (job_id, dataset, file_id, source_file, chunk_index, name, critical_question, "
      "trusted_answer, tags, entities, keywords, merged_into, attempt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (auto& b : blocks) {
    s.bind(1, job_id).bind(2, dataset).bind(3, b.file_id).bind(4, b.source_file).bind(5, b.chunk_index);
    s.bind(6, b.name).bind(7, b.critical_question).bind(8, b.trusted_answer);
    s.bind(9, join_list(b.tags)).bind(10, encode_entities(b.entities)).bind(11, join_list(b.keywords));
    s.bind(12, b.merged_into).bind(13, attempt);
    s.run();
    b.id = db_.last_insert_id();
  }
}

void JobStore::set_merged_into(int64_t block_id, int64_t representative_id) {
  auto& s = statement("UPDATE blocks SET merged_into=? WHERE id=?");
  s.bind(1, representative_id).bind(2, block_id).run();
}

void JobStore::clear_merges(int64_t job_id) {
  statement("UPDATE blocks SET merged_into=0 WHERE job_id=? AND merged_into<>0").bind(1, job_id).run();
}

void JobStore::update_block_lists(const IdeaBlock& b) {
  auto& s = statement("UPDATE blocks SET tags=?, entities=?, keywords=?, merged_into=? WHERE id=?");
  s.bind(1, join_list(b.tags)).bind(2, encode_entities(b.entities)).bind(3, join_list(b.keywords));
  s.bind(4, b.merged_into).bind(5, b.id).run();
}

void JobStore::update_block_content(const IdeaBlock& b) {
  auto& s = statement(
      "UPDATE blocks SET name=?, critical_question=?, trusted_answer=?, tags=?, entities=?, keywords=?, "
      "merged_into=? WHERE id=?");
  s.bind(1, b.name).bind(2, b.critical_question).bind(3, b.trusted_answer);
  s.bind(4, join_list(b.tags)).bind(5, encode_entities(b.entities)).bind(6, join_list(b.keywords));
  s.bind(7, b.merged_into).bind(8, b.id).run();
}

void JobStore::delete_blocks(int64_t job_id) {
  statement("DELETE FROM blocks WHERE job_id=?").bind(1, job_id).run();
}

void JobStore::delete_blocks_of_file(int64_t job_id, int64_t file_id) {
  statement("DELETE FROM blocks WHERE job_id=? AND file_id=?").bind(1, job_id).bind(2, file_id).run();
}

int64_t JobStore::count_blocks(int64_t job_id, bool representatives_only) {
  auto& s = representatives_only ? statement("SELECT COUNT(*) FROM blocks WHERE job_id=? AND merged_into=0")
                                 : statement("SELECT COUNT(*) FROM blocks WHERE job_id=?");
  s.bind(1, job_id);
  int64_t n = s.step() ? s.int64(0) : 0;
  s.reset();
  return n;
}

std::vector<IdeaBlock> JobStore::load_job_blocks(int64_t job_id, int64_t offset, int64_t limit) {
  static const std::string kSql =
      select_blocks(" FROM blocks b WHERE b.job_id=? ORDER BY b.id LIMIT ? OFFSET ?");
  return statement(kSql.c_str()).bind(1, job_id).bind(2, limit).bind(3, offset).collect(read_block);
}

namespace {

std::string fts_query(const std::string& search) {
  // Each word of what the user typed must appear (in any of the block's texts); the last
  // word is a prefix, so results narrow while typing. Words are quoted, so FTS5 syntax in
  // the search box ("AND", "*", quotes, colons) is taken literally.
  std::string query, word;
  std::vector<std::string> words;
  for (char c : search) {
    bool separator = std::isspace(static_cast<unsigned char>(c)) || c == '"';
    if (!separator) word += c;
    if (separator && !word.empty()) words.push_back(std::move(word)), word.clear();
  }
  if (!word.empty()) words.push_back(std::move(word));
  for (size_t i = 0; i < words.size(); ++i) {
    if (!query.empty()) query += ' ';
    query += '"' + words[i] + '"';
    if (i + 1 == words.size()) query += '*';
  }
  return query;
}

}  // namespace

std::vector<IdeaBlock> JobStore::load_dataset_blocks(const std::string& dataset, const std::string& search,
                                                     int64_t offset, int64_t limit) {
  static const std::string kPlain =
      select_blocks(" FROM blocks b WHERE b.dataset=?1 AND b.merged_into=0 ORDER BY b.id LIMIT ?2 OFFSET ?3");
  static const std::string kSearch = select_blocks(
      " FROM blocks_fts f JOIN blocks b ON b.id = f.rowid WHERE blocks_fts MATCH ?4 AND b.dataset=?1 AND "
      "b.merged_into=0 ORDER BY f.rowid LIMIT ?2 OFFSET ?3");
  std::string match = fts_query(search);
  auto& q = statement(match.empty() ? kPlain.c_str() : kSearch.c_str());
  q.bind(1, dataset).bind(2, limit).bind(3, offset);
  if (!match.empty()) q.bind(4, match);
  return q.collect(read_block);
}

namespace {

// The SQL of each way to find a page, without and with a text search (FTS5 gives rowids
// in order and takes rowid bounds, so both forms walk only the page they return).
const char* page_sql(PageFrom from, bool searching) {
  static const std::string kSelect = select_blocks(", b.job_id ");
  static const std::string kPlain = kSelect + "FROM blocks b WHERE b.dataset=?1 AND b.merged_into=0 ";
  static const std::string kSearch =
      kSelect +
      "FROM blocks_fts f JOIN blocks b ON b.id = f.rowid WHERE blocks_fts MATCH ?4 "
      "AND b.dataset=?1 AND b.merged_into=0 ";
  auto make = [](const std::string& base, const char* key) {
    return std::array<std::string, 5>{base + "ORDER BY " + key + " LIMIT ?2 OFFSET ?3",
                                      base + "AND " + key + " > ?3 ORDER BY " + key + " LIMIT ?2",
                                      base + "AND " + key + " >= ?3 ORDER BY " + key + " LIMIT ?2",
                                      base + "AND " + key + " < ?3 ORDER BY " + key + " DESC LIMIT ?2",
                                      base + "ORDER BY " + key + " DESC LIMIT ?2 OFFSET ?3"};
  };
  static const auto plain = make(kPlain, "b.id");
  static const auto search = make(kSearch, "f.rowid");
  return (searching ? search : plain)[static_cast<size_t>(from)].c_str();
}

}  // namespace

std::vector<IdeaBlock> JobStore::load_dataset_page(const std::string& dataset, const std::string& search,
                                                   PageFrom from, int64_t value, int64_t limit) {
  std::string match = fts_query(search);
  auto& q = statement(page_sql(from, !match.empty()));
  q.bind(1, dataset).bind(2, limit).bind(3, value);
  if (!match.empty()) q.bind(4, match);
  std::vector<IdeaBlock> out = q.collect([](sql::Row& row) {
    IdeaBlock b = read_block(row);
    row >> b.job_id;
    return b;
  });
  if (from == PageFrom::Before || from == PageFrom::FromEnd) std::reverse(out.begin(), out.end());
  return out;
}

void JobStore::for_each_dataset_block(const std::string& dataset,
                                      const std::function<bool(const IdeaBlock&)>& visit) {
  auto q = db_.prepare(select_blocks(" FROM blocks b WHERE b.dataset=?1 AND b.merged_into=0 ORDER BY b.id"));
  q.bind(1, dataset);
  while (q.step()) {
    sql::Row row(q);
    if (!visit(read_block(row))) break;
  }
}

std::optional<IdeaBlock> JobStore::load_block(int64_t block_id, int64_t* job_id) {
  static const std::string kSql = select_blocks(", b.job_id FROM blocks b WHERE b.id=?");
  auto& s = statement(kSql.c_str());
  s.bind(1, block_id);
  std::optional<IdeaBlock> out;
  if (s.step()) {
    sql::Row row(s);
    out = read_block(row);
    if (job_id) *job_id = row.int64();
  }
  s.reset();
  return out;
}

void JobStore::for_each_dataset_block_with_vector(
    const std::string& dataset, const std::function<bool(const IdeaBlock&, std::span<const float>)>& visit) {
  auto q =
      db_.prepare(select_blocks(", v.vector FROM blocks b LEFT JOIN block_vectors v ON v.block_id = b.id "
                                "WHERE b.dataset=?1 AND b.merged_into=0 ORDER BY b.id"));
  q.bind(1, dataset);
  while (q.step()) {
    sql::Row row(q);
    IdeaBlock block = read_block(row);
    if (!visit(block, decode_vector(row.blob()))) break;
  }
}

std::vector<DatasetSummary> JobStore::list_datasets() {
  // Totals are kept by triggers (schema v3): one row per dataset, no counting.
  auto& s = statement("SELECT name, blocks, jobs, updated_at FROM datasets ORDER BY name");
  return s.collect([](sql::Row& row) {
    return DatasetSummary{row.text(), row.int64(), row.int64(), row.int64()};
  });
}

}  // namespace blockify::store
