// Extract: OpenDocument text (.odt) and slides (.odp), and .epub books.
#include <doctest/doctest.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/document_writer.h"
#include "tests/support/zip_writer.h"

using namespace blockify;
using namespace blockify::test;

namespace {

std::string xhtml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>)"
         R"(<title>ignored title</title></head><body>)" +
         body + "</body></html>";
}

}  // namespace

TEST_CASE("odt: headings, paragraphs, list items and table rows in document order") {
  std::string body =
      R"(<office:text><text:h text:outline-level="1">Retry policy</text:h>)"
      R"(<text:p>A job <text:span>restarts</text:span><text:s text:c="3"/>from<text:tab/>the start.)"
      R"(<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>FOOTNOTE</text:p>)"
      R"(</text:note-body></text:note></text:p>)"
      R"(<text:list><text:list-item><text:p>First step</text:p></text:list-item>)"
      R"(<text:list-item><text:p>Second<text:line-break/>step</text:p></text:list-item></text:list>)"
      R"(<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell>)"
      R"(<table:table-cell><text:p>Age</text:p></table:table-cell></table:table-row>)"
      R"(<table:table-row><table:table-cell><text:p>Ada</text:p></table:table-cell>)"
      R"(<table:table-cell><text:p>36</text:p></table:table-cell></table:table-row></table:table>)"
      R"(<text:p>The end.</text:p></office:text>)";
  ExtractResult result =
      extract_bytes("policy.odt", make_opendocument("application/vnd.oasis.opendocument.text", body));
  REQUIRE(result.ok());
  CHECK(result.text ==
        "Retry policy\n\nA job restarts from the start.\n\nFirst step\n\nSecond\nstep\n\n"
        "Name \xC2\xB7 Age\n\nAda \xC2\xB7 36\n\nThe end.");
}

TEST_CASE(
    "ods: a value after 14 million repeated empty columns, in a row repeated 1,000 times, costs its text") {
  // Rows used to be held padded to their last column: this 2 KB file took over 2 GB.
  std::string cells;
  for (int i = 0; i < 900; ++i) cells += "<table:table-cell table:number-columns-repeated=\"16384\"/>";
  cells += "<table:table-cell><text:p>far</text:p></table:table-cell>";
  std::string content =
      "<?xml version=\"1.0\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
      "<table:table table:name=\"Wide\"><table:table-row table:number-rows-repeated=\"1000\">" +
      cells + "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
  ExtractResult result = extract_bytes(
      "wide.ods",
      make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}}));
  REQUIRE(result.ok());
  CHECK(result.text.rfind("Wide\n\nfar: far\n\nfar: far", 0) == 0);  // the first row labels the 999 others
}

TEST_CASE("odp: slides in order, speaker notes left out") {
  std::string body =
      R"(<office:presentation>)"
      R"(<draw:page draw:name="one"><draw:frame><draw:text-box><text:p>Slide one title</text:p>)"
      R"(<text:p>First point</text:p></draw:text-box></draw:frame>)"
      R"(<presentation:notes><draw:frame><draw:text-box><text:p>SPEAKER NOTE</text:p></draw:text-box></draw:frame>)"
      R"(</presentation:notes></draw:page>)"
      R"(<draw:page draw:name="two"><draw:frame><draw:text-box><text:p>Slide two</text:p></draw:text-box>)"
      R"(</draw:frame></draw:page></office:presentation>)";
  ExtractResult result =
      extract_bytes("deck.odp", make_opendocument("application/vnd.oasis.opendocument.presentation", body));
  REQUIRE(result.ok());
  CHECK(result.text == "Slide one title\n\nFirst point\n\nSlide two");
}

TEST_CASE("OpenDocument failures: password protection is ENCRYPTED, no text is NO_TEXT") {
  std::string manifest =
      R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">)"
      R"(<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>)"
      R"(</manifest:manifest>)";
  ExtractResult locked =
      extract_bytes("secret.odt", make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                            {"content.xml", "\x01\x02 encrypted bytes"},
                                            {"META-INF/manifest.xml", manifest}}));
  CHECK(locked.error.code == error_code::kEncrypted);
  CHECK(locked.error.message.find("secret.odt") != std::string::npos);
  ExtractResult empty = extract_bytes(
      "empty.odt", make_opendocument("application/vnd.oasis.opendocument.text", "<office:text/>"));
  CHECK(empty.error.code == error_code::kNoText);
}

TEST_CASE("epub: chapters in spine order through the HTML reader, whatever the zip order") {
  std::vector<EpubChapter> chapters = {
      {"text/cover.xhtml", xhtml(R"(<img src="cover.jpg" alt=""/>)")},
      // A space in the name: the manifest writes it %20.
      {"text/chapter 1.xhtml", xhtml("<h1>Chapter One</h1><p>It was a dark night.</p>")},
      {"text/ch2.xhtml", xhtml("<h1>Chapter Two</h1><p>Morning came.</p><script>hidden()</script>")},
  };
  std::string book = make_epub(chapters);
  ExtractResult result = extract_bytes("novel.epub", book);
  REQUIRE(result.ok());
  CHECK(result.text.find("Chapter One\n\nIt was a dark night.\n\nChapter Two\n\nMorning came.") !=
        std::string::npos);
  CHECK(result.text.find("hidden") == std::string::npos);
  CHECK(result.text.find("ignored title") == std::string::npos);

  ExtractResult renamed = extract_bytes("book.zip", book);
  REQUIRE(renamed.ok());
  CHECK(renamed.encoding == "Named .zip but is an EPUB e-book; read as an EPUB e-book.");
  CHECK_FALSE(renamed.is_archive);
}

TEST_CASE("epub without a package file is CORRUPT and says which part is missing") {
  ExtractResult result = extract_bytes("bad.epub", make_zip({{"mimetype", "application/epub+zip"}}));
  CHECK(result.error.code == error_code::kCorrupt);
  CHECK(result.error.message.find("META-INF/container.xml") != std::string::npos);
}
