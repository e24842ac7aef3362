// Extract: a file is read by what it is, not by what its name says. Each document here
// is generated, then given a wrong name (or none) and read three ways: as a file on
// disk, as an entry of a zip, and as a mail attachment. The content decides the reader;
// the row's note says what happened.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/document_writer.h"
#include "tests/support/extract_checks.h"
#include "tests/support/image_writer.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/support/zip_writer.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// One misnamed document: the name it is given, its bytes, a word its text must hold,
// and the note its row must carry.
struct Misnamed {
  std::string name;
  std::string bytes;
  std::string word;
  std::string note;
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// True when `text` holds `word`, case-insensitive; OCR may misread one letter of a long word.
bool has_word(const std::string& text, const std::string& word) {
  const std::string haystack = lower(text), wanted = lower(word);
  if (haystack.find(wanted) != std::string::npos) return true;
  if (wanted.size() < 5) return false;
  for (size_t i = 0; i + wanted.size() <= haystack.size(); ++i) {
    size_t wrong = 0;
    for (size_t j = 0; j < wanted.size() && wrong <= 1; ++j) wrong += haystack[i + j] != wanted[j];
    if (wrong <= 1) return true;
  }
  return false;
}

std::string base64(const std::string& bytes) {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[group & 63] : '=';
    if (out.size() % 78 == 76) out += "\r\n";
  }
  return out;
}

// A message with one base64 attachment per document, named as the document is named.
std::string mail_with_attachments(const std::vector<Misnamed>& documents) {
  std::string mail =
      "From: Ana Lima <ana@example.org>\r\nSubject: Files\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nThe files you asked for.\r\n";
  for (const auto& document : documents) {
    mail += "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"" +
            document.name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64(document.bytes) +
            "\r\n";
  }
  return mail + "--b--\r\n";
}

void check_read_by_content(const ExtractResult& result, const Misnamed& document) {
  INFO(document.name, ": ", result.error.message);
  REQUIRE(result.ok());
  CHECK_FALSE(result.is_archive);
  CHECK(has_word(result.text, document.word));
  CHECK(result.encoding.find(document.note) != std::string::npos);
}

std::vector<Misnamed> misnamed_documents(const TempDir& dir) {
  draw_text_image(dir / "drawn.png", {"Invoice settled"}, 900, 160);
  return {
      {"report.txt", make_docx({"Quarterly numbers rose in every region."}), "quarterly",
       "Named .txt but is a Word document; read as a Word document."},
      {"scan.bin", make_text_pdf({{"Signed contract for the warehouse."}}), "warehouse",
       "Named .bin but is a PDF document; read as a PDF document."},
      {"contract", make_text_pdf({{"Lease of the harbour office."}}), "harbour",
       "Has no extension but is a PDF document; read as a PDF document."},
      {"figures.zip",
       make_xlsx({{"Sales", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"}}, {"Turnover"}), "turnover",
       "Named .zip but is an Excel workbook; read as an Excel workbook."},
      {"receipt.pdf", read_file(dir / "drawn.png"), "invoice",
       "Named .pdf but is a PNG image; read as a PNG image."},
      {"letter.docx",
       make_opendocument("application/vnd.oasis.opendocument.text",
                         "<office:text><text:p>Dear neighbour, the fence is fixed.</text:p></office:text>"),
       "neighbour", "Named .docx but is an OpenDocument text; read as an OpenDocument text."},
      {"novel.zip",
       make_epub({{"ch1.xhtml",
                   "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
                   "<title>t</title></head><body><p>The lighthouse keeper waited.</p></body></html>"}}),
       "lighthouse", "Named .zip but is an EPUB e-book; read as an EPUB e-book."},
  };
}

}  // namespace

TEST_CASE("a file with a wrong or missing extension is read by its content, with a note on its row") {
  TempDir dir;
  for (const auto& document : misnamed_documents(dir)) {
    check_read_by_content(extract_file(dir.write(document.name, document.bytes)), document);
  }
}

TEST_CASE("a zip entry with a wrong or missing extension is read by its content, with a note on its row") {
  TempDir dir;
  std::vector<Misnamed> documents = misnamed_documents(dir);
  std::vector<ZipMember> members;
  for (const auto& document : documents) members.push_back({"inbox/" + document.name, document.bytes});
  // Not a format we read, whatever the name: stays UNSUPPORTED_FORMAT.
  members.push_back({"program.bin", std::string("\x7F"
                                                "ELF\x02\x01\x01",
                                                7) +
                                        std::string(9000, '\x01')});
  // A plain archive named as text is still an archive inside an archive.
  members.push_back({"notes.txt", make_zip({{"a.txt", "inner text"}})});

  ExtractResult result = extract_bytes("bundle.zip", make_zip(members));
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == documents.size() + 2);
  for (const auto& document : documents) {
    const ArchiveEntry* entry = find_entry(result, "inbox/" + document.name);
    REQUIRE(entry != nullptr);
    check_read_by_content(entry->result, document);
  }
  const ArchiveEntry* program = find_entry(result, "program.bin");
  REQUIRE(program != nullptr);
  CHECK(program->result.error.code == error_code::kUnsupportedFormat);
  CHECK(program->result.error.message.find("program.bin in bundle.zip") != std::string::npos);
  const ArchiveEntry* inner = find_entry(result, "notes.txt");
  REQUIRE(inner != nullptr);
  CHECK(inner->result.error.code == error_code::kUnsupportedFormat);
  CHECK(inner->result.error.message ==
        "notes.txt in bundle.zip is an archive inside an archive, which is not read.");
  CHECK(inner->result.encoding == "Named .txt but is a zip archive; read as a zip archive.");
}

TEST_CASE(
    "a mail attachment with a wrong or missing extension is read by its content, with a note on its row") {
  TempDir dir;
  std::vector<Misnamed> documents = misnamed_documents(dir);
  ExtractResult result = extract_bytes("files.eml", mail_with_attachments(documents));
  REQUIRE(result.ok());
  REQUIRE(result.is_archive);
  REQUIRE(result.entries.size() == documents.size() + 1);  // the message itself, then each attachment
  for (const auto& document : documents) {
    const ArchiveEntry* entry = find_entry(result, document.name);
    REQUIRE(entry != nullptr);
    check_read_by_content(entry->result, document);
  }
}

TEST_CASE("a mail with attachments inside a zip: its message and attachments become entries of the zip") {
  Misnamed sheet{"figures.zip",
                 make_xlsx({{"Sales", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"}}, {"Turnover"}),
                 "turnover", "Named .zip but is an Excel workbook; read as an Excel workbook."};
  ExtractResult result = extract_bytes(
      "backup.zip",
      make_zip({{"notes.txt", "Plain notes."}, {"mail/files.eml", mail_with_attachments({sheet})}}));
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == 3);
  CHECK(result.entries[0].name == "notes.txt");
  CHECK(result.entries[1].name == "mail/files.eml/message");
  CHECK(result.entries[1].result.text ==
        "Subject: Files\nFrom: Ana Lima <ana@example.org>\n\nThe files you asked for.");
  CHECK(result.entries[2].name == "mail/files.eml/figures.zip");
  check_read_by_content(result.entries[2].result, sheet);
}

TEST_CASE("a name that matches the content adds no note, and text that only quotes a tag stays text") {
  ExtractResult docx = extract_bytes("report.docx", make_docx({"Plain and correct."}));
  REQUIRE(docx.ok());
  CHECK(docx.encoding.empty());
  ExtractResult quoted = extract_bytes("howto.txt", "<html> starts a page; From: starts a mail header.\n");
  REQUIRE(quoted.ok());
  CHECK(quoted.encoding == "UTF-8");
  CHECK(quoted.text == "<html> starts a page; From: starts a mail header.");
  // A plain zip named like a zip document keeps that reader, which says what is missing.
  ExtractResult hollow = extract_bytes("empty.docx", make_zip({{"readme.txt", "no document here"}}));
  CHECK(hollow.error.code == error_code::kCorrupt);
  CHECK(hollow.encoding.empty());
}

TEST_CASE("a file no longer than its magic number is read by its reader, not refused for memory") {
  // The look-ahead for a zip's manifest or a WebP's tag must stop at the file's end.
  ExtractResult zip = extract_bytes("short.docx", std::string("PK\x03\x04", 4));
  CHECK(zip.error.code == error_code::kCorrupt);
  CHECK(zip.error.message.find("short.docx") != std::string::npos);
  ExtractResult webp = extract_bytes("short.webp", std::string("RIFF\0\0", 6));
  CHECK(webp.error.code == error_code::kCorrupt);
  ExtractResult csv = extract_bytes("short.csv", std::string("PK\x03\x04", 4));
  CHECK(csv.error.code != error_code::kTooLarge);
  CHECK(csv.error.message.find("memory") == std::string::npos);
}
