// Extract: .pdf text page by page, and the ways a PDF fails.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

void check_failure(const ExtractResult& result, const char* code, const std::string& file_name) {
  CHECK(result.error.code == code);
  CHECK(result.error.message.find(file_name) != std::string::npos);
  CHECK(!result.error.hint.empty());
}

const std::string kFixtures = std::string(BLOCKIFY_TEST_DATA_DIR) + "/extract/";

}  // namespace

TEST_CASE("pdf text comes out page by page, pages and paragraphs separated by blank lines") {
  TempDir dir;
  auto path = dir.write("report.pdf", make_text_pdf({{"Page one opens here", "and wraps onto a second line.", "",
                                                      "A second paragraph (with parentheses)."},
                                                     {"Page two."},
                                                     {"Page three."}}));
  ExtractResult result = extract_file(path);
  REQUIRE(result.ok());
  CHECK(result.text ==
        "Page one opens here and wraps onto a second line.\n\n"
        "A second paragraph (with parentheses).\n\n"
        "Page two.\n\n"
        "Page three.");
}

TEST_CASE("a pdf with pages but no text fails NO_TEXT with the OCR hint") {
  TempDir dir;
  ExtractResult result = extract_file(dir.write("scan.pdf", make_pdf_without_text(3)));
  check_failure(result, error_code::kNoText, "scan.pdf");
  CHECK(result.error.message.find("3 pages") != std::string::npos);
  CHECK(result.error.hint.find("OCR") != std::string::npos);
}

TEST_CASE("a password-protected pdf fails ENCRYPTED") {
  check_failure(extract_bytes("locked.pdf", make_locked_pdf({{"Secret plans"}})), error_code::kEncrypted,
                "locked.pdf");
  ExtractResult aes = extract_file(kFixtures + "user_password.pdf");
  check_failure(aes, error_code::kEncrypted, "user_password.pdf");
  CHECK(aes.error.hint.find("password") != std::string::npos);
}

TEST_CASE("a pdf with only permission restrictions (no open password) is read") {
  ExtractResult result = extract_file(kFixtures + "owner_password_only.pdf");
  REQUIRE(result.ok());
  CHECK(result.text == "Quarterly report for the board.\n\nSecond page of the report.");
}

TEST_CASE("a file that does not parse as a pdf fails CORRUPT") {
  check_failure(extract_bytes("junk.pdf", "this is not a PDF at all"), error_code::kCorrupt, "junk.pdf");
  std::string pdf = make_text_pdf({{"Truncated in transfer"}});
  check_failure(extract_bytes("cut.pdf", pdf.substr(0, pdf.size() / 3)), error_code::kCorrupt, "cut.pdf");
  check_failure(extract_bytes("empty.pdf", ""), error_code::kCorrupt, "empty.pdf");
}

TEST_CASE("a cancelled job stops reading a pdf between pages") {
  CancelToken cancel;
  cancel.cancel();
  ExtractResult result = extract_bytes("long.pdf", make_text_pdf({{"One"}, {"Two"}}), {}, &cancel);
  CHECK(result.error.code == error_code::kInterrupted);
  CHECK(result.error.message.find("long.pdf") != std::string::npos);
  CHECK(result.text.empty());
}
