// Extract: file-level failures (what the user sees in the failed-files list) and the
// plain-text formats .txt .md .csv .json.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/child_process.h"
#include "tests/support/extract_checks.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::ChildReport;
using blockify::test::TempDir;

namespace {

// Every failure names the file it is about and says what to do, in a whole sentence.
void check_failure_sentence(const ExtractResult& result, const char* code, const std::string& file_name) {
  test::check_failure(result, code, file_name);
  CHECK(result.error.message.back() == '.');
}

// Runs extract_file as an unprivileged user: as root, permission bits do not stop reads.
ErrorInfo extract_as_nobody(const std::filesystem::path& path) {
  ChildReport child = test::run_in_child([&] {
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(2);
    ExtractResult result = extract_file(path);
    return result.error.code + "\n" + result.error.message + "\n" + result.error.hint;
  });
  REQUIRE(child.exited);
  REQUIRE(child.exit_code == 0);
  const std::string& reply = child.text;
  size_t first = reply.find('\n');
  size_t second = reply.find('\n', first + 1);
  return ErrorInfo{reply.substr(0, first), reply.substr(first + 1, second - first - 1),
                   reply.substr(second + 1)};
}

}  // namespace

TEST_CASE("a missing file fails FILE_NOT_FOUND with the restore hint naming its path") {
  TempDir dir;
  auto path = dir / "gone.txt";
  ExtractResult result = extract_file(path);
  check_failure_sentence(result, error_code::kFileNotFound, "gone.txt");
  CHECK(result.error.hint == "Restore or replace " + path.string() + ", then retry.");
}

TEST_CASE("a file the user may not read fails PERMISSION_DENIED") {
  TempDir dir;
  auto path = dir.write("secret.txt", "classified");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);  // the folder stays reachable
  ErrorInfo error;
  if (geteuid() == 0) {
    error = extract_as_nobody(path);
  } else {
    error = extract_file(path).error;
  }
  CHECK(error.code == error_code::kPermissionDenied);
  CHECK(error.message.find("secret.txt") != std::string::npos);
  CHECK(error.hint.find(path.string()) != std::string::npos);
}

TEST_CASE("an unknown extension fails UNSUPPORTED_FORMAT and lists the supported formats") {
  TempDir dir;
  ExtractResult psd = extract_file(dir.write("layers.PSD", "8BPS\x00\x01 layered image"));
  check_failure_sentence(psd, error_code::kUnsupportedFormat, "layers.PSD");
  for (const auto& extension : supported_extensions())
    CHECK(psd.error.message.find(extension) != std::string::npos);

  ExtractResult bare = extract_file(dir.write("README", "no extension"));
  check_failure_sentence(bare, error_code::kUnsupportedFormat, "README");

  ExtractResult folder = extract_file(dir.path());
  CHECK(folder.error.code == error_code::kUnsupportedFormat);
}

TEST_CASE("a file over the size limit fails TOO_LARGE naming its size and the limit") {
  TempDir dir;
  ExtractLimits limits;
  limits.max_file_bytes = 1000;
  ExtractResult result = extract_file(dir.write("big.txt", std::string(2048, 'a')), limits);
  check_failure_sentence(result, error_code::kTooLarge, "big.txt");
  CHECK(result.error.message.find("2.0 KB") != std::string::npos);
  CHECK(result.error.message.find("1000 bytes") != std::string::npos);
  CHECK(extract_bytes("big.md", std::string(2048, 'a'), limits).error.code == error_code::kTooLarge);
}

TEST_CASE("a file with no text fails NO_TEXT") {
  TempDir dir;
  check_failure_sentence(extract_file(dir.write("empty.txt", "")), error_code::kNoText, "empty.txt");
  check_failure_sentence(extract_file(dir.write("blank.md", " \n\t\r\n\n")), error_code::kNoText, "blank.md");
  check_failure_sentence(extract_file(dir.write("nothing.json", R"({"a": null, "b": [], "c": ""})")),
                         error_code::kNoText, "nothing.json");
}

TEST_CASE("the supported formats are the product's list, matched case-insensitively") {
  CHECK(supported_extensions() ==
        std::vector<std::string>{".txt",  ".md",  ".csv", ".json", ".html", ".htm",  ".docx", ".pptx",
                                 ".xlsx", ".odt", ".ods", ".odp",  ".epub", ".eml",  ".mbox", ".pdf",
                                 ".zip",  ".png", ".jpg", ".jpeg", ".tif",  ".tiff", ".bmp",  ".webp"});
  CHECK(is_supported_format("Report.PDF"));
  CHECK(is_supported_format("/a/b/notes.Md"));
  CHECK_FALSE(is_supported_format("archive.tar.gz"));
  CHECK_FALSE(is_supported_format("pdf"));
}

TEST_CASE("legacy text is decoded; only bytes no encoding explains fail BAD_ENCODING") {
  TempDir dir;
  ExtractResult latin1 = extract_file(dir.write("menu.txt",
                                                "line one\ncaf\xE9 au lait, cr\xE8me fra\xEE"
                                                "che"));
  REQUIRE(latin1.ok());
  CHECK(latin1.text ==
        "line one\ncaf\xC3\xA9 au lait, cr\xC3\xA8me fra\xC3\xAE"
        "che");
  CHECK(latin1.encoding.find("(detected)") != std::string::npos);

  ExtractResult utf16 = extract_file(dir.write("wide.csv", std::string("\xFF\xFEh\0i\0", 6)));
  REQUIRE(utf16.ok());
  CHECK(utf16.text == "hi");

  // Offsets count from the start of the file, byte order mark included: a UTF-8 mark
  // promises UTF-8, so a bad byte after it is not guessed at.
  ExtractResult after_bom = extract_file(dir.write("bom.json", "\xEF\xBB\xBF[\"ok\", \"\xC0\xAF\"]"));
  check_failure_sentence(after_bom, error_code::kBadEncoding, "bom.json");
  CHECK(after_bom.error.message.find("byte offset 11") != std::string::npos);
  CHECK(after_bom.error.hint == "Save the file as UTF-8, then retry.");
}

TEST_CASE("plain text keeps its words, strips a UTF-8 BOM and normalises paragraph breaks") {
  ExtractResult result = extract_bytes("notes.txt",
                                       "\xEF\xBB\xBF  \r\nFirst line \r\nsecond line\r\n\r\n\r\n\n"
                                       "Caf\xC3\xA9 paragraph\rlast\n\n");
  REQUIRE(result.ok());
  CHECK(result.text == "First line\nsecond line\n\nCaf\xC3\xA9 paragraph\nlast");
  CHECK_FALSE(result.is_archive);
}

TEST_CASE("markdown is read as text") {
  ExtractResult result = extract_bytes("guide.md", "# Title\n\nSome *bold* text.\n");
  REQUIRE(result.ok());
  CHECK(result.text == "# Title\n\nSome *bold* text.");
}

TEST_CASE("csv rows become labelled lines, one record per paragraph") {
  ExtractResult result = extract_bytes("people.csv",
                                       "name,role,note\r\n"
                                       "Ada,engineer,\r\n"
                                       "\"Lovelace, A\",\"says \"\"hi\"\"\",\"two\nlines\"\r\n"
                                       ",,\r\n");
  REQUIRE(result.ok());
  CHECK(result.text == "name: Ada; role: engineer\n\nname: Lovelace, A; role: says \"hi\"; note: two lines");
}

TEST_CASE("csv from a semicolon locale and a header-only csv are read") {
  ExtractResult semicolons = extract_bytes("prices.csv", "item;price\nTea;1,50\n");
  REQUIRE(semicolons.ok());
  CHECK(semicolons.text == "item: Tea; price: 1,50");
  ExtractResult single = extract_bytes("one.csv", "alpha,beta\n");
  REQUIRE(single.ok());
  CHECK(single.text == "alpha, beta");
}

TEST_CASE("json becomes readable key: value lines without braces, records as paragraphs") {
  ExtractResult result = extract_bytes("guide.json", R"({
    "title": "Retry guide",
    "version": 2,
    "tags": ["jobs", "retry"],
    "sections": [
      {"heading": "Intro", "body": "Retry restarts a job."},
      {"heading": "Limits", "body": "Retry only failed jobs.", "draft": false}
    ],
    "author": {"name": "Ada"}
  })");
  REQUIRE(result.ok());
  CHECK(result.text ==
        "title: Retry guide\nversion: 2\ntags: jobs, retry\nsections:\n\n"
        "heading: Intro\nbody: Retry restarts a job.\n\n"
        "heading: Limits\nbody: Retry only failed jobs.\ndraft: false\n\n"
        "author:\nname: Ada");
  for (char brace : std::string("{}[]\"")) CHECK(result.text.find(brace) == std::string::npos);
}

TEST_CASE("json that does not parse fails CORRUPT naming the file and where it breaks") {
  ExtractResult result = extract_bytes("broken.json", R"({"a": "b",, })");
  check_failure_sentence(result, error_code::kCorrupt, "broken.json");
  CHECK(result.error.message.find("byte offset") != std::string::npos);
}

TEST_CASE("deeply nested json does not exhaust the stack") {
  std::string deep = std::string(100000, '[') + "\"bottom\"" + std::string(100000, ']');
  ExtractResult result = extract_bytes("deep.json", deep);
  REQUIRE(result.ok());
  CHECK(result.text == "bottom");
}
