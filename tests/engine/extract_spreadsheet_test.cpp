// Extract: .xlsx and .ods sheets as rows of "Header: value" text.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/document_writer.h"
#include "tests/support/extract_checks.h"
#include "tests/support/zip_writer.h"

using namespace blockify;
using namespace blockify::test;

namespace {

const char* const kOds = "application/vnd.oasis.opendocument.spreadsheet";

}  // namespace

TEST_CASE("xlsx: every sheet in workbook order, rows labelled by the header row, values as shown") {
  // Shared strings: 0 Region, 1 Score, 2 North, 3 South, 4 Share, 5 Since.
  std::vector<std::string> strings = {"Region", "Score", "North", "South", "Share", "Since"};
  // Style 1: 0.0%  (custom 164); style 2: a date (built-in 14); style 3: #,##0.00 (built-in 4).
  std::string styles =
      R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>)"
      R"(<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs>)";
  std::string scores =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>4</v></c>)"
      R"(<c r="D1" t="s"><v>5</v></c></row>)"
      R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>41</v></c><c r="C2" s="1"><v>0.125</v></c>)"
      R"(<c r="D2" s="2"><v>45292</v></c></row>)"
      // A gap in the columns: South has no score, and 0.1+0.2 is shown as Excel shows it.
      R"(<row r="4"><c r="A4" t="s"><v>3</v></c><c r="C4" s="1"><v>0.30000000000000004</v></c></row>)";
  std::string notes =
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Budget is </t></is></c><c r="B1" s="3"><v>1234567.5</v></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r></is></c>)"
      R"(<c r="B2" t="b"><v>1</v></c></row>)";
  std::string book = make_xlsx({{"Scores", scores}, {"Notes", notes}}, strings, styles);
  ExtractResult result = extract_ok("results.xlsx", book);
  CHECK(result.text ==
        "Scores\n\n"
        "Region: North \xC2\xB7 Score: 41 \xC2\xB7 Share: 12.5% \xC2\xB7 Since: 2024-01-01\n\n"
        "Region: South \xC2\xB7 Share: 30.0%\n\n"
        "Notes\n\n"
        "Budget is \xC2\xB7 1,234,567.50\n\n"
        "rich text \xC2\xB7 TRUE");
}

TEST_CASE("xlsx: a workbook with no values fails NO_TEXT; a zip without a workbook is CORRUPT") {
  ExtractResult empty = extract_bytes("blank.xlsx", make_xlsx({{"Sheet1", ""}}, {}));
  CHECK(empty.error.code == error_code::kNoText);
  CHECK(empty.error.message.find("blank.xlsx") != std::string::npos);
  ExtractResult broken = extract_bytes("broken.xlsx", make_zip({{"xl/other.xml", "<a/>"}}));
  CHECK(broken.error.code == error_code::kCorrupt);
  CHECK(broken.error.message.find("xl/workbook.xml") != std::string::npos);
}

TEST_CASE("ods: sheets in order, repeated cells and rows expanded, trailing padding ignored") {
  std::string body =
      R"(<office:spreadsheet><table:table table:name="Scores">)"
      R"(<table:table-row><table:table-cell office:value-type="string"><text:p>Region</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="string"><text:p>Score</text:p></table:table-cell></table:table-row>)"
      R"(<table:table-row><table:table-cell office:value-type="string"><text:p>North</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="float" office:value="41"><text:p>41</text:p></table:table-cell>)"
      R"(<table:table-cell table:number-columns-repeated="1020"/></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" )"
      R"(office:value-type="string"><text:p>Same</text:p></table:table-cell></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/>)"
      R"(</table:table-row></table:table>)"
      R"(<table:table table:name="Money"><table:table-row><table:table-cell office:value-type="currency" )"
      R"(office:value="3.5"><text:p>3,50 <text:span>EUR</text:span></text:p></table:table-cell></table:table-row>)"
      R"(</table:table></office:spreadsheet>)";
  ExtractResult result = extract_ok("scores.ods", make_opendocument(kOds, body));
  CHECK(result.text ==
        "Scores\n\n"
        "Region: North \xC2\xB7 Score: 41\n\n"
        "Region: Same \xC2\xB7 Score: Same\n\n"
        "Region: Same \xC2\xB7 Score: Same\n\n"
        "Money\n\n"
        "3,50 EUR");
}

TEST_CASE("a spreadsheet with the wrong extension is read by its content, with a note") {
  std::string book =
      make_xlsx({{"Sheet1", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"}}, {"Only cell"});
  ExtractResult renamed = extract_ok("export.txt", book);
  CHECK(renamed.text == "Sheet1\n\nOnly cell");
  CHECK(renamed.encoding == "Named .txt but is an Excel workbook; read as an Excel workbook.");
  ExtractResult ods = extract_ok(
      "table.xlsx",
      make_opendocument(
          kOds,
          R"(<office:spreadsheet><table:table table:name="T"><table:table-row><table:table-cell>)"
          R"(<text:p>cell</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>)"));
  CHECK(ods.text == "T\n\ncell");
  CHECK(ods.encoding ==
        "Named .xlsx but is an OpenDocument spreadsheet; read as an OpenDocument spreadsheet.");
}

TEST_CASE(
    "ods: a long cell repeated across 1,000 columns and 1,000 rows fails TOO_LARGE before its text is "
    "built") {
  // 1,000 × 1,000 copies of 20,000 characters would be 20 billion characters (and as
  // many bytes of memory); the file itself is a few KB.
  std::string body = R"(<office:spreadsheet><table:table table:name="Huge">)"
                     R"(<table:table-row table:number-rows-repeated="1000">)"
                     R"(<table:table-cell table:number-columns-repeated="1000"><text:p>)" +
                     std::string(20000, 'x') +
                     R"(</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>)";
  ExtractResult result = extract_bytes("huge.ods", make_opendocument(kOds, body));
  REQUIRE(result.error.code == error_code::kTooLarge);
  CHECK(result.error.message.find("huge.ods holds") == 0);
  CHECK(result.error.message.find("past the limit of 50,000,000 characters for one file") !=
        std::string::npos);
}

TEST_CASE(
    "sheets: the characters limit counts repeated rows, shared strings and the header labels each row "
    "repeats") {
  ExtractLimits limits;
  limits.max_text_chars = 1000;
  // 20 repeated rows of 60 characters: 1,200 characters, past 1,000.
  std::string row = R"(<table:table-row table:number-rows-repeated="20"><table:table-cell><text:p>)" +
                    std::string(60, 'r') + R"(</text:p></table:table-cell></table:table-row>)";
  std::string ods =
      R"(<office:spreadsheet><table:table table:name="S">)" + row + "</table:table></office:spreadsheet>";
  CHECK(extract_bytes("rows.ods", make_opendocument(kOds, ods), limits).error.code == error_code::kTooLarge);
  // 30 cells showing one 40-character shared string: 1,200 characters.
  std::string cells;
  for (int r = 1; r <= 30; ++r) cells += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
  ExtractResult shared =
      extract_bytes("shared.xlsx", make_xlsx({{"Sheet1", cells}}, {std::string(40, 's')}), limits);
  CHECK(shared.error.code == error_code::kTooLarge);
  // A 300-character header labelling 3 short rows: the labels bring it past 1,000.
  std::string labelled =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>" + std::string(300, 'h') + "</t></is></c></row>";
  for (int r = 2; r <= 4; ++r)
    labelled += "<row r=\"" + std::to_string(r) + "\"><c><v>" + std::to_string(r) + "</v></c></row>";
  CHECK(extract_bytes("labels.xlsx", make_xlsx({{"Sheet1", labelled}}, {}), limits).error.code ==
        error_code::kTooLarge);
  // Within the limit, the same shapes read as before.
  limits.max_text_chars = 100000;
  CHECK(extract_bytes("rows.ods", make_opendocument(kOds, ods), limits).ok());
  CHECK(extract_bytes("labels.xlsx", make_xlsx({{"Sheet1", labelled}}, {}), limits).ok());
}
