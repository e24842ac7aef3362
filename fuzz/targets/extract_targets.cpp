// Fuzz targets for the Extract stage: one per format, each through extract_bytes() — the
// same extension dispatch (extract_by_extension) the job runner reaches via
// extract_file() — with the production limits (OCR aside, see fuzz_limits) and a live,
// never-cancelled token.
#include <string>
#include <string_view>

#include "engine/domain/error.h"
#include "engine/pipeline/extract/extract.h"
#include "engine/pipeline/extract/extract_formats.h"
#include "engine/pipeline/extract/extract_ocr.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_targets.h"

namespace blockify::fuzz {
namespace {

// What every extraction promises, whatever the bytes: a success carries UTF-8 text and
// no error; a failure carries a code, a sentence and a hint, and is never INTERNAL
// (a reader that lets its library's exception escape is a bug, not a corrupt file).
void check_result(const ExtractResult& result, int depth) {
  FUZZ_CHECK(depth <= 8, "archive entries nest deeper than an archive inside an archive");
  if (result.ok()) {
    FUZZ_CHECK(extract_internal::first_invalid_utf8(result.text) == std::string::npos,
               "extracted text is not UTF-8");
  } else {
    FUZZ_CHECK(!result.error.message.empty(), "a failed extraction has no message");
    FUZZ_CHECK(!result.error.hint.empty(), "a failed extraction has no hint");
    FUZZ_CHECK(result.error.code != error_code::kInternal, "a reader failed unexpectedly (INTERNAL)");
  }
  for (const auto& entry : result.entries) {
    FUZZ_CHECK(extract_internal::first_invalid_utf8(entry.name) == std::string::npos,
               "an archive entry name is not UTF-8");
    check_result(entry.result, depth + 1);
  }
}

// The production limits, but for OCR's time: recognising a real page takes Tesseract a
// second or more (its work, not a hang in ours), so here the limit per page is one second
// and its TOO_LARGE path is what gets exercised. PDFs are read with OCR off: a scanned
// page first costs poppler a 300-dpi render, and two such pages take 2 s of CPU under the
// sanitizers whatever the limit (the ordinary tests OCR scanned PDFs).
ExtractLimits fuzz_limits(bool ocr) {
  ExtractLimits limits;
  limits.ocr.enabled = ocr;
  limits.ocr.page_seconds = 1;
  return limits;
}

void extract_as(std::string_view name, std::string_view input, bool ocr = true) {
  CancelToken cancel;  // live but never cancelled, so the readers' checks run
  check_result(extract_bytes(name, input, fuzz_limits(ocr), &cancel), 0);
}

}  // namespace

void fuzz_load_ocr() { extract_internal::preload_ocr(OcrSettings{}); }

void fuzz_extract_text(std::string_view input) {
  extract_as("input.txt", input);
  extract_as("input.md", input);
}
void fuzz_extract_csv(std::string_view input) { extract_as("input.csv", input); }
void fuzz_extract_json(std::string_view input) { extract_as("input.json", input); }
void fuzz_extract_html(std::string_view input) { extract_as("input.html", input); }
void fuzz_extract_docx(std::string_view input) { extract_as("input.docx", input); }
void fuzz_extract_pptx(std::string_view input) { extract_as("input.pptx", input); }
void fuzz_extract_pdf(std::string_view input) { extract_as("input.pdf", input, /*ocr=*/false); }
void fuzz_extract_zip(std::string_view input) { extract_as("input.zip", input); }

}  // namespace blockify::fuzz
