// Extract: .zip archives. Entries succeed or fail on their own; limits and unsafe paths
// refuse the whole archive before any entry is read.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/extract_checks.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/support/zip_writer.h"

using namespace blockify;
using namespace blockify::test;

namespace {

ZipOptions stored() {
  ZipOptions options;
  options.compress = false;
  return options;
}

ZipOptions with_password(const std::string& password) {
  ZipOptions options;
  options.password = password;
  return options;
}

}  // namespace

TEST_CASE("zip entries become children, each extracted and failing on its own") {
  TempDir dir;
  auto path = dir.write("bundle.zip", make_zip({
                                          {"notes/", ""},
                                          {"notes/readme.txt", "Read me first."},
                                          {"page.html", "<p>Hello <script>x()</script>page</p>"},
                                          {"policy.docx", make_docx({"Docx paragraph."})},
                                          {"report.pdf", make_text_pdf({{"Pdf page."}})},
                                          {"photo.psd", "8BPS"},
                                          {"inner.zip", make_zip({{"deep.txt", "deep"}})},
                                          {"legacy.txt", std::string("caf\0\x01\x02\x03\0\0", 9)},
                                          {"__MACOSX/notes/._readme.txt", "resource fork"},
                                      }));
  ExtractResult result = extract_file(path);
  REQUIRE(result.ok());
  CHECK(result.is_archive);
  REQUIRE(result.entries.size() == 7);  // the folder and the macOS resource fork are skipped
  CHECK(result.entries[0].name == "notes/readme.txt");
  CHECK(result.entries[0].size == 14);
  CHECK(result.entries[0].result.text == "Read me first.");
  CHECK(find_entry(result, "page.html")->result.text == "Hello page");
  CHECK(find_entry(result, "policy.docx")->result.text == "Docx paragraph.");
  CHECK(find_entry(result, "report.pdf")->result.text == "Pdf page.");

  const ExtractResult& psd = find_entry(result, "photo.psd")->result;
  check_failure(psd, error_code::kUnsupportedFormat, "photo.psd in bundle.zip");
  const ExtractResult& inner = find_entry(result, "inner.zip")->result;
  check_failure(inner, error_code::kUnsupportedFormat, "inner.zip in bundle.zip");
  CHECK(inner.error.hint.find("Unpack") != std::string::npos);
  CHECK(inner.entries.empty());
  const ExtractResult& legacy = find_entry(result, "legacy.txt")->result;
  check_failure(legacy, error_code::kBadEncoding, "legacy.txt in bundle.zip");
}

TEST_CASE("an archive with too many entries fails ARCHIVE_LIMIT before any entry is read") {
  ExtractLimits limits;
  limits.max_archive_entries = 3;
  ExtractResult result = extract_bytes(
      "many.zip", make_zip({{"1.txt", "a"}, {"2.txt", "b"}, {"3.txt", "c"}, {"4.txt", "d"}}), limits);
  check_failure(result, error_code::kArchiveLimit, "many.zip");
  CHECK(result.error.message.find("3 entries") != std::string::npos);
  CHECK(result.entries.empty());
  CHECK(result.is_archive);
}

TEST_CASE("an archive that unpacks past the total size limit fails ARCHIVE_LIMIT") {
  ExtractLimits limits;
  limits.max_archive_total_bytes = 1000;
  ExtractResult result = extract_bytes(
      "big.zip", make_zip({{"a.txt", std::string(600, 'a')}, {"b.txt", std::string(600, 'b')}}, stored()),
      limits);
  check_failure(result, error_code::kArchiveLimit, "big.zip");
  CHECK(result.entries.empty());
}

TEST_CASE("a zip bomb (extreme compression ratio) fails ARCHIVE_LIMIT with default limits") {
  ExtractResult result = extract_bytes("bomb.zip", make_zip({{"zeros.txt", std::string(4 << 20, '0')}}));
  check_failure(result, error_code::kArchiveLimit, "bomb.zip");
  CHECK(result.error.message.find("zip bomb") != std::string::npos);
  CHECK(result.entries.empty());
}

TEST_CASE("entries with paths outside the archive refuse the whole archive and are never written") {
  TempDir dir;
  for (std::string name : {"../evil.txt", "/tmp/evil.txt", "docs/../../evil.txt", "..\\evil.txt"}) {
    CAPTURE(name);
    auto path = dir.write("traversal.zip", make_zip({{"fine.txt", "fine"}, {name, "evil"}}));
    ExtractResult result = extract_file(path);
    check_failure(result, error_code::kArchiveLimit, "traversal.zip");
    CHECK(result.error.message.find("evil.txt\"") != std::string::npos);  // libarchive shows '\\' as '/'
    CHECK(result.entries.empty());
    CHECK_FALSE(std::filesystem::exists(dir.path().parent_path() / "evil.txt"));
  }
}

TEST_CASE("a password-protected entry fails ENCRYPTED on its own") {
  ExtractResult result =
      extract_bytes("mixed.zip", make_zip({{"locked.txt", "secret text"}}, with_password("pw")));
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == 1);
  check_failure(result.entries[0].result, error_code::kEncrypted, "locked.txt in mixed.zip");
}

TEST_CASE("an entry larger than the file limit fails TOO_LARGE on its own") {
  ExtractLimits limits;
  limits.max_file_bytes = 500;
  ExtractResult result = extract_bytes(
      "pack.zip", make_zip({{"small.txt", "small"}, {"large.txt", std::string(1000, 'x')}}), limits);
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == 2);
  CHECK(result.entries[0].result.text == "small");
  check_failure(result.entries[1].result, error_code::kTooLarge, "large.txt in pack.zip");
}

TEST_CASE("a damaged entry fails CORRUPT on its own; a file that is no zip fails CORRUPT") {
  std::string zip = make_zip({{"good.txt", "good text"}, {"bad.txt", "original content here"}}, stored());
  size_t at = zip.find("original");
  REQUIRE(at != std::string::npos);
  zip[at] = 'X';  // the stored checksum no longer matches
  ExtractResult result = extract_bytes("damaged.zip", zip);
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == 2);
  CHECK(result.entries[0].result.text == "good text");
  check_failure(result.entries[1].result, error_code::kCorrupt, "bad.txt in damaged.zip");

  TempDir dir;
  check_failure(extract_file(dir.write("fake.zip", "PK but not really")), error_code::kCorrupt, "fake.zip");
}

TEST_CASE("an entry named with bytes that are not UTF-8 is shown with '?' for each, valid ones kept") {
  const std::string name = std::string(60000, '\xE9') + "caf\xC3\xA9\xFF.txt";
  ExtractResult result = extract_bytes("latin.zip", make_zip({{name, "text under a long name"}}));
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == 1);
  CHECK(result.entries[0].name == std::string(60000, '?') + "caf\xC3\xA9?.txt");
  CHECK(result.entries[0].result.text == "text under a long name");
}

TEST_CASE("an archive with no files fails NO_TEXT") {
  check_failure(extract_bytes("folders.zip", make_zip({{"a/", ""}, {"a/b/", ""}})), error_code::kNoText,
                "folders.zip");
}

TEST_CASE("a cancelled job stops between archive entries") {
  CancelToken cancel;
  cancel.cancel();
  ExtractResult result = extract_bytes("later.zip", make_zip({{"a.txt", "a"}, {"b.txt", "b"}}), {}, &cancel);
  CHECK(result.error.code == error_code::kInterrupted);
  CHECK(result.error.message.find("later.zip") != std::string::npos);
  CHECK(result.entries.empty());
}
