// Bounded resources on every input: each per-file budget (unpacked bytes across all
// members, compression ratio, entries, nesting depth, characters) fails the file with
// TOO_LARGE or ARCHIVE_LIMIT and a sentence naming the limit; deep HTML is flattened in
// linear work; and the hostile files of the field report — slides that inflate, a body
// that inflates, a zip bomb — are refused within 512 MB of peak memory, each measured in
// a process of its own.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/bomb_writer.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/zip_writer.h"

using namespace blockify;
using namespace blockify::test;

namespace {

bool mentions(const ExtractResult& result, const std::string& text) {
  return result.error.message.find(text) != std::string::npos;
}

struct Measured {
  std::string code;
  std::string message;
  long peak_rss_kb = 0;
};

// Extracts `path` in a child process and reports its error code, sentence and peak
// resident memory, so every case is measured on its own.
Measured extract_in_child(const std::filesystem::path& path) {
  ChildReport child = run_in_child([&] {
    ExtractResult result = extract_file(path);
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return std::to_string(usage.ru_maxrss) + "\n" + result.error.code + "\n" + result.error.message;
  });
  REQUIRE(child.reaped);
  REQUIRE(child.exited);
  REQUIRE(child.exit_code == 0);
  const std::string& report = child.text;
  Measured m;
  size_t first = report.find('\n');
  size_t second = report.find('\n', first + 1);
  REQUIRE(second != std::string::npos);
  m.peak_rss_kb = std::stol(report.substr(0, first));
  m.code = report.substr(first + 1, second - first - 1);
  m.message = report.substr(second + 1);
  return m;
}

constexpr long kPeakBudgetKb = 512 * 1024;

}  // namespace

TEST_CASE("slides that each stay under the budget but together pass it fail the whole file") {
  ExtractLimits limits;
  limits.max_archive_total_bytes = 1 << 20;  // 1 MB for the whole file
  std::vector<std::vector<std::string>> slides;
  for (int i = 0; i < 6; ++i) slides.push_back({std::string(300 * 1024, 'a' + static_cast<char>(i))});
  ExtractResult result = extract_bytes("deck.pptx", make_pptx(slides), limits);
  CHECK(result.error.code == error_code::kTooLarge);
  CHECK(mentions(result, "deck.pptx"));
  CHECK(mentions(result, "1.0 MB"));
  CHECK(!result.error.hint.empty());
}

TEST_CASE("an archive's entries share one unpacked budget") {
  ExtractLimits limits;
  limits.max_archive_total_bytes = 1 << 20;
  std::vector<ZipMember> members;
  for (int i = 0; i < 4; ++i)
    members.push_back({"part" + std::to_string(i) + ".txt", std::string(400 * 1024, 'x')});
  ExtractResult result = extract_bytes("parts.zip", make_zip(members, {false, ""}), limits);
  CHECK(result.error.code == error_code::kArchiveLimit);
  CHECK(mentions(result, "1.0 MB"));
}

TEST_CASE("a compression ratio past 100 is refused and the sentence gives the limit") {
  ExtractResult result = extract_bytes("ratio.zip", make_zip({{"zeros.txt", std::string(8 << 20, '0')}}));
  CHECK(result.error.code == error_code::kArchiveLimit);
  CHECK(mentions(result, "compression ratio limit of 100"));
}

TEST_CASE("more entries than the limit are refused with the number") {
  ExtractLimits limits;
  limits.max_archive_entries = 50;
  std::vector<ZipMember> members;
  for (int i = 0; i < 51; ++i)
    members.push_back({"n" + std::to_string(i) + ".txt", "note " + std::to_string(i)});
  ExtractResult result = extract_bytes("many.zip", make_zip(members), limits);
  CHECK(result.error.code == error_code::kArchiveLimit);
  CHECK(mentions(result, "more than 50 entries"));
  CHECK(ExtractLimits{}.max_archive_entries == 100000);
}

TEST_CASE("Office XML nested past the depth limit fails TOO_LARGE naming the depth") {
  std::string body;
  for (int i = 0; i < 400; ++i) body += "<w:sdt><w:sdtContent>";
  body += "<w:p><w:r><w:t>deep</w:t></w:r></w:p>";
  for (int i = 0; i < 400; ++i) body += "</w:sdtContent></w:sdt>";
  ExtractResult result = extract_bytes("deep.docx", make_docx_with_body(body));
  CHECK(result.error.code == error_code::kTooLarge);
  CHECK(mentions(result, "256 levels"));
  CHECK(mentions(result, "word/document.xml"));
}

TEST_CASE("text past the characters limit fails TOO_LARGE, counting characters not bytes") {
  ExtractLimits limits;
  limits.max_text_chars = 1000;
  TempDir dir;
  CHECK(extract_file(dir.write("fits.txt", std::string(1000, 'a')), limits).ok());
  // 600 characters of two bytes each: 1,200 bytes but within 1,000 characters.
  std::string accented;
  for (int i = 0; i < 600; ++i) accented += "\xC3\xA9";
  CHECK(extract_file(dir.write("accents.txt", accented), limits).ok());
  ExtractResult result = extract_file(dir.write("long.txt", std::string(1001, 'a')), limits);
  CHECK(result.error.code == error_code::kTooLarge);
  CHECK(mentions(result, "limit of 1,000 characters"));
  CHECK(ExtractLimits{}.max_text_chars == 50'000'000);
}

TEST_CASE("HTML nested 200,000 <div>s deep is flattened: its text is read, its depth is not") {
  std::string html = "<html><body>";
  html.reserve(2'400'000);
  for (int i = 0; i < 200'000; ++i) html += "<div>";
  html += "The deepest words.";
  for (int i = 0; i < 200'000; ++i) html += "</div>";
  html += "<p>After the tower.</p></body></html>";
  CHECK(html.size() > 2'200'000);
  ExtractResult result = extract_bytes("tower.html", html);
  REQUIRE(result.ok());
  CHECK(result.text.find("The deepest words.") != std::string::npos);
  CHECK(result.text.find("After the tower.") != std::string::npos);
}

TEST_CASE("HTML nested 200,000 deep between end tags that close nothing is flattened too") {
  // "</x>" closes nothing, so the parser ignores it and the <div>s nest: it must not count
  // as leaving one (unflattened, the parser needs minutes for this page).
  std::string html = "<html><body>";
  for (int i = 0; i < 200'000; ++i) html += "<div></x>";
  html += "The deepest words.</body></html>";
  auto started = std::chrono::steady_clock::now();
  ExtractResult result = extract_bytes("unclosed.html", html);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  REQUIRE(result.ok());
  CHECK(result.text.find("The deepest words.") != std::string::npos);
  CHECK_MESSAGE(seconds < 30, "took " << seconds << " s");
}

TEST_CASE("HTML within the depth keeps its paragraphs; scripts and comments do not count as depth") {
  std::string html = "<html><body>";
  for (int i = 0; i < 100; ++i) html += "<div>";
  html += "<p>First.</p><script>for(;;){'<div><div><div>'}</script><!-- <div><div> --><p>Second.</p>";
  for (int i = 0; i < 100; ++i) html += "</div>";
  html += "</body></html>";
  ExtractResult result = extract_bytes("page.html", html);
  REQUIRE(result.ok());
  CHECK(result.text == "First.\n\nSecond.");
}

TEST_CASE("hostile files fail with their code within 512 MB of peak memory, each measured alone") {
  TempDir dir;
  // The field report's files: six slides of 1 GB each, a 2.7 GB body, a 3.6 GB zip bomb;
  // and a body whose header claims 1 MB while it inflates to 2 GB.
  auto pptx = dir / "inflating.pptx";
  write_inflating_pptx(pptx, 6, 1ll << 30);
  auto docx = dir / "inflating.docx";
  write_inflating_docx(docx, 2700ll << 20);
  auto liar = dir / "lying.docx";
  write_inflating_docx(liar, 2ll << 30, 1 << 20);
  auto zip = dir / "bomb.zip";
  std::vector<InflatingMember> members;
  for (int i = 0; i < 4; ++i)
    members.push_back({"zeros" + std::to_string(i) + ".txt", "", "0", "", 900ll << 20});
  write_inflating_zip(zip, members);

  struct Case {
    std::filesystem::path path;
    const char* code;
  };
  for (const Case& c : {Case{pptx, error_code::kTooLarge}, Case{docx, error_code::kTooLarge},
                        Case{liar, error_code::kTooLarge}, Case{zip, error_code::kArchiveLimit}}) {
    CAPTURE(c.path.filename());
    CHECK(std::filesystem::file_size(c.path) < (64u << 20));
    Measured m = extract_in_child(c.path);
    CAPTURE(m.message);
    CHECK(m.code == c.code);
    CHECK(m.message.find(c.path.filename().string()) != std::string::npos);
    MESSAGE(c.path.filename().string() << ": peak RSS " << m.peak_rss_kb / 1024 << " MB");
    CHECK(m.peak_rss_kb <= kPeakBudgetKb);
  }
}
