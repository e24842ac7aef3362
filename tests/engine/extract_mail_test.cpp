// Extract: mail (.eml, .mbox): headers, the body in its charset, attachments as entries.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/extract_checks.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

// "Region,Score\nNorth,41\n" in base64.
const char* const kCsvBase64 = "UmVnaW9uLFNjb3JlCk5vcnRoLDQxCg==";

std::string message_with_attachment() {
  return "From: Ana Lima <ana@example.org>\r\n"
         "To: team@example.org\r\n"
         "Subject: =?UTF-8?B?UXVhcnRlcmx5IHJlc3VsdHMg4oCUIFEz?=\r\n"
         "Date: Tue, 01 Oct 2024 09:30:00 +0200\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
         "\r\n"
         "--outer\r\n"
         "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
         "\r\n"
         "--inner\r\n"
         "Content-Type: text/plain; charset=iso-8859-1\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n"
         "\r\n"
         "Hello team,\r\n"
         "\r\n"
         "the caf=E9 budget is attached.\r\n"
         "--inner\r\n"
         "Content-Type: text/html; charset=utf-8\r\n"
         "\r\n"
         "<p>HTML VERSION</p>\r\n"
         "--inner--\r\n"
         "--outer\r\n"
         "Content-Type: text/csv; name=\"scores.csv\"\r\n"
         "Content-Disposition: attachment; filename=\"scores.csv\"\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "\r\n" +
         std::string(kCsvBase64) +
         "\r\n"
         "--outer\r\n"
         "Content-Type: application/octet-stream\r\n"
         "Content-Disposition: attachment; filename=\"../../evil.zip\"\r\n"
         "\r\n"
         "PK\r\n"
         "--outer--\r\n";
}

}  // namespace

TEST_CASE("eml: headers first, the text body in its charset, attachments as child entries") {
  TempDir dir;
  ExtractResult result = extract_file(dir.write("results.eml", message_with_attachment()));
  REQUIRE(result.ok());
  REQUIRE(result.is_archive);
  const ArchiveEntry* body = find_entry(result, "message");
  REQUIRE(body != nullptr);
  REQUIRE(body->result.ok());
  CHECK(body->result.text ==
        "Subject: Quarterly results \xE2\x80\x94 Q3\nFrom: Ana Lima <ana@example.org>\nDate: 2024-10-01 "
        "09:30 +0200"
        "\n\nHello team,\n\nthe caf\xC3\xA9 budget is attached.");
  CHECK(body->result.encoding == "ISO-8859-1 (declared)");
  const ArchiveEntry* csv = find_entry(result, "scores.csv");
  REQUIRE(csv != nullptr);
  REQUIRE(csv->result.ok());
  CHECK(csv->result.text == "Region: North; Score: 41");
  // A name is never a path, and an archive inside a mail is not unpacked.
  const ArchiveEntry* zip = find_entry(result, ".._.._evil.zip");
  REQUIRE(zip != nullptr);
  CHECK(zip->result.error.code == error_code::kUnsupportedFormat);
  CHECK(zip->result.error.message.find("evil.zip in results.eml") != std::string::npos);
}

TEST_CASE("eml without attachments reads like a document; an HTML-only body is read as HTML") {
  std::string html_mail =
      "From: news@example.org\nSubject: Newsletter\nContent-Type: text/html; charset=windows-1252\n\n"
      "<html><body><h1>News</h1><p>\x93Quoted\x94 text.</p><script>x()</script></body></html>\n";
  ExtractResult result = extract_bytes("news.eml", html_mail);
  REQUIRE(result.ok());
  CHECK_FALSE(result.is_archive);
  CHECK(result.text ==
        "Subject: Newsletter\nFrom: news@example.org\n\nNews\n\n\xE2\x80\x9CQuoted\xE2\x80\x9D text.");
  CHECK(result.encoding == "WINDOWS-1252 (declared)");
}

TEST_CASE("mbox: every message an entry, its attachments beside it; detected without the extension") {
  std::string mbox =
      "From alice@example.org Mon Sep 30 10:00:00 2024\n"
      "From: alice@example.org\nSubject: First\n\nBody one.\n>From here on, quoted.\n\n"
      "From bob@example.org Mon Sep 30 11:00:00 2024\n"
      "From: bob@example.org\nSubject: Second\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nBody two.\n"
      "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=notes.txt\n\nAttached "
      "notes.\n"
      "--b--\n";
  ExtractResult result = extract_bytes("Inbox", mbox);
  REQUIRE(result.ok());
  REQUIRE(result.entries.size() == 3);
  CHECK(result.entries[0].name == "message 1");
  CHECK(result.entries[0].result.text ==
        "Subject: First\nFrom: alice@example.org\n\nBody one.\nFrom here on, quoted.");
  CHECK(result.entries[1].name == "message 2");
  CHECK(result.entries[1].result.text == "Subject: Second\nFrom: bob@example.org\n\nBody two.");
  CHECK(result.entries[2].name == "message 2/notes.txt");
  CHECK(result.entries[2].result.text == "Attached notes.");
  CHECK(result.encoding == "Has no extension but is a mailbox; read as a mailbox.");
}

TEST_CASE("a mail with more attachments than the archive limit fails ARCHIVE_LIMIT") {
  std::string mail =
      "From: a@example.org\nSubject: Many\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 5; ++i) {
    mail += "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=f" + std::to_string(i) +
            ".txt\n\nfile " + std::to_string(i) + "\n";
  }
  mail += "--b--\n";
  ExtractLimits limits;
  limits.max_archive_entries = 3;
  ExtractResult result = extract_bytes("many.eml", mail, limits);
  CHECK(result.error.code == error_code::kArchiveLimit);
  CHECK(result.error.message.find("many.eml") != std::string::npos);
}
