// Text encodings: byte order marks, declared charsets, detection, and what is refused.
// Every input is produced here with iconv from UTF-8 text, so the expected words are
// known exactly.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

#include "engine/pipeline/extract/extract.h"
#include "engine/pipeline/extract/text_encoding.h"
#include "tests/support/extract_checks.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::extract_ok;
using blockify::test::TempDir;

namespace {

// `utf8` converted to `encoding` (an iconv name); fails the test if iconv cannot.
std::string encode(const std::string& utf8, const char* encoding) {
  iconv_t converter = iconv_open(encoding, "UTF-8");
  REQUIRE(converter != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dest = out.data();
  size_t dest_left = out.size();
  size_t status = iconv(converter, &in, &in_left, &dest, &dest_left);
  iconv_close(converter);
  REQUIRE(status != static_cast<size_t>(-1));
  out.resize(out.size() - dest_left);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Checks that a file `name` holding `bytes` reads as `text`, with the encoding reported as
// `reported`; the test stops here if the file does not extract at all.
void check_reads_as(const char* name, const std::string& bytes, const std::string& text,
                    const std::string& reported) {
  CAPTURE(name);
  ExtractResult result = extract_ok(name, bytes);
  CHECK(result.text == text);
  CHECK(result.encoding == reported);
}

}  // namespace

TEST_CASE("an HTML page that declares ISO-8859-1 reads with its accents, and the encoding is reported") {
  std::string page =
      "<html><head><meta charset=ISO-8859-1><title>t</title></head>"
      "<body><p>Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
      "e</p></body></html>";
  check_reads_as("menu.html", encode(page, "ISO-8859-1"),
                 "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                 "e",
                 "ISO-8859-1 (declared)");

  // The http-equiv form, with windows-1252 curly quotes.
  std::string equiv =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
      "</head><body><p>\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 na\xC3\xAFve</p></body></html>";
  check_reads_as("quotes.htm", encode(equiv, "WINDOWS-1252"),
                 "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x80\x94 na\xC3\xAFve", "WINDOWS-1252 (declared)");

  // An XHTML page says it in its XML declaration.
  std::string xhtml =
      "<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><html><body><p>Prix: 5 \xE2\x82\xAC</p></body></html>";
  check_reads_as("price.html", encode(xhtml, "ISO-8859-15"), "Prix: 5 \xE2\x82\xAC",
                 "ISO-8859-15 (declared)");
}

TEST_CASE("byte order marks decide: UTF-8, UTF-16 LE/BE and UTF-32 text reads as the same words") {
  const std::string words =
      "Gr\xC3\xBC\xC3\x9F"
      "e aus K\xC3\xB6ln \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC";
  TempDir dir;
  struct Case {
    const char* name;
    std::string bytes;
    const char* encoding;
  };
  Case cases[] = {
      {"bom8.txt", "\xEF\xBB\xBF" + words, "UTF-8 (BOM)"},
      {"le.txt", encode(words, "UTF-16") /* glibc writes a BOM, little-endian here */, "UTF-16LE (BOM)"},
      {"be.csv", std::string("\xFE\xFF") + encode("Name\n" + words, "UTF-16BE"), "UTF-16BE (BOM)"},
      {"wide.md", std::string("\xFF\xFE\x00\x00", 4) + encode(words, "UTF-32LE"), "UTF-32LE (BOM)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    ExtractResult result = extract_file(dir.write(c.name, c.bytes));
    REQUIRE(result.ok());
    CHECK(contains(result.text, words));
    CHECK(result.text.find('\0') == std::string::npos);
    CHECK(result.encoding == c.encoding);
  }
  // UTF-16 saved without a mark is recognised by its pattern of NUL bytes.
  const std::string notepad = "Plain words in wide characters, saved by Notepad.";
  check_reads_as("notes.txt", encode(notepad, "UTF-16LE"), notepad, "UTF-16LE (detected)");
}

TEST_CASE("undeclared legacy text is detected: windows-1252 quotes and accents, Cyrillic windows-1251") {
  const std::string french =
      "\xE2\x80\x9CLe caf\xC3\xA9 est pr\xC3\xAAt\xE2\x80\x9D, dit-elle. Nous avons d\xC3\xA9j\xC3\xA0 "
      "mang\xC3\xA9 "
      "\xC3\xA0 l\xE2\x80\x99h\xC3\xB4tel pr\xC3\xA8s de la for\xC3\xAAt; le g\xC3\xA2teau \xC3\xA9tait "
      "d\xC3\xA9licieux.";
  ExtractResult latin = extract_ok("letter.txt", encode(french, "WINDOWS-1252"));
  CHECK(latin.text == french);
  CHECK(contains(latin.encoding, "(detected)"));

  const std::string russian =
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80! \xD0\xAD\xD1\x82\xD0\xBE "
      "\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81\xD1\x82\xD0\xBE\xD0\xB9 \xD1\x82\xD0\xB5\xD0\xBA\xD1\x81\xD1\x82 "
      "\xD0\xBD\xD0\xB0 \xD1\x80\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xBE\xD0\xBC "
      "\xD1\x8F\xD0\xB7\xD1\x8B\xD0\xBA\xD0\xB5, "
      "\xD0\xBA\xD0\xBE\xD1\x82\xD0\xBE\xD1\x80\xD1\x8B\xD0\xB9 \xD0\xBC\xD1\x8B "
      "\xD1\x87\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB5\xD0\xBC "
      "\xD0\xB8 \xD0\xBF\xD0\xB8\xD1\x88\xD0\xB5\xD0\xBC \xD0\xBA\xD0\xB0\xD0\xB6\xD0\xB4\xD1\x8B\xD0\xB9 "
      "\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x8C.";
  check_reads_as("privet.txt", encode(russian, "WINDOWS-1251"), russian, "WINDOWS-1251 (detected)");

  // CSV and JSON take the same path.
  ExtractResult csv = extract_ok("prices.csv", encode("Item;Price\nCr\xC3\xA8me;3\n", "WINDOWS-1252"));
  CHECK(csv.text == "Item: Cr\xC3\xA8me; Price: 3");
}

TEST_CASE("plain UTF-8 is reported as UTF-8 and stray NUL bytes never reach the text") {
  ExtractResult clean = extract_ok("a.txt", "plain words");
  CHECK(clean.encoding == "UTF-8");
  ExtractResult nul = extract_ok("b.txt", std::string("one long line of words\0 with a stray NUL in it", 46));
  CHECK(nul.text == "one long line of words with a stray NUL in it");
}

TEST_CASE("binary junk named .txt fails BAD_ENCODING: nothing explains it") {
  std::string junk;
  uint32_t state = 12345;
  for (int i = 0; i < 4096; ++i) {
    state = state * 1103515245u + 12345u;
    junk += static_cast<char>((state >> 16) & 0xFF);
  }
  TempDir dir;
  ExtractResult result = extract_file(dir.write("data.txt", junk));
  CHECK(result.error.code == error_code::kBadEncoding);
  CHECK(contains(result.error.message, "data.txt"));
  CHECK(result.error.message.back() == '.');
  CHECK(!result.error.hint.empty());
  CHECK(result.text.empty());

  // All zeros is valid UTF-8, but it is not text either.
  CHECK(extract_bytes("zeros.md", std::string(2000, '\0')).error.code == error_code::kBadEncoding);
  // A UTF-16 mark followed by a lone surrogate is not UTF-16.
  CHECK(extract_bytes("bad16.txt", std::string("\xFF\xFE\x00\xD8\x41\x00", 6)).error.code ==
        error_code::kBadEncoding);
}

TEST_CASE("declared charsets are found in meta tags and XML declarations only") {
  CHECK(declared_html_charset("<html><head><META CHARSET=\"Shift_JIS\">") == "shift_jis");
  CHECK(declared_html_charset("<meta http-equiv='content-type' content='text/html;charset=koi8-r'>") ==
        "koi8-r");
  CHECK(declared_html_charset("<p>charset=utf-16 in the text is no declaration</p>") == "");
  CHECK(declared_xml_encoding("<?xml version='1.0' encoding='UTF-8'?><a/>") == "utf-8");
  CHECK(declared_xml_encoding("<a/>") == "");
  // A declaration the bytes contradict is ignored, not trusted.
  DecodedText wrong = decode_text("x.html", "caf\xC3\xA9", "shift_jis_not_a_charset");
  REQUIRE(wrong.ok());
  CHECK(wrong.text == "caf\xC3\xA9");
}
