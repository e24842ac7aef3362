// sql::Row reads a row's columns left to right; Statement::collect gathers every row.
#include "engine/store/sqlite.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/support/temp_dir.h"

using namespace blockify;

TEST_CASE("a Row takes the columns in SELECT order, by type, and collect reads every row then resets") {
  test::TempDir dir;
  sql::Database db(dir.path() / "rows.db");
  db.exec("CREATE TABLE t (n INTEGER, small INTEGER, x REAL, s TEXT, b BLOB)");
  db.exec("INSERT INTO t VALUES (5000000000, 7, 1.5, 'first', x'00ff'), (2, 3, 0.25, 'second', x'')");
  auto q = db.prepare("SELECT n, small, x, s, b FROM t ORDER BY n DESC");

  REQUIRE(q.step());
  sql::Row row(q);
  int64_t n = 0;
  int small = 0;
  double x = 0;
  std::string s;
  row >> n >> small >> x >> s;
  CHECK(n == 5000000000);
  CHECK(small == 7);
  CHECK(x == 1.5);
  CHECK(s == "first");
  CHECK(row.blob() == std::string_view("\0\xff", 2));
  q.reset();

  auto rows = q.collect([](sql::Row& r) {
    std::pair<int64_t, std::string> first_and_text;
    int small_column = 0;
    double real_column = 0;
    r >> first_and_text.first >> small_column >> real_column >> first_and_text.second;
    return first_and_text;
  });
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::pair<int64_t, std::string>{5000000000, "first"});
  CHECK(rows[1] == std::pair<int64_t, std::string>{2, "second"});
  auto again = q.collect([](sql::Row& r) { return r.int64(); });
  CHECK(again == std::vector<int64_t>{5000000000, 2});
}
