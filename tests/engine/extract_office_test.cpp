// Extract: .docx paragraphs and .pptx slides, and the ways an Office file fails.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/extract_checks.h"
#include "tests/support/temp_dir.h"
#include "tests/support/zip_writer.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// A password-protected Office file is an OLE compound file (not a zip) holding the
// streams EncryptionInfo and EncryptedPackage: a header sector, then a directory sector.
std::string encrypted_office_file() {
  std::string file(1536, '\0');
  file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  auto put_name = [&](size_t offset, const std::string& name) {
    for (size_t i = 0; i < name.size(); ++i) file[offset + 2 * i] = name[i];
    file[offset + 64] = static_cast<char>(2 * (name.size() + 1));
  };
  put_name(512, "Root Entry");
  put_name(640, "EncryptionInfo");
  put_name(768, "EncryptedPackage");
  return file;
}

}  // namespace

TEST_CASE("docx paragraphs come out in document order, runs joined") {
  TempDir dir;
  auto path = dir.write("policy.docx", make_docx({"Retry policy", "A job restarts from the beginning.",
                                                  "Ampersands & <angles> survive."}));
  ExtractResult result = extract_file(path);
  REQUIRE(result.ok());
  CHECK(result.text ==
        "Retry policy\n\nA job restarts from the beginning.\n\nAmpersands & <angles> survive.");
}

TEST_CASE("docx: split runs, tabs, breaks, tables and text boxes read as Word shows them") {
  std::string body =
      R"(<w:p><w:r><w:t>Hel</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>lo</w:t></w:r>)"
      R"(<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>world</w:t><w:tab/><w:t>tabbed</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:t>first line</w:t><w:br/><w:t>second line</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:delText>DELETED_TEXT</w:delText><w:instrText>PAGE_FIELD</w:instrText></w:r></w:p>)"
      R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell A</w:t></w:r></w:p></w:tc>)"
      R"(<w:tc><w:p><w:r><w:t>cell B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)"
      R"(<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>box text</w:t>)"
      R"(</w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>box text</w:t>)"
      R"(</w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>)"
      R"(<w:p><w:r><w:t>the end</w:t></w:r></w:p>)";
  ExtractResult result = extract_bytes("layout.docx", make_docx_with_body(body));
  REQUIRE(result.ok());
  CHECK(result.text ==
        "Hello world tabbed\n\nfirst line\nsecond line\n\ncell A\n\ncell B\n\nbox text\n\nthe end");
}

TEST_CASE("pptx slides come out in slide-number order, each slide's paragraphs in order") {
  std::vector<std::vector<std::string>> slides;
  for (int i = 1; i <= 11; ++i)
    slides.push_back({"Slide " + std::to_string(i) + " title", "Point " + std::to_string(i)});
  ExtractResult result = extract_bytes("deck.pptx", make_pptx(slides));
  REQUIRE(result.ok());
  std::string expected;
  for (int i = 1; i <= 11; ++i) {
    if (i > 1) expected += "\n\n";
    expected += "Slide " + std::to_string(i) + " title\n\nPoint " + std::to_string(i);
  }
  CHECK(result.text == expected);
}

TEST_CASE("a password-protected docx or pptx fails ENCRYPTED") {
  TempDir dir;
  check_failure(extract_file(dir.write("locked.docx", encrypted_office_file())), error_code::kEncrypted,
                "locked.docx");
  check_failure(extract_bytes("locked.pptx", encrypted_office_file()), error_code::kEncrypted, "locked.pptx");
}

TEST_CASE("a legacy binary .doc renamed to .docx is not mistaken for an encrypted one") {
  std::string legacy = encrypted_office_file();
  legacy.replace(640, 256, std::string(256, '\0'));
  ExtractResult result = extract_bytes("old.docx", legacy);
  check_failure(result, error_code::kUnsupportedFormat, "old.docx");
  CHECK(result.error.hint.find(".docx") != std::string::npos);
}

TEST_CASE("an Office file that is not a zip, or lacks its main part, fails CORRUPT") {
  TempDir dir;
  check_failure(extract_file(dir.write("text.docx", "this is plain text, not a zip")), error_code::kCorrupt,
                "text.docx");
  std::string docx = make_docx({"a paragraph long enough to matter"});
  check_failure(extract_bytes("cut.docx", docx.substr(0, docx.size() / 2)), error_code::kCorrupt, "cut.docx");
  check_failure(extract_bytes("empty.docx", make_zip({{"word/styles.xml", "<w:styles/>"}})),
                error_code::kCorrupt, "empty.docx");
  check_failure(extract_bytes("bad.pptx", make_zip({{"ppt/slides/slide1.xml", "<p:sld/>"}})),
                error_code::kCorrupt, "bad.pptx");
  ExtractResult bad_xml =
      extract_bytes("badxml.docx", make_zip({{"word/document.xml", "<w:document><w:body>"}}));
  check_failure(bad_xml, error_code::kCorrupt, "badxml.docx");
  CHECK(bad_xml.error.message.find("word/document.xml") != std::string::npos);
}

TEST_CASE("an Office file without text fails NO_TEXT") {
  check_failure(extract_bytes("images.docx", make_docx_with_body("<w:p><w:r><w:drawing/></w:r></w:p>")),
                error_code::kNoText, "images.docx");
  check_failure(extract_bytes("blank.pptx", make_pptx({{}, {}})), error_code::kNoText, "blank.pptx");
}
