// Extract: .pdf text page by page, and the ways a PDF fails.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/checkout_paths.h"
#include "tests/support/extract_checks.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

const std::string kFixtures = (test::test_data_dir() / "extract").string() + "/";

}  // namespace

TEST_CASE("pdf text comes out page by page, pages and paragraphs separated by blank lines") {
  TempDir dir;
  auto path = dir.write("report.pdf", make_text_pdf({{"Page one opens here", "and wraps onto a second line.",
                                                      "", "A second paragraph (with parentheses)."},
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

TEST_CASE("a pdf with pages but no text fails NO_TEXT with the OCR hint when OCR is off") {
  TempDir dir;
  ExtractLimits limits;
  limits.ocr.enabled = false;
  ExtractResult result = extract_file(dir.write("scan.pdf", make_pdf_without_text(3)), limits);
  check_failure(result, error_code::kNoText, "scan.pdf");
  CHECK(result.error.message.find("3 pages") != std::string::npos);
  CHECK(result.error.hint == "Turn on OCR in Settings, then retry.");
}

TEST_CASE("pdf text quality: running headers, footers and page numbers dropped, hyphenated words rejoined") {
  std::vector<PdfPage> pages;
  for (int n = 1; n <= 4; ++n) {
    PdfPage page = {"ACME Corp - Annual Report 2024", ""};
    if (n == 2) {
      page.insert(page.end(),
                  {"The board reviewed the infor-", "mation in detail; a well-known risk", "remains."});
    } else {
      page.push_back(std::vector<std::string>{"", "Sales rose in the north.", "", "Costs fell in June.",
                                              "Hiring paused for winter."}[static_cast<size_t>(n)]);
    }
    // Page 3 numbers itself alone on a line; the others in a running footer.
    page.insert(page.end(), {"", n == 3 ? std::to_string(n) : "Page " + std::to_string(n) + " of 4"});
    pages.push_back(page);
  }
  ExtractResult result = extract_bytes("annual.pdf", make_text_pdf(pages));
  REQUIRE(result.ok());
  CHECK(result.text ==
        "Sales rose in the north.\n\n"
        "The board reviewed the information in detail; a well-known risk remains.\n\n"
        "Costs fell in June.\n\n"
        "Hiring paused for winter.");

  // Two pages are too few to call a line "running": a short document keeps its title.
  ExtractResult short_one = extract_bytes(
      "memo.pdf",
      make_text_pdf({{"Memo title", "", "First page text."}, {"Memo title", "", "Second page text."}}));
  REQUIRE(short_one.ok());
  CHECK(short_one.text == "Memo title\n\nFirst page text.\n\nMemo title\n\nSecond page text.");
}

TEST_CASE("pdf line-end hyphens: a broken word is joined, a compound keeps its hyphen") {
  ExtractResult result = extract_bytes(
      "guide.pdf", make_text_pdf({{"Our well-",                   // a compound prefix: stays "well-known"
                                   "known method is an exam-",    // a plain break: "example"
                                   "ple of care for the data-",   // written whole below: stays "data-driven"
                                   "driven team, whose 20-",      // a number: "20-year"
                                   "year plan we pre-",           // re-/pre- split words: "present"
                                   "sent with a high-",           // "highlight" is written whole below
                                   "light of the state-of-the-",  // a compound in progress
                                   "art desk.", "", "Every data-driven highlight counts."}}));
  REQUIRE(result.ok());
  CHECK(result.text ==
        "Our well-known method is an example of care for the data-driven team, whose 20-year plan we present "
        "with "
        "a highlight of the state-of-the-art desk.\n\n"
        "Every data-driven highlight counts.");
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
