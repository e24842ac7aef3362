// Smaller ways a hostile or unlucky input used to be misreported: a symlink loop is
// reported as a loop, not "not found"; a PDF whose page tree loops is damaged, not
// "probably scanned"; a whitespace-only job name is refused; a damaged database's error
// names the file and says what to do.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <vector>
#include <string>

#include "engine/core/engine.h"
#include "engine/domain/job.h"
#include "engine/pipeline/extract/extract.h"
#include "engine/store/job_store.h"
#include "tests/support/engine_options.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;
namespace fs = std::filesystem;

namespace {

// A PDF whose page tree points back at itself: the catalog's /Pages holds a /Pages node
// whose only kid is the root again. Offsets in the xref table are computed as written.
std::string circular_page_tree_pdf() {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 3 >>");
  object("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 3 >>");
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

TEST_CASE("a symlink loop is reported as a loop, not as a missing file") {
  TempDir dir;
  fs::create_symlink(dir / "b.txt", dir / "a.txt");
  fs::create_symlink(dir / "a.txt", dir / "b.txt");
  ExtractResult result = extract_file(dir / "a.txt");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error.message.find("loop") != std::string::npos);
  CHECK(result.error.message.find("was not found") == std::string::npos);
  CHECK(!result.error.hint.empty());
}

TEST_CASE("a PDF whose page tree loops is damaged, not probably scanned") {
  ExtractResult result = extract_bytes("looped.pdf", circular_page_tree_pdf());
  REQUIRE_FALSE(result.ok());
  CAPTURE(result.error.message);
  CHECK(result.error.code == error_code::kCorrupt);
  CHECK(result.error.message.find("scanned") == std::string::npos);
}

TEST_CASE("a whitespace-only job name is refused by the shared rule and by the engine") {
  CHECK(validate_job_name("Q3 manuals").empty());
  CHECK_FALSE(validate_job_name("").empty());
  CHECK_FALSE(validate_job_name("   ").empty());
  CHECK_FALSE(validate_job_name(" \t\n\xC2\xA0 ").empty());
  TempDir dir;
  Engine engine(engine_options(dir / "blockify.db", 0));
  auto file = dir.write("a.md", "Some text.");
  CommandResult r = engine.submit(CreateJob{"  \t ", "d", JobConfig{}, {file.string()}}).get();
  CHECK(r.code == ResultCode::Usage);
  CHECK(r.message.find("only spaces") != std::string::npos);
  CHECK(engine.snapshot()->count(JobStatus::Pending) == 0);
}

TEST_CASE("a damaged database's error names the file and says what to do") {
  TempDir dir;
  auto path = dir.write("damaged.db", std::string(8192, 'Z'));
  try {
    store::JobStore store(path);
    FAIL("a damaged database opened");
  } catch (const sql::StoreError& e) {
    std::string what = e.what();
    CAPTURE(what);
    CHECK(what.find(path.string()) != std::string::npos);
    CHECK(what.find("damaged") != std::string::npos);
    CHECK(what.find("backup") != std::string::npos);
  }
}
