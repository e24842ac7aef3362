#pragma once
// A thin RAII layer over SQLite: one connection, prepared statements only.
// Errors throw StoreError inside the store; the engine catches them at its boundary.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace blockify::sql {

// what() is the sentence a user reads (the banner, a command's answer, `run`'s exit);
// detail() is SQLite's own words and what the store was doing, for the log.
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& what, int code, std::string detail = {})
      : std::runtime_error(what), code_(code), detail_(std::move(detail)) {}
  int code() const { return code_; }  // SQLite result code (e.g. SQLITE_FULL)
  const std::string& detail() const { return detail_; }

 private:
  int code_;
  std::string detail_;
};

// The one sentence for a failed database operation with result `code` on `file`: what
// happened and what to do ("Could not save: the disk holding /x/blockify.db is full. Free
// space there, then retry."). `sqlite_words` is SQLite's message, shown where it helps.
std::string store_failure_sentence(const std::filesystem::path& file, int code,
                                   const std::string& sqlite_words);

class Row;

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;

  // Binds by 1-based index. Returns *this so binds chain.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  // Binds bytes as a BLOB (text binds would be read back through a text encoding).
  Statement& bind_blob(int index, std::string_view bytes);

  // Steps once; true while a row is available.
  bool step();
  // Steps to completion (for INSERT/UPDATE/DELETE) and resets.
  void run();
  void reset();

  int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int integer(int col) const { return sqlite3_column_int(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const;
  // The column's bytes, valid until the next step or reset (no copy).
  std::string_view blob(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

  // Steps through every row, collects read(row) for each (row: a Row at the first column),
  // then resets.
  template <typename Read>
  auto collect(Read read) -> std::vector<std::invoke_result_t<Read, Row&>>;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// The current row of a statement read left to right: each read takes the next column, so a
// reader names its fields in SELECT order and counts no column numbers
// (`row >> f.id >> f.path;`, `{row.int64(), row.text()}`).
class Row {
 public:
  explicit Row(const Statement& s) : s_(s) {}

  int64_t int64() { return s_.int64(col_++); }
  int integer() { return s_.integer(col_++); }
  double real() { return s_.real(col_++); }
  std::string text() { return s_.text(col_++); }
  std::string_view blob() { return s_.blob(col_++); }

  Row& operator>>(int64_t& value) {
    value = int64();
    return *this;
  }
  Row& operator>>(int& value) {
    value = integer();
    return *this;
  }
  Row& operator>>(double& value) {
    value = real();
    return *this;
  }
  Row& operator>>(std::string& value) {
    value = text();
    return *this;
  }

 private:
  const Statement& s_;
  int col_ = 0;
};

template <typename Read>
auto Statement::collect(Read read) -> std::vector<std::invoke_result_t<Read, Row&>> {
  std::vector<std::invoke_result_t<Read, Row&>> out;
  while (step()) {
    Row row(*this);
    out.push_back(read(row));
  }
  reset();
  return out;
}

class Database {
 public:
  // Opens (creating if needed) with WAL, foreign keys on and a busy timeout, so another
  // process (the command line) can read and queue commands while the engine writes.
  explicit Database(const std::filesystem::path& path, bool read_only = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  int user_version();
  void set_user_version(int v);
  // Increases when another connection commits; cheap to poll.
  int64_t data_version();
  sqlite3* handle() { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// Begins IMMEDIATE on construction; rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace blockify::sql
