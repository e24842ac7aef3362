// Extract with OCR (Tesseract): images of text drawn here in DejaVu Sans, and scanned
// PDF pages. OCR is slow on small machines, so the images are few and small.
#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "engine/pipeline/extract/extract.h"
#include "tests/support/image_writer.h"
#include "tests/support/pdf_writer.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using namespace blockify::test;

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// True when `text` holds `word` (case-insensitive), allowing one wrong letter in words
// of five letters or more: OCR may misread a glyph, the test should not.
bool has_word(const std::string& text, const std::string& word) {
  std::string current;
  std::vector<std::string> words;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!current.empty()) {
      words.push_back(current);
      current.clear();
    }
  }
  std::string wanted = word;
  for (char& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& w : words) {
    if (w == wanted || (wanted.size() >= 5 && edit_distance(w, wanted) <= 1)) return true;
  }
  return false;
}

ScanPage scanned_page(const TempDir& dir, const std::string& name, const std::vector<std::string>& lines) {
  ScanPage page;
  page.width = 1400;
  page.height = 300;
  draw_text_image(dir / name, lines, page.width, page.height);
  page.gray = read_file(dir / name);
  REQUIRE(page.gray.size() == static_cast<size_t>(page.width * page.height));
  return page;
}

}  // namespace

TEST_CASE("OCR reads a PNG and a two-page TIFF; the file's row says OCR and its confidence") {
  TempDir dir;
  draw_text_image(dir / "memo.png", {"Quarterly revenue grew", "across every region"});
  ExtractResult png = extract_file(dir / "memo.png");
  REQUIRE(png.ok());
  for (const char* word : {"Quarterly", "revenue", "grew", "across", "every", "region"}) {
    CHECK_MESSAGE(has_word(png.text, word), word << " not in: " << png.text);
  }
  CHECK(png.encoding.rfind("OCR, ", 0) == 0);
  CHECK(png.encoding.find("% confidence") != std::string::npos);

  draw_text_image(dir / "p1.png", {"First page about invoices"}, 1200, 150);
  draw_text_image(dir / "p2.png", {"Second page about payments"}, 1200, 150);
  run_convert({(dir / "p1.png").string(), (dir / "p2.png").string(), (dir / "scan.tif").string()});
  std::vector<std::pair<int, int>> progress;
  ExtractLimits limits;
  limits.ocr.progress = [&](int done, int total) { progress.emplace_back(done, total); };
  ExtractResult tiff = extract_file(dir / "scan.tif", limits);
  REQUIRE(tiff.ok());
  CHECK(has_word(tiff.text, "invoices"));
  CHECK(has_word(tiff.text, "payments"));
  CHECK(tiff.text.find("nvoices") < tiff.text.find("ayments"));  // page order kept
  CHECK(progress == std::vector<std::pair<int, int>>{{0, 2}, {1, 2}, {1, 2}, {2, 2}});
}

TEST_CASE("a mixed PDF keeps its text layer and OCRs the scanned page; with OCR off it says how to fix it") {
  TempDir dir;
  ScanPage typed;
  typed.text_lines = {"This page was typed and has a text layer."};
  ScanPage scanned = scanned_page(dir, "page.gray", {"Scanned contract signed", "by both parties"});
  std::string pdf = make_scanned_pdf({typed, scanned});
  ExtractResult mixed = extract_bytes("contract.pdf", pdf);
  REQUIRE(mixed.ok());
  CHECK(mixed.text.rfind("This page was typed and has a text layer.", 0) == 0);
  for (const char* word : {"Scanned", "contract", "signed", "parties"}) {
    CHECK_MESSAGE(has_word(mixed.text, word), word << " not in: " << mixed.text);
  }
  CHECK(mixed.encoding.find("(1 of 2 pages)") != std::string::npos);

  ExtractLimits off;
  off.ocr.enabled = false;
  ExtractResult only_scan = extract_bytes("scan.pdf", make_scanned_pdf({scanned}), off);
  CHECK(only_scan.error.code == error_code::kNoText);
  CHECK(only_scan.error.message.find("scan.pdf") != std::string::npos);
  CHECK(only_scan.error.hint == "Turn on OCR in Settings, then retry.");
  ExtractResult image_off = extract_bytes("photo.png", "\x89PNG\r\n\x1A\n", off);
  CHECK(image_off.error.code == error_code::kNoText);
  CHECK(image_off.error.hint == "Turn on OCR in Settings, then retry.");
}

// ImageMagick writes 32-bit BMPs with bit masks (BI_BITFIELDS), which Leptonica alone refuses.
TEST_CASE("OCR reads JPEG, BMP (bit-mask BMP included) and WebP images too") {
  TempDir dir;
  for (const char* name : {"receipt.jpg", "receipt.bmp", "receipt.webp"}) {
    draw_text_image(dir / name, {"Harbour invoice settled"}, 1000, 150);
    ExtractResult image = extract_file(dir / name);
    INFO(std::string(name), ": ", image.error.message);
    REQUIRE(image.ok());
    for (const char* word : {"Harbour", "invoice", "settled"}) {
      CHECK_MESSAGE(has_word(image.text, word), word << " not in: " << image.text);
    }
    CHECK(image.encoding.rfind("OCR, ", 0) == 0);
  }
}

TEST_CASE("OCR stops when the job is cancelled mid-page, and a missing language names its Debian package") {
  TempDir dir;
  draw_text_image(dir / "page.png", {"Cancel me while reading"}, 1000, 150);
  CancelToken cancel;
  ExtractLimits limits;
  // The cancel arrives as page 1 starts: Tesseract's cancel callback must stop the page.
  limits.ocr.progress = [&](int done, int) {
    if (done == 0) cancel.cancel();
  };
  ExtractResult stopped = extract_file(dir / "page.png", limits, &cancel);
  CHECK(stopped.error.code == error_code::kInterrupted);
  CHECK(stopped.error.message.find("page.png") != std::string::npos);

  ExtractLimits klingon;
  klingon.ocr.languages = "eng+tlh";
  ExtractResult missing = extract_file(dir / "page.png", klingon);
  CHECK(missing.error.code == error_code::kOcrUnavailable);
  CHECK(missing.error.message.find("\"tlh\"") != std::string::npos);
  CHECK(missing.error.hint.find("tesseract-ocr-tlh") != std::string::npos);
}

TEST_CASE("a damaged image fails CORRUPT before OCR is loaded, whatever the OCR languages") {
  ExtractLimits klingon;
  klingon.ocr.languages = "tlh";  // not installed: loading OCR would fail OCR_UNAVAILABLE
  ExtractResult damaged = extract_bytes("cut.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10), klingon);
  CHECK(damaged.error.code == error_code::kCorrupt);
  CHECK(damaged.error.message.find("cut.jpg") != std::string::npos);
}

TEST_CASE("images read one after another share one loaded OCR and read the same") {
  TempDir dir;
  draw_text_image(dir / "first.png", {"Harbour invoice settled"}, 1000, 150);
  ExtractResult first = extract_file(dir / "first.png");
  ExtractResult second = extract_file(dir / "first.png");
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(second.text == first.text);
  CHECK(second.encoding == first.encoding);
}

TEST_CASE("a scanned page 200 inches square is rendered for OCR within 50 million pixels, not gigabytes") {
  std::string pdf = make_pdf_without_text(1);
  const std::string letter = "/MediaBox [0 0 612 792]";
  size_t at = pdf.find(letter);
  REQUIRE(at != std::string::npos);
  pdf.replace(at, letter.size(), "/MediaBox [0 0 14400 14400]");  // at 300 dpi: 60,000 pixels square
  ExtractResult result = extract_bytes("poster.pdf", pdf);
  CHECK(result.error.code == error_code::kNoText);  // rendered and read: a grey box holds no text
  CHECK(result.error.message.find("poster.pdf") != std::string::npos);
}

namespace {

// A PNG chunk: length, type, data and the CRC libpng checks.
std::string png_chunk(const std::string& type, const std::string& data) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  std::string body = type + data;
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  return be32(static_cast<uint32_t>(data.size())) + body + be32(static_cast<uint32_t>(crc));
}

}  // namespace

TEST_CASE("an image whose header declares 40,000 × 40,000 pixels fails TOO_LARGE before it is decoded") {
  // 8-bit grey, 40,000 pixels wide and high; the data holds one white row.
  std::string header("\0\0\x9C\x40\0\0\x9C\x40\x08\0\0\0\0", 13);
  std::string row(40001, '\xFF');
  row[0] = 0;  // filter type: none
  std::string packed(compressBound(row.size()), '\0');
  uLongf packed_size = packed.size();
  REQUIRE(compress(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                   reinterpret_cast<const Bytef*>(row.data()), row.size()) == Z_OK);
  packed.resize(packed_size);
  std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", header) +
                    png_chunk("IDAT", packed) + png_chunk("IEND", "");
  CHECK(png.size() < 1000);
  ExtractResult result = extract_bytes("huge.png", png);
  CHECK(result.error.code == error_code::kTooLarge);
  CHECK(result.error.message.find("huge.png is 40,000 × 40,000 pixels") != std::string::npos);
}
